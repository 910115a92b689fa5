//! Images for the clipboard plugin, as PNG: decoded and encoded with the `png` crate (pure
//! Rust, bounded), never by the desktop's image loaders, so a page's bytes reach no C decoder.

use std::io::Cursor;

use gtk::gdk_pixbuf::{Colorspace, Pixbuf};
use gtk::glib;
use rampart_core::ipc::IpcError;

/// The largest image, in pixels each way.
pub const MAX_SIDE: u32 = 8192;

/// The most memory a decoded image may take.
const MAX_DECODED: usize = 128 * 1024 * 1024;

/// An image as 8-bit RGBA rows, ready for GTK.
pub(crate) struct Rgba {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

/// Decodes `png` (a page's bytes) into RGBA, within [`MAX_SIDE`] and the memory bound.
pub(crate) fn decode(png: &[u8]) -> Result<Rgba, IpcError> {
    let bad = |e: png::DecodingError| IpcError::bad_request(format!("not a PNG image: {e}"));
    let limits = png::Limits { bytes: MAX_DECODED };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(png), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(bad)?;
    let (width, height) = (reader.info().width, reader.info().height);
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(IpcError::too_large(format!(
            "an image is at most {MAX_SIDE}×{MAX_SIDE} pixels; this one is {width}×{height}"
        )));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| IpcError::too_large("the image is too large to decode"))?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(bad)?;
    let samples = &buffer[..frame.buffer_size()];
    let pixels = match frame.color_type {
        png::ColorType::Rgba => samples.to_vec(),
        png::ColorType::Rgb => samples
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => samples
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => samples.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => {
            return Err(IpcError::bad_request("a paletted PNG was not expanded"));
        }
    };
    Ok(Rgba {
        width,
        height,
        pixels,
    })
}

/// The image as a GTK pixbuf (on the GTK thread).
pub(crate) fn to_pixbuf(image: Rgba) -> Result<Pixbuf, IpcError> {
    let side = |v: u32| i32::try_from(v).map_err(|_| IpcError::too_large("the image is too large"));
    let (width, height) = (side(image.width)?, side(image.height)?);
    let stride = width
        .checked_mul(4)
        .ok_or_else(|| IpcError::too_large("the image is too large"))?;
    let bytes = glib::Bytes::from_owned(image.pixels);
    Ok(Pixbuf::from_bytes(
        &bytes,
        Colorspace::Rgb,
        true,
        8,
        width,
        height,
        stride,
    ))
}

/// `pixbuf` (what the clipboard holds) encoded as PNG.
pub(crate) fn encode(pixbuf: &Pixbuf) -> Result<Vec<u8>, IpcError> {
    let failed =
        |e: png::EncodingError| IpcError::internal(format!("cannot encode the image: {e}"));
    let width = usize::try_from(pixbuf.width()).unwrap_or(0);
    let height = usize::try_from(pixbuf.height()).unwrap_or(0);
    let channels = usize::try_from(pixbuf.n_channels()).unwrap_or(0);
    let stride = usize::try_from(pixbuf.rowstride()).unwrap_or(0);
    if pixbuf.bits_per_sample() != 8 || !(3..=4).contains(&channels) || width == 0 || height == 0 {
        return Err(IpcError::internal(
            "the clipboard's image has an unusual format",
        ));
    }
    let bytes = pixbuf.read_pixel_bytes();
    let mut rgba = Vec::with_capacity(width * height * 4);
    for row in 0..height {
        let start = row * stride;
        let line = bytes
            .get(start..start + width * channels)
            .ok_or_else(|| IpcError::internal("the clipboard's image is truncated"))?;
        for pixel in line.chunks_exact(channels) {
            rgba.extend_from_slice(&pixel[..3]);
            rgba.push(if channels == 4 { pixel[3] } else { 255 });
        }
    }
    let mut png = Vec::new();
    let (w, h) = (
        pixbuf.width().unsigned_abs(),
        pixbuf.height().unsigned_abs(),
    );
    let mut encoder = png::Encoder::new(&mut png, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&rgba).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(width: u32, height: u32, color: png::ColorType, samples: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(samples).expect("data");
        writer.finish().expect("finish");
        out
    }

    #[test]
    fn every_color_type_decodes_to_rgba() {
        let rgb = decode(&png_of(1, 1, png::ColorType::Rgb, &[1, 2, 3])).expect("rgb");
        assert_eq!(rgb.pixels, [1, 2, 3, 255]);
        let gray =
            decode(&png_of(2, 1, png::ColorType::GrayscaleAlpha, &[9, 8, 7, 6])).expect("gray");
        assert_eq!(gray.pixels, [9, 9, 9, 8, 7, 7, 7, 6]);
        assert_eq!((gray.width, gray.height), (2, 1));
    }

    #[test]
    fn bad_and_oversized_images_are_refused_before_decoding() {
        assert_eq!(
            decode(b"GIF89a").err().map(|e| e.code.as_str()),
            Some("bad_request")
        );
        let mut truncated = png_of(4, 4, png::ColorType::Rgba, &[0; 64]);
        truncated.truncate(truncated.len() - 20);
        assert!(decode(&truncated).is_err());
        // A header claiming 9000×9000: refused from the header alone.
        let wide = png_of(
            MAX_SIDE + 1,
            1,
            png::ColorType::Grayscale,
            &vec![0; MAX_SIDE as usize + 1],
        );
        assert_eq!(
            decode(&wide).err().map(|e| e.code.as_str()),
            Some("too_large")
        );
    }
}

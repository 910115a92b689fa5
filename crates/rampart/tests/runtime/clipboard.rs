//! The clipboard plugin's permissions through the mock door: reading text or images is a
//! permission of its own, not in `clipboard:default`, refused before anything touches the
//! clipboard; images that are not PNG, or too large, are refused before the GTK thread is asked.

use rampart::Builder;
use rampart::mock::{MockApp, MockRequest};
use rampart::plugins::clipboard;
use serde_json::json;

use crate::support;

#[test]
fn reading_the_clipboard_needs_its_own_permission() {
    let capability =
        "identifier = \"copying\"\nwindows = [\"main\"]\npermissions = [\"clipboard:default\"]\n";
    let context = support::fixture_with(
        "clipboard",
        "",
        &[("capabilities/copying.toml", capability)],
    );
    let builder = Builder::new().plugin(clipboard::plugin());
    let app = MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    let read = app.invoke("main", "plugin:clipboard|read_text", json!({}));
    assert_eq!(read.error_code().as_deref(), Some("denied"));
    assert!(!read.body_read);
    // Writing is granted by default, and bounded (checked before the GTK thread is asked).
    let big = app.invoke(
        "main",
        "plugin:clipboard|write_text",
        json!({ "text": "x".repeat(clipboard::MAX_TEXT + 1) }),
    );
    assert_eq!(big.error_code().as_deref(), Some("too_large"));
    let read_image = app.invoke("main", "plugin:clipboard|read_image", json!({}));
    assert_eq!(read_image.error_code().as_deref(), Some("denied"));
    // Images are checked before the GTK thread is asked: bytes that are not a PNG, and a PNG
    // whose header claims more pixels than the limit (refused from the header alone).
    let bytes = |body: Vec<u8>| MockRequest {
        content_type: Some("application/octet-stream"),
        body,
        ..MockRequest::invoke("plugin:clipboard|write_image", json!(null))
    };
    let not_png = app.request("main", bytes(b"GIF89a".to_vec()));
    assert_eq!(not_png.error_code().as_deref(), Some("bad_request"));
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    huge.extend_from_slice(&100_000u32.to_be_bytes());
    huge.extend_from_slice(&1u32.to_be_bytes());
    huge.extend_from_slice(&[8, 0, 0, 0, 0]);
    let crc = crc_of(&huge[12..]);
    huge.extend_from_slice(&crc.to_be_bytes());
    // An IDAT chunk begins, as the decoder reads the header up to the first one.
    huge.extend_from_slice(&2u32.to_be_bytes());
    huge.extend_from_slice(b"IDAT\x78\x9c");
    let crc = crc_of(b"IDAT\x78\x9c");
    huge.extend_from_slice(&crc.to_be_bytes());
    let oversized = app.request("main", bytes(huge));
    assert_eq!(oversized.error_code().as_deref(), Some("too_large"));
    let other = app.invoke(
        "settings",
        "plugin:clipboard|write_text",
        json!({ "text": "x" }),
    );
    assert_eq!(other.error_code().as_deref(), Some("denied"));
}

/// The CRC-32 of a PNG chunk (type and data), as its format requires.
fn crc_of(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

//! What content security costs when a page is served: the demo's page (examples/notes) and a
//! generated 200 KiB page with 50 inline scripts and styles.
//!
//! Measured: reading a page for its policy (`scan`: what `generate_context!` does once per page
//! at compile time, and a folder app at each request), brotli-decompressing the embedded page,
//! writing the launch's nonce into it, and building its header: the last three are what serving
//! an embedded page adds to copying its bytes.

use std::hint::black_box;
use std::io::{Read, Write};

use criterion::{Criterion, criterion_group, criterion_main};
use rampart_core::csp::Policy;
use rampart_core::csp::nonce::{NONCE_LEN, fill_nonce};
use rampart_core::csp::page;

const DEMO_PAGE: &[u8] = include_bytes!("../../../examples/notes/dist/index.html");

/// A large page: text, inline scripts and styles, external scripts.
fn large_page() -> Vec<u8> {
    let mut page = String::from("<!doctype html><html><head><meta charset=utf-8>");
    for i in 0..50 {
        page +=
            &format!("<script src=\"lib{i}.js\"></script><style>.c{i} {{ color: red }}</style>");
        page += &format!("<script>window.v{i} = {i};\n</script>");
    }
    page += "</head><body>";
    while page.len() < 200 * 1024 {
        page += "<p class=\"c1\">Lorem ipsum dolor sit amet, <a href=\"next.html\">next</a></p>\n";
    }
    page += "</body></html>";
    page.into_bytes()
}

fn compressed(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).expect("compressed");
    }
    out
}

fn serve(c: &mut Criterion) {
    let nonce = "n".repeat(NONCE_LEN);
    let policy = Policy::default();
    for (name, bytes) in [
        ("demo page", DEMO_PAGE.to_vec()),
        ("200 KiB page", large_page()),
    ] {
        c.bench_function(&format!("scan {name}"), |b| {
            b.iter(|| page::scan("dist/index.html", black_box(&bytes)))
        });
        let scan = page::scan("dist/index.html", &bytes);
        let stored = compressed(&scan.html);
        eprintln!(
            "{name}: {} bytes, {} compressed ({:.0}%)",
            scan.html.len(),
            stored.len(),
            100.0 * stored.len() as f64 / scan.html.len() as f64
        );
        c.bench_function(&format!("serve {name}: decompress, nonce, header"), |b| {
            b.iter(|| {
                let mut html = Vec::with_capacity(scan.html.len());
                brotli_decompressor::Decompressor::new(black_box(stored.as_slice()), 4096)
                    .read_to_end(&mut html)
                    .expect("decompressed");
                fill_nonce(&mut html, &nonce);
                (html, policy.header_for(&scan.sources, Some(&nonce)))
            })
        });
        c.bench_function(&format!("copy {name} (the floor)"), |b| {
            b.iter(|| black_box(scan.html.as_slice()).to_vec())
        });
    }
}

criterion_group!(benches, serve);
criterion_main!(benches);

//! Channels of raw bytes through the mock runtime: chunks arrive whole and in order as
//! `{"__rampartBytes": base64}`, pulls stay bounded, and only the webview that opened a channel
//! can attach, pull from or close it.

use std::sync::Arc;

use rampart::mock::{MockApp, MockResponse};
use serde_json::{Value, json};

use crate::calls_app;

fn open(app: &MockApp, webview: &str) -> String {
    let opened = app.invoke(webview, "plugin:channel|open", json!({}));
    assert_eq!(opened.status, 200, "{opened:?}");
    opened.json()["id"].as_str().unwrap_or_default().to_string()
}

/// Standard base64 (with padding) → bytes.
fn decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=')
        .map(|b| {
            ALPHABET
                .iter()
                .position(|&a| a == b)
                .unwrap_or_else(|| panic!("not base64: {b}")) as u32
        })
        .collect();
    let mut out = Vec::new();
    for group in digits.chunks(4) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | d << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..group.len()].iter().copied());
    }
    out
}

/// One chunk as the page receives it.
fn chunk(value: &Value) -> Vec<u8> {
    let object = value.as_object().expect("a chunk is an object");
    assert_eq!(object.len(), 1, "{value}");
    decode(object["__rampartBytes"].as_str().expect("base64 text"))
}

/// Pulls until the channel closes; returns every chunk and the size of the largest pull.
fn drain(app: &MockApp, webview: &str, id: &str) -> (Vec<Vec<u8>>, usize) {
    let (mut chunks, mut largest) = (Vec::new(), 0);
    loop {
        let pulled = app.invoke(webview, "plugin:channel|next", json!({ "id": id }));
        assert_eq!(pulled.status, 200, "{pulled:?}");
        largest = largest.max(pulled.body.len());
        let batch = pulled.json();
        chunks.extend(batch["values"].as_array().into_iter().flatten().map(chunk));
        if batch["closed"] == true {
            return (chunks, largest);
        }
    }
}

fn stream(
    app: &Arc<MockApp>,
    webview: &'static str,
    id: &str,
    size: u32,
    chunk: u32,
) -> std::thread::JoinHandle<MockResponse> {
    let (app, id) = (app.clone(), id.to_string());
    std::thread::spawn(move || {
        app.invoke(
            webview,
            "stream_chunks",
            json!({ "size": size, "chunk": chunk, "chunks": { "__rampartChannel": id } }),
        )
    })
}

#[test]
fn byte_chunks_arrive_whole_and_in_order() {
    let app = calls_app::app();
    let id = open(&app, "main");
    // 100 chunks through a queue of 32, sizes that exercise every base64 padding.
    let streaming = stream(&app, "main", &id, 100 * 7 + 2, 7);
    let (chunks, _) = drain(&app, "main", &id);
    assert_eq!(chunks.len(), 101);
    assert!(chunks[..100].iter().all(|c| c.len() == 7));
    assert_eq!(chunks.concat(), calls_app::content(702));
    assert_eq!(streaming.join().expect("thread").json(), json!(702));
}

#[test]
fn a_pull_stays_near_one_mebibyte() {
    let app = calls_app::app();
    let id = open(&app, "main");
    // 2 MiB in 64 KiB chunks: the queue can hold all of it, a pull takes about 1 MiB.
    let streaming = stream(&app, "main", &id, 2 << 20, 64 << 10);
    let (chunks, largest) = drain(&app, "main", &id);
    assert_eq!(chunks.concat(), calls_app::content(2 << 20));
    let one_chunk = (64 << 10) * 4 / 3 + 32;
    assert!(
        largest < (1 << 20) + one_chunk,
        "a pull answered {largest} bytes"
    );
    assert_eq!(streaming.join().expect("thread").status, 200);
}

#[test]
fn async_commands_stream_bytes_too() {
    let app = calls_app::app();
    let id = open(&app, "main");
    let (runner, channel) = (app.clone(), id.clone());
    let streaming = std::thread::spawn(move || {
        runner.invoke(
            "main",
            "stream_chunks_async",
            json!({ "size": 50_000, "chunks": { "__rampartChannel": channel } }),
        )
    });
    let (chunks, _) = drain(&app, "main", &id);
    assert_eq!(chunks.len(), 50);
    assert_eq!(chunks.concat(), calls_app::content(50_000));
    assert_eq!(streaming.join().expect("thread").json(), json!(50_000));
}

#[test]
fn another_webview_cannot_attach_pull_or_close_a_byte_channel() {
    let app = calls_app::app();
    let id = open(&app, "main");
    let never_issued = "0".repeat(32);
    for candidate in [id.as_str(), never_issued.as_str()] {
        let attach = app.invoke(
            "second",
            "stream_chunks",
            json!({ "size": 10, "chunk": 5, "chunks": { "__rampartChannel": candidate } }),
        );
        let pull = app.invoke("second", "plugin:channel|next", json!({ "id": candidate }));
        let close = app.invoke("second", "plugin:channel|close", json!({ "id": candidate }));
        for (what, response) in [("attach", attach), ("pull", pull), ("close", close)] {
            // Main's channel and an id never issued get the same answer, byte for byte.
            assert_eq!(response.status, 400, "{what}: {response:?}");
            assert_eq!(
                response.json(),
                json!({ "code": "bad_request", "message": "no such channel" }),
                "{what}"
            );
        }
    }
    // The owner's channel is untouched: not attached, not closed.
    let streaming = stream(&app, "main", &id, 10, 5);
    let (chunks, _) = drain(&app, "main", &id);
    assert_eq!(chunks, vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7, 8, 9]]);
    assert_eq!(streaming.join().expect("thread").status, 200);
}

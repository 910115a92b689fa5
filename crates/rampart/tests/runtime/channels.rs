//! Channels through the mock runtime: streaming with backpressure, and ids that only their
//! webview can use.

use std::sync::Arc;

use rampart::mock::MockApp;
use rampart::{Builder, Channel, Commands, IpcError, commands};
use serde_json::{Value, json};

use crate::support;

/// Streams `0..count` into `progress`, then returns `count`.
#[rampart::command]
fn stream(count: u32, progress: Channel<u32>) -> Result<u32, IpcError> {
    for i in 0..count {
        progress.send(&i)?;
    }
    Ok(count)
}

fn app() -> Arc<MockApp> {
    let builder = Builder::new().commands(commands![stream]);
    let builder = support::with_placeholders(builder, &["stream"]);
    Arc::new(MockApp::new(builder, support::context()).unwrap_or_else(|e| panic!("{e}")))
}

fn open(app: &MockApp, webview: &str) -> String {
    let opened = app.invoke(webview, "plugin:channel|open", json!({}));
    assert_eq!(opened.status, 200, "{opened:?}");
    opened.json()["id"].as_str().unwrap_or_default().to_string()
}

/// Pulls until the channel closes; returns every value.
fn drain(app: &MockApp, webview: &str, id: &str) -> Vec<Value> {
    let mut values = Vec::new();
    loop {
        let batch = app
            .invoke(webview, "plugin:channel|next", json!({ "id": id }))
            .json();
        values.extend(batch["values"].as_array().cloned().unwrap_or_default());
        if batch["closed"] == true {
            return values;
        }
    }
}

fn start_stream(
    app: &Arc<MockApp>,
    id: &str,
    count: u32,
) -> std::thread::JoinHandle<rampart::mock::MockResponse> {
    let (app, id) = (app.clone(), id.to_string());
    std::thread::spawn(move || {
        app.invoke(
            "main",
            "stream",
            json!({ "count": count, "progress": { "__rampartChannel": id } }),
        )
    })
}

#[test]
fn a_command_streams_more_than_the_queue_holds_in_order() {
    let app = app();
    let id = open(&app, "main");
    assert_eq!(id.len(), 32, "128-bit random ids");
    // 500 values through a queue of 32: the command waits for the page to pull.
    let streaming = start_stream(&app, &id, 500);
    let values = drain(&app, "main", &id);
    let expected: Vec<Value> = (0..500).map(|i| json!(i)).collect();
    assert_eq!(values, expected);
    assert_eq!(streaming.join().expect("thread").json(), json!(500));
}

#[test]
fn another_webview_cannot_attach_read_or_close_a_channel() {
    let app = app();
    let id = open(&app, "main");
    for command in ["plugin:channel|next", "plugin:channel|close"] {
        let response = app.invoke("settings", command, json!({ "id": id }));
        assert_eq!(
            response.error_code().as_deref(),
            Some("bad_request"),
            "{command}"
        );
        assert_eq!(response.json()["message"], "no such channel");
    }
    // Still usable by its owner.
    let streaming = start_stream(&app, &id, 3);
    assert_eq!(drain(&app, "main", &id), vec![json!(0), json!(1), json!(2)]);
    assert_eq!(streaming.join().expect("thread").status, 200);
}

#[test]
fn unknown_ids_and_second_attachments_are_refused() {
    let app = app();
    let unknown = app.invoke(
        "main",
        "stream",
        json!({ "count": 1, "progress": { "__rampartChannel": "0".repeat(32) } }),
    );
    assert_eq!(unknown.error_code().as_deref(), Some("bad_request"));
    let id = open(&app, "main");
    // 1000 values through a queue of 32: one pull takes at most 256 of them, so the first
    // command is still attached, blocked on the queue, when the second tries.
    let first = start_stream(&app, &id, 1000);
    let pulled = app
        .invoke("main", "plugin:channel|next", json!({ "id": id }))
        .json();
    let mut values = pulled["values"].as_array().cloned().unwrap_or_default();
    assert!(!values.is_empty(), "the first command attached and sent");
    let second = app.invoke(
        "main",
        "stream",
        json!({ "count": 1, "progress": { "__rampartChannel": id } }),
    );
    assert_eq!(second.error_code().as_deref(), Some("bad_request"));
    assert_eq!(second.json()["message"], "this channel is already in use");
    values.extend(drain(&app, "main", &id));
    assert_eq!(values.len(), 1000);
    assert_eq!(first.join().expect("thread").status, 200);
}

#[test]
fn closing_early_stops_the_sender() {
    let app = app();
    let id = open(&app, "main");
    let streaming = start_stream(&app, &id, 1_000_000);
    let first = app
        .invoke("main", "plugin:channel|next", json!({ "id": id }))
        .json();
    assert!(!first["values"].as_array().is_some_and(Vec::is_empty));
    assert_eq!(
        app.invoke("main", "plugin:channel|close", json!({ "id": id }))
            .status,
        200
    );
    // The command sees the channel closed and ends with an error instead of blocking forever.
    let result = streaming.join().expect("thread");
    assert_eq!(result.error_code().as_deref(), Some("bad_request"));
}

#[test]
fn open_channels_are_bounded_per_webview() {
    let app = app();
    let ids: Vec<String> = (0..64).map(|_| open(&app, "main")).collect();
    let one_more = app.invoke("main", "plugin:channel|open", json!({}));
    assert_eq!(one_more.error_code().as_deref(), Some("busy"));
    // Another webview has its own allowance; closing one frees a place.
    assert_eq!(open(&app, "settings").len(), 32);
    let closed = app.invoke("main", "plugin:channel|close", json!({ "id": ids[0] }));
    assert_eq!(closed.status, 200);
    assert_eq!(open(&app, "main").len(), 32);
}

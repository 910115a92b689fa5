//! Commands written as plain functions with `#[rampart::command]`: extractors (state, the
//! calling webview and window), an async command, raw bytes in and out, an error with data, a
//! byte stream, and the relay through which the two pages pass a channel id.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rampart::{Bytes, Channel, IpcError, State, Webview, Window};
use serde::Serialize;
use serde_json::{Value, json};

/// Streams `0..count` to the page.
#[rampart::command]
pub fn stream_numbers(count: u32, progress: Channel<u32>) -> Result<u32, IpcError> {
    for i in 0..count {
        progress.send(&i)?;
    }
    Ok(count)
}

/// `size` bytes of `i % 251`, for answers too large to go back as script-message text.
#[rampart::command]
pub fn big_bytes(size: u32) -> Bytes {
    Bytes((0..size).map(|i| (i % 251) as u8).collect())
}

/// Who is calling, from the facts the engine reported.
#[rampart::command]
pub fn whoami(webview: Webview, window: Window) -> Value {
    json!({ "webview": webview.label(), "window": window.label(), "local": webview.is_local() })
}

/// A counter every call shares.
#[derive(Default)]
pub struct Tally(AtomicU64);

#[rampart::command]
pub fn tally(tally: State<Tally>) -> u64 {
    tally.0.fetch_add(1, Ordering::SeqCst) + 1
}

/// Waits on a tokio timer without holding a thread, then says who waited.
#[rampart::command]
pub async fn nap(ms: u64, webview: Webview) -> String {
    tokio::time::sleep(Duration::from_millis(ms.min(2000))).await;
    format!("{} napped {ms} ms", webview.label())
}

/// The bytes the page sent, reversed, as bytes.
#[rampart::command]
pub fn reverse(body: Bytes) -> Bytes {
    let mut bytes = body.into_vec();
    bytes.reverse();
    Bytes(bytes)
}

/// An app error the page receives as `data`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NoteError {
    Missing { id: u32 },
}

#[rampart::command]
pub fn find_note(id: u32) -> Result<String, NoteError> {
    match id {
        1 => Ok("groceries".into()),
        id => Err(NoteError::Missing { id }),
    }
}

/// `size` bytes (`i % 251`) in chunks of at most 1000.
#[rampart::command]
pub fn stream_bytes(size: u32, chunks: Channel<Bytes>) -> Result<u32, IpcError> {
    let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    for piece in data.chunks(1000) {
        chunks.send(piece)?;
    }
    Ok(size)
}

/// What one page leaves for the other, by key.
#[derive(Default)]
pub struct Relay(Mutex<BTreeMap<String, String>>);

#[rampart::command]
pub fn relay_put(key: String, value: String, relay: State<Relay>) {
    if let Ok(mut map) = relay.0.lock() {
        map.insert(key, value);
    }
}

#[rampart::command]
pub fn relay_take(key: String, relay: State<Relay>) -> Option<String> {
    relay.0.lock().ok().and_then(|mut map| map.remove(&key))
}

/// Granted to the second window only.
#[rampart::command]
pub fn second_only(window: Window) -> String {
    format!("only {} may call this", window.label())
}

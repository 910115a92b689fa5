//! The app of `tests/fixture-calls`, shared by the tests of extractors, return types and byte
//! channels: every command uses one of them.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use rampart::mock::MockApp;
use rampart::{
    Builder, Bytes, CallInput, CallScope, Channel, Commands, Context, FromCall, Invocation,
    IpcError, OpenOptions, Webview, Window, commands,
};
use serde::Serialize;
use serde_json::{Value, json};

/// Who called: the labels and whether the page is the app's own.
#[rampart::command]
fn whoami(webview: Webview, window: Window) -> Value {
    json!({ "webview": webview.label(), "window": window.label(), "local": webview.is_local() })
}

/// Whether this caller's scope lets it read `path`.
#[rampart::command]
fn check_note(path: String, scope: CallScope) -> Result<&'static str, IpcError> {
    let path = scope.path(&path)?;
    Ok(match scope.check_path(&path) {
        rampart::ScopeVerdict::Allowed(_) => "allowed",
        rampart::ScopeVerdict::Denied(_) => "denied",
        rampart::ScopeVerdict::OutOfScope => "out of scope",
    })
}

/// The bytes the page sent, reversed.
#[rampart::command]
fn reverse(body: Bytes) -> Bytes {
    let mut bytes = body.into_vec();
    bytes.reverse();
    Bytes(bytes)
}

/// The body's length, and what the invocation still holds once the body was taken.
#[rampart::command]
async fn sizes(body: Bytes, call: &Invocation) -> (usize, usize) {
    (body.len(), call.bytes().len())
}

/// An app's own extractor.
struct CommandName(String);

impl FromCall<'_> for CommandName {
    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        Ok(CommandName(input.call().command().to_string()))
    }
}

#[rampart::command]
fn tagged(name: CommandName, note: String) -> String {
    format!("{}:{note}", name.0)
}

mod shapes {
    /// A JSON argument whose type shares an extractor's name.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Window {
        pub width: u32,
        pub height: u32,
    }
}

#[rampart::command]
fn resize(window: shapes::Window) -> u32 {
    window.width * window.height
}

/// An app error the page receives as data.
#[derive(Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
enum NoteError {
    Missing { id: u32 },
}

type NoteResult<T> = Result<T, NoteError>;

#[rampart::command]
fn find_note(id: u32) -> NoteResult<String> {
    match id {
        1 => Ok("groceries".into()),
        id => Err(NoteError::Missing { id }),
    }
}

#[rampart::command]
fn refuse_text() -> Result<u32, String> {
    Err("the disk is full".into())
}

#[rampart::command]
fn refuse_strict() -> Result<u32, IpcError> {
    Err(IpcError::bad_request("no, and keep my code"))
}

#[rampart::command]
async fn maybe_bytes(give: bool) -> Result<Bytes, String> {
    if give {
        Ok(Bytes(vec![0, 255, 7]))
    } else {
        Err("nothing to give".into())
    }
}

/// The bytes `0..size` (mod 256), in chunks of `chunk` bytes.
pub fn content(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 256) as u8).collect()
}

#[rampart::command]
fn stream_chunks(size: u32, chunk: u32, chunks: Channel<Bytes>) -> Result<u32, IpcError> {
    let data = content(size as usize);
    for piece in data.chunks(chunk.max(1) as usize) {
        chunks.send(piece)?;
    }
    Ok(size)
}

#[rampart::command]
async fn stream_chunks_async(size: u32, chunks: Channel<Bytes>) -> Result<u32, IpcError> {
    let data = content(size as usize);
    for piece in data.chunks(1000) {
        chunks.send_async(piece).await?;
    }
    Ok(size)
}

/// The text of the file at `path`, opened through the caller's scope.
#[rampart::command]
fn read_text(path: String, scope: CallScope) -> Result<String, IpcError> {
    let mut text = String::new();
    scope
        .open(&path, OpenOptions::new().read(true))?
        .read_to_string(&mut text)
        .map_err(|e| IpcError::internal(e.to_string()))?;
    Ok(text)
}

/// Writes `text` to the file at `path` (created or replaced), through the caller's scope.
#[rampart::command]
fn write_text(path: String, text: String, scope: CallScope) -> Result<(), IpcError> {
    let options = *OpenOptions::new().write(true).create(true).truncate(true);
    scope
        .open(&path, &options)?
        .write_all(text.as_bytes())
        .map_err(|e| IpcError::internal(e.to_string()))
}

/// The names in the folder `path`, listed through the caller's scope.
#[rampart::command]
fn list_folder(path: String, scope: CallScope) -> Result<Vec<String>, IpcError> {
    let mut names: Vec<String> = scope.read_dir(&path)?.into_iter().map(|e| e.name).collect();
    names.sort();
    Ok(names)
}

#[rampart::command]
fn second_only() -> &'static str {
    "second"
}

/// The fixture app, with every command.
pub fn app() -> Arc<MockApp> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture-calls");
    let context = Context::from_dir(root).unwrap_or_else(|e| panic!("fixture: {e:?}"));
    let builder = Builder::new().commands(commands![
        whoami,
        check_note,
        reverse,
        sizes,
        tagged,
        resize,
        find_note,
        refuse_text,
        refuse_strict,
        maybe_bytes,
        stream_chunks,
        stream_chunks_async,
        second_only,
        read_text,
        write_text,
        list_folder,
    ]);
    Arc::new(MockApp::new(builder, context).unwrap_or_else(|e| panic!("{e}")))
}

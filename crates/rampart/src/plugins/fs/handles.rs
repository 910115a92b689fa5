//! Open files a page holds between calls: `open`, then `read`, `write`, `seek`, `close`.
//!
//! A handle is 128 random bits, looked up only among the handles of the webview that calls: a
//! handle another webview opened, or one guessed, is `not_found`. A webview holds at most
//! [`MAX_HANDLES`]; all of them are closed when it starts loading another page.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use rampart_core::ipc::{ErrorCode, IpcError};
use rampart_core::scope::open::OpenOptions;
use serde::Deserialize;

use crate::command::{Commands, Invocation, Reply};
use crate::page_table::{PageTable, random_id, shown_id};
use crate::plugin::Plugin;

use super::files::io_error;
use crate::plugins::framed_body;

/// The most files one webview may hold open at once.
pub const MAX_HANDLES: usize = 64;

/// The most bytes one `read` returns.
pub const MAX_READ: u64 = 16 * 1024 * 1024;

/// A file a page opened, and the path it named (for errors).
struct Open {
    file: File,
    path: String,
}

/// A file a page holds open.
type Held = Arc<Mutex<Open>>;

/// The open files of every webview.
#[derive(Default)]
pub(super) struct Handles(PageTable<Held>);

impl Handles {
    /// Keeps `open` for `webview`: its new handle.
    fn insert(&self, webview: &str, open: Open) -> Result<String, IpcError> {
        let id = random_id("a file handle")?;
        self.0
            .insert(webview, &id, Arc::new(Mutex::new(open)), MAX_HANDLES)
            .map_err(|_| {
                IpcError::busy(format!(
                    "this page already holds {MAX_HANDLES} open files: close some first"
                ))
            })?;
        Ok(id)
    }

    /// The file `id` of `webview`.
    fn get(&self, webview: &str, id: &str) -> Result<Held, IpcError> {
        self.0.get(webview, id).ok_or_else(|| unknown(id))
    }

    /// Closes the file `id` of `webview`.
    fn remove(&self, webview: &str, id: &str) -> Result<(), IpcError> {
        self.0
            .remove(webview, id)
            .map(drop)
            .ok_or_else(|| unknown(id))
    }

    /// Closes every file `webview` holds (its page is going away).
    pub(super) fn close_all(&self, webview: &str) {
        self.0.take_all(webview);
    }
}

fn unknown(id: &str) -> IpcError {
    IpcError::not_found(format!(
        "no open file `{}` in this page: it was closed, or never opened here",
        shown_id(id)
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenArgs {
    path: String,
    #[serde(default)]
    options: OpenFlags,
}

/// How `open` opens a file: reading only unless the page says otherwise.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct OpenFlags {
    #[serde(default)]
    read: Option<bool>,
    #[serde(default)]
    write: bool,
    #[serde(default)]
    append: bool,
    #[serde(default)]
    truncate: bool,
    #[serde(default)]
    create: bool,
    #[serde(default)]
    create_new: bool,
}

impl OpenFlags {
    /// Whether these flags change files (and so need `write` granted).
    fn writes(&self) -> bool {
        self.write || self.append || self.truncate || self.create || self.create_new
    }

    fn options(&self) -> OpenOptions {
        let mut options = OpenOptions::new();
        options
            .read(self.read.unwrap_or(!self.writes()))
            .write(self.write)
            .append(self.append)
            .truncate(self.truncate)
            .create(self.create)
            .create_new(self.create_new);
        options
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadArgs {
    rid: String,
    len: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteHead {
    rid: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeekArgs {
    rid: String,
    offset: i64,
    whence: Whence,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Whence {
    Start,
    Current,
    End,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CloseArgs {
    rid: String,
}

/// `plugin` with the handle commands over `table`.
pub(super) fn commands(plugin: Plugin, table: &Arc<Handles>) -> Plugin {
    let (opening, reading, writing, seeking, closing) = (
        table.clone(),
        table.clone(),
        table.clone(),
        table.clone(),
        table.clone(),
    );
    plugin
        .command("open", move |call| open(&call, &opening))
        .command("read", move |call| read(&call, &reading))
        .command("write", move |call| write(call, &writing))
        .command("seek", move |call| seek(&call, &seeking))
        .command("close", move |call| {
            let args: CloseArgs = call.args()?;
            closing.remove(call.webview_label(), &args.rid)?;
            Ok(Reply::empty())
        })
}

/// `open { path, options? }`: a handle to the file.
fn open(call: &Invocation, table: &Handles) -> Result<Reply, IpcError> {
    let args: OpenArgs = call.args()?;
    if args.options.writes() && !call.grant().also_grants("plugin:fs|write") {
        return Err(IpcError::denied(format!(
            "`{}` may be opened for reading only here: writing, appending, creating or truncating needs `fs:allow-write` too",
            args.path
        )));
    }
    let file = call
        .call_scope()
        .open(&args.path, &args.options.options())?;
    let id = table.insert(
        call.webview_label(),
        Open {
            file,
            path: args.path,
        },
    )?;
    Reply::json(&id)
}

/// `read { rid, len }`: up to `len` bytes (at most [`MAX_READ`]); none at the end of the file.
fn read(call: &Invocation, table: &Handles) -> Result<Reply, IpcError> {
    let args: ReadArgs = call.args()?;
    if args.len > MAX_READ {
        return Err(IpcError::new(
            ErrorCode::TooLarge,
            format!(
                "a read returns at most {MAX_READ} bytes; {} asked",
                args.len
            ),
        ));
    }
    let open = table.get(call.webview_label(), &args.rid)?;
    let mut open = lock(&open)?;
    let Open { file, path } = &mut *open;
    let mut bytes = Vec::with_capacity(usize::try_from(args.len).unwrap_or(0));
    file.take(args.len)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e))?;
    Ok(Reply::Bytes(bytes))
}

/// `write`: a framed body, head `{ rid }`, then the bytes; answers how many were written.
fn write(mut call: Invocation, table: &Handles) -> Result<Reply, IpcError> {
    let body = call.take_bytes()?;
    let (head, data): (WriteHead, &[u8]) = framed_body(&body)?;
    let open = table.get(call.webview_label(), &head.rid)?;
    let mut open = lock(&open)?;
    let Open { file, path } = &mut *open;
    file.write_all(data).map_err(|e| io_error(path, &e))?;
    Reply::json(&data.len())
}

/// `seek { rid, offset, whence }`: the new position from the start.
fn seek(call: &Invocation, table: &Handles) -> Result<Reply, IpcError> {
    let args: SeekArgs = call.args()?;
    let to = match args.whence {
        Whence::Start => SeekFrom::Start(u64::try_from(args.offset).map_err(|_| {
            IpcError::bad_request("a seek from the start takes an offset of 0 or more")
        })?),
        Whence::Current => SeekFrom::Current(args.offset),
        Whence::End => SeekFrom::End(args.offset),
    };
    let open = table.get(call.webview_label(), &args.rid)?;
    let mut open = lock(&open)?;
    let Open { file, path } = &mut *open;
    let position = file.seek(to).map_err(|e| io_error(path, &e))?;
    Reply::json(&position)
}

fn lock(open: &Mutex<Open>) -> Result<MutexGuard<'_, Open>, IpcError> {
    open.lock()
        .map_err(|_| IpcError::internal("an open file is unusable"))
}

//! The `fs` plugin (cargo feature `fs`): files and directories, reached only through the call's
//! path scope and opened beneath the directory handle of the allow rule that matched (see
//! [`CallScope`](crate::CallScope)): `..`, a symlink planted inside the scope or swapped in
//! during the call, and a FIFO cannot lead anywhere the scope does not allow.
//!
//! | command | arguments | answer |
//! | --- | --- | --- |
//! | `read_file` | `path` | the bytes (at most [`MAX_WHOLE_FILE`]; stream larger files with `open`/`read`) |
//! | `read_text_file` | `path` | the text (UTF-8) |
//! | `write_file`, `append_file` | a framed body: head `{ path, options? }`, then the bytes | `null` |
//! | `write_text_file` | `path`, `contents`, `options?` | `null` |
//! | `read_dir` | `path` | `[{ name, isFile, isDirectory, isSymlink }]` (symlinks listed, never followed) |
//! | `mkdir` | `path`, `recursive?` | `null` |
//! | `remove` | `path`, `recursive?` | `null` (a directory's contents only when `recursive`; symlinks removed as links) |
//! | `rename`, `copy_file` | `from`, `to` (both checked) | `null` |
//! | `exists` | `path` | `true` or `false` (an entry: a symlink exists even if its target does not) |
//! | `stat` | `path` | `{ size, isFile, isDirectory, isSymlink, readonly, mode, modified, accessed, created }` (the entry itself) |
//! | `open` | `path`, `options?` | a handle id: the file stays open for `read`, `write`, `seek`, `close` |
//! | `watch` | `path`, `recursive?`, `onEvent` (a channel) | a watch id; `{ kind: "create" \| "modify" \| "remove", path }` on the channel; `unwatch { id }` stops it |
//!
//! Write options (`write_file`, `write_text_file`): `append` (default `false`; `append_file`
//! always appends), `create` (default `true`), `createNew` (fail if anything exists). The
//! framed body (`rampart_core::ipc::framed`) carries the bytes raw, without base64; the page's
//! API builds it.
//!
//! Open file handles ([`handles`]) belong to the webview that opened them and to its page: they
//! are unguessable, at most [`MAX_HANDLES`] per webview, and closed when the webview loads
//! another page. Opening for writing, appending, creating or truncating needs `write` granted
//! as well as `open`, so a page granted only reading cannot truncate a file through `open`.
//!
//! Errors name the path the page sent and nothing else.

mod files;
pub mod handles;
pub mod watch;

use std::sync::Arc;

use crate::command::Commands;
use crate::plugin::Plugin;

pub use files::MAX_WHOLE_FILE;
pub use handles::{MAX_HANDLES, MAX_READ};
pub use watch::{MAX_WATCHED_DIRS, MAX_WATCHES};

/// The plugin, with a fresh table of open files.
pub fn plugin() -> Plugin {
    let table = Arc::new(handles::Handles::default());
    let watches = Arc::new(watch::Watches::default());
    let (closing, stopping) = (table.clone(), watches.clone());
    let plugin = Plugin::new("fs")
        .on_page_unload(move |webview| {
            closing.close_all(webview);
            stopping.stop_all(webview);
        })
        .command("read_file", files::read_file)
        .command("read_text_file", files::read_text_file)
        .command("write_file", |call| files::write_file(call, false))
        .command("append_file", |call| files::write_file(call, true))
        .command("write_text_file", files::write_text_file)
        .command("read_dir", files::read_dir)
        .command("mkdir", files::mkdir)
        .command("remove", files::remove)
        .command("rename", files::rename)
        .command("copy_file", files::copy_file)
        .command("exists", files::exists)
        .command("stat", files::stat);
    watch::commands(handles::commands(plugin, &table), &watches)
}

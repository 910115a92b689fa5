//! `watch` and `unwatch`: changes under a scoped directory, delivered through a channel.
//!
//! The directory is opened through the scope as every path is (no symlink followed), and the
//! watch is placed on that open directory (`/proc/self/fd/<fd>`), so a directory swapped for a
//! symlink after the check is not what is watched. With `recursive`, each subdirectory found
//! (by listing, never through a symlink) or created later is watched the same way. Each event
//! names a path, which must itself be allowed by the scope: changes to denied entries are not
//! reported. A webview holds at most [`MAX_WATCHES`] watches, each at most
//! [`MAX_WATCHED_DIRS`] directories; they stop on `unwatch` and when the page goes away.

use std::collections::HashMap;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use inotify::{EventMask, Inotify, WatchDescriptor, WatchMask};
use rampart_core::acl::ScopeVerdict;
use rampart_core::ipc::IpcError;
use rampart_core::scope::CheckedPath;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::caller::CallScope;
use crate::channel::{Channel, ChannelRef};
use crate::command::{Commands, Invocation, Reply};
use crate::page_table::{PageTable, random_id, shown_id};
use crate::plugin::Plugin;
use crate::scope_files::refusal;

/// The most watches one webview may hold.
pub const MAX_WATCHES: usize = 16;

/// The most directories one recursive watch follows.
pub const MAX_WATCHED_DIRS: usize = 1024;

/// How often a watch looks for events when there were none.
const POLL: Duration = Duration::from_millis(40);

/// The running watches of every webview: their stop flags, by watch id.
#[derive(Default)]
pub(super) struct Watches(PageTable<Arc<AtomicBool>>);

impl Watches {
    /// Stops every watch of `webview` (its page is going away).
    pub(super) fn stop_all(&self, webview: &str) {
        for stop in self.0.take_all(webview) {
            stop.store(true, Ordering::SeqCst);
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct WatchArgs {
    path: String,
    #[serde(default)]
    recursive: bool,
    on_event: ChannelRef,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnwatchArgs {
    id: String,
}

/// `plugin` with `watch` and `unwatch` over `watches`.
pub(super) fn commands(plugin: Plugin, watches: &Arc<Watches>) -> Plugin {
    let (watching, unwatching) = (watches.clone(), watches.clone());
    plugin
        .command("watch", move |call| watch(&call, &watching))
        .command("unwatch", move |call| {
            let args: UnwatchArgs = call.args()?;
            match unwatching.0.remove(call.webview_label(), &args.id) {
                Some(stop) => {
                    stop.store(true, Ordering::SeqCst);
                    Ok(Reply::empty())
                }
                None => Err(IpcError::not_found(format!(
                    "no watch `{}` in this page",
                    shown_id(&args.id)
                ))),
            }
        })
}

/// One watch: the inotify instance, what each descriptor watches, and the scope to check with.
struct Watcher {
    inotify: Inotify,
    dirs: HashMap<WatchDescriptor, CheckedPath>,
    scope: CallScope,
    recursive: bool,
}

impl Watcher {
    /// Watches the directory `path`, opened through the scope; with `recursive`, its
    /// subdirectories too (listed, never through a symlink).
    fn add(&mut self, path: &CheckedPath, depth: usize) -> Result<(), IpcError> {
        if self.dirs.len() >= MAX_WATCHED_DIRS {
            return Err(IpcError::too_large(format!(
                "a watch follows at most {MAX_WATCHED_DIRS} directories"
            )));
        }
        let dir = self.scope.scope().open_dir(path).map_err(refusal)?;
        let mask = WatchMask::CREATE
            | WatchMask::DELETE
            | WatchMask::MODIFY
            | WatchMask::CLOSE_WRITE
            | WatchMask::MOVED_FROM
            | WatchMask::MOVED_TO
            | WatchMask::ONLYDIR
            | WatchMask::EXCL_UNLINK;
        let descriptor = self
            .inotify
            .watches()
            .add(format!("/proc/self/fd/{}", dir.as_raw_fd()), mask)
            .map_err(|e| IpcError::internal(format!("cannot watch `{}`: {e}", path.as_str())))?;
        self.dirs.insert(descriptor, path.clone());
        if self.recursive && depth < 32 {
            for entry in self.scope.read_dir(path.as_str())? {
                if entry.file_type.is_dir() {
                    let child = self
                        .scope
                        .path(&format!("{}/{}", path.as_str(), entry.name))?;
                    if self.scope.check_path(&child).is_allowed() {
                        self.add(&child, depth + 1)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Sends what happened since the last look; `false` when the page stopped listening.
    fn forward(&mut self, buffer: &mut [u8], events: &Channel<Value>) -> Result<bool, ()> {
        let found: Vec<(EventMask, CheckedPath)> = match self.inotify.read_events(buffer) {
            Ok(read) => read
                .filter_map(|event| {
                    let dir = self.dirs.get(&event.wd)?;
                    let name = event.name?.to_str()?;
                    let path = self.scope.path(&format!("{}/{name}", dir.as_str())).ok()?;
                    Some((event.mask, path))
                })
                .collect(),
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => return Ok(false),
            Err(_) => return Err(()),
        };
        for (mask, path) in found {
            if !matches!(self.scope.check_path(&path), ScopeVerdict::Allowed(_)) {
                continue;
            }
            if self.recursive && mask.contains(EventMask::CREATE | EventMask::ISDIR) {
                // A directory made (or moved in) after the watch began; failing to follow it
                // leaves the rest of the watch running.
                let _ = self.add(&path, 0);
            }
            let kind = if mask.intersects(EventMask::CREATE | EventMask::MOVED_TO) {
                "create"
            } else if mask.intersects(EventMask::DELETE | EventMask::MOVED_FROM) {
                "remove"
            } else {
                "modify"
            };
            let event = json!({ "kind": kind, "path": path.as_str() });
            if events.send(&event).is_err() {
                return Err(());
            }
        }
        Ok(true)
    }
}

/// `watch { path, recursive?, onEvent }`: the watch's id.
fn watch(call: &Invocation, watches: &Arc<Watches>) -> Result<Reply, IpcError> {
    let args: WatchArgs = call.args()?;
    let scope = call.call_scope();
    let path = scope.path(&args.path)?;
    let inotify = Inotify::init().map_err(|e| IpcError::internal(format!("cannot watch: {e}")))?;
    let mut watcher = Watcher {
        inotify,
        dirs: HashMap::new(),
        scope,
        recursive: args.recursive,
    };
    watcher.add(&path, 0)?;
    let events: Channel<Value> = Channel::attach(call, args.on_event)?;
    let id = random_id("a watch id")?;
    let stop = Arc::new(AtomicBool::new(false));
    watches
        .0
        .insert(call.webview_label(), &id, stop.clone(), MAX_WATCHES)
        .map_err(|_| {
            IpcError::busy(format!(
                "this page already holds {MAX_WATCHES} watches: unwatch some first"
            ))
        })?;
    let (watches, webview, watch_id) = (
        watches.clone(),
        call.webview_label().to_string(),
        id.clone(),
    );
    thread::spawn(move || {
        let mut buffer = vec![0u8; 64 * 1024];
        while !stop.load(Ordering::SeqCst) {
            match watcher.forward(&mut buffer, &events) {
                Ok(true) => {}
                Ok(false) => thread::sleep(POLL),
                Err(()) => break,
            }
        }
        // Ended by its page (its channel closed): it no longer counts toward the limit.
        watches.0.remove(&webview, &watch_id);
    });
    Reply::json(&id)
}

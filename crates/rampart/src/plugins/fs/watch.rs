//! `watch` and `unwatch`: changes under a scoped directory, delivered through a channel.
//!
//! The directory is opened through the scope as every path is (no symlink followed), and the
//! watch is placed on that open directory (`/proc/self/fd/<fd>`), so a directory swapped for a
//! symlink after the check is not what is watched. With `recursive`, each subdirectory found
//! (by listing, never through a symlink) or created or moved in later is watched the same way,
//! down to [`MAX_DEPTH`]; one moved out or removed is no longer watched (inotify follows the
//! directory itself, and would report what happens in it under its old path). Each event
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

/// How deep below the watched directory a recursive watch follows subdirectories.
pub const MAX_DEPTH: usize = 32;

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

/// One watch: the inotify instance, what each descriptor watches (the path, and its depth
/// below the watched directory), and the scope to check with.
struct Watcher {
    inotify: Inotify,
    dirs: HashMap<WatchDescriptor, (CheckedPath, usize)>,
    scope: CallScope,
    recursive: bool,
}

impl Watcher {
    /// Watches the directory `path`, `depth` levels below the watched one, opened through the
    /// scope; with `recursive`, its subdirectories too (listed, never through a symlink), down
    /// to [`MAX_DEPTH`].
    fn add(&mut self, path: &CheckedPath, depth: usize) -> Result<(), IpcError> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
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
            | WatchMask::MOVE_SELF
            | WatchMask::DELETE_SELF
            | WatchMask::ONLYDIR
            | WatchMask::EXCL_UNLINK;
        let descriptor = self
            .inotify
            .watches()
            .add(format!("/proc/self/fd/{}", dir.as_raw_fd()), mask)
            .map_err(|e| IpcError::internal(format!("cannot watch `{}`: {e}", path.as_str())))?;
        self.dirs.insert(descriptor, (path.clone(), depth));
        if self.recursive {
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

    /// Stops watching `path` and every directory beneath it: it moved away or was removed, and
    /// inotify would go on reporting what happens in it, wherever it went, under its old name.
    fn forget(&mut self, path: &str) {
        let beneath = format!("{path}/");
        let gone: Vec<WatchDescriptor> = self
            .dirs
            .iter()
            .filter(|(_, (dir, _))| dir.as_str() == path || dir.as_str().starts_with(&beneath))
            .map(|(descriptor, _)| descriptor.clone())
            .collect();
        for descriptor in gone {
            self.dirs.remove(&descriptor);
            // Already gone when inotify dropped it itself (the directory was removed).
            let _ = self.inotify.watches().remove(descriptor);
        }
    }

    /// Sends what happened since the last look; `false` when the page stopped listening.
    fn forward(&mut self, buffer: &mut [u8], events: &Channel<Value>) -> Result<bool, ()> {
        let found: Vec<(WatchDescriptor, EventMask, Option<String>)> =
            match self.inotify.read_events(buffer) {
                Ok(read) => read
                    .map(|event| {
                        let name = event.name.and_then(|n| n.to_str()).map(str::to_owned);
                        (event.wd, event.mask, name)
                    })
                    .collect(),
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => return Ok(false),
                Err(_) => return Err(()),
            };
        for (descriptor, mask, name) in found {
            let Some((dir, depth)) = self.dirs.get(&descriptor).cloned() else {
                continue;
            };
            if mask.intersects(EventMask::MOVE_SELF | EventMask::DELETE_SELF) {
                self.forget(dir.as_str());
                continue;
            }
            let Some(path) =
                name.and_then(|name| self.scope.path(&format!("{}/{name}", dir.as_str())).ok())
            else {
                continue;
            };
            if !matches!(self.scope.check_path(&path), ScopeVerdict::Allowed(_)) {
                continue;
            }
            let (made, gone) = (
                mask.intersects(EventMask::CREATE | EventMask::MOVED_TO),
                mask.intersects(EventMask::DELETE | EventMask::MOVED_FROM),
            );
            if mask.contains(EventMask::ISDIR) && self.recursive {
                if made {
                    // A directory made or moved in after the watch began; failing to follow it
                    // leaves the rest of the watch running.
                    let _ = self.add(&path, depth + 1);
                } else if gone {
                    self.forget(path.as_str());
                }
            }
            let kind = if made {
                "create"
            } else if gone {
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

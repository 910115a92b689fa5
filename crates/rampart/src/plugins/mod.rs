//! The runtime's own plugins, built as every plugin is: a module per plugin whose `plugin`
//! returns a [`Plugin`] with its commands, registered as `plugin:<name>|<command>` and granted
//! through the permissions of its manifest (`crates/rampart-core/plugins/<name>.toml`). The fs,
//! http, shell and opener plugins follow the same shape.
//!
//! - [`event`]: `listen`, `unlisten`, `emit` (the event registry is `crate::events`);
//! - [`channel`]: `open`, `next`, `close` (the channels are `crate::channel`);
//! - [`window`]: the calling page's own window — title, size, position, state, close.
//!
//! Plugins an app chooses, each behind a cargo feature, registered with `Builder::plugin`:
//!
//! - [`clipboard`] (feature `clipboard`): write text and PNG images; read each with its own
//!   permission;
//! - [`dialog`] (feature `dialog`): file choosers and message boxes; picked paths are granted;
//! - [`fs`] (feature `fs`): files and directories within the call's path scope;
//! - [`http`] (feature `http`): `fetch` and `cancel`, within the URL scope;
//! - [`notification`] (feature `notification`): desktop notifications, bounded and rate-limited;
//! - [`opener`] (feature `opener`): `open_url`, `open_path`, `reveal_item`;
//! - [`path`] (feature `path`): the app's directories, `resolve`, `normalize`, `join`;
//! - [`shell`] (feature `shell`): `execute`, `spawn`, `write`, `kill`, within the shell scope.

pub(crate) mod channel;
#[cfg(feature = "clipboard")]
pub mod clipboard;
#[cfg(feature = "clipboard")]
pub(crate) mod clipboard_image;
#[cfg(feature = "dialog")]
pub mod dialog;
pub(crate) mod event;
#[cfg(feature = "fs")]
pub mod fs;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "notification")]
pub mod notification;
#[cfg(feature = "opener")]
pub mod opener;
#[cfg(feature = "path")]
pub mod path;
#[cfg(feature = "shell")]
pub mod shell;
pub(crate) mod window;

use std::sync::Arc;

use crate::channel::Channels;
use crate::events::Listeners;
use crate::plugin::Plugin;

/// Every plugin of the runtime's own, bound to the app's registries.
pub(crate) fn runtime_plugins(listeners: &Arc<Listeners>, channels: &Arc<Channels>) -> [Plugin; 3] {
    [
        event::plugin(listeners),
        channel::plugin(channels),
        window::plugin(),
    ]
}

/// The head and the data of a framed body: `bad_request` unless the page sent raw bytes framed
/// as `rampart_core::ipc::framed` says, with a head of type `T` (the fs plugin's writes, the
/// http plugin's requests).
#[cfg(any(feature = "fs", feature = "http"))]
pub(crate) fn framed_body<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<(T, &[u8]), rampart_core::ipc::IpcError> {
    use rampart_core::ipc::IpcError;
    let (head, data) = rampart_core::ipc::framed::split(body)
        .map_err(|e| IpcError::bad_request(format!("invalid framed body: {e}")))?;
    let head = serde_json::from_slice(head)
        .map_err(|e| IpcError::bad_request(format!("invalid arguments: {e}")))?;
    Ok((head, data))
}

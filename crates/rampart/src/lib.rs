//! The Rampart runtime: windows and webviews over tao and wry, the app's pages on its own
//! scheme, and one IPC door where every call is decided by the app's access control.
//!
//! ```text
//! page ── fetch POST ipc://localhost/<command> ──▶ door (protocol/door.rs)
//!           facts from the engine: this webview's label, the Origin header
//!           ──▶ rampart_core::ipc::check_request ──▶ Authority::decide ──▶ command
//! ```

mod app_handle;
mod builder;
mod command;
mod context;
pub mod mock;
mod protocol;
mod state;

pub use app_handle::AppHandle;
pub use builder::{Builder, StartError};
pub use command::{AsyncHandler, CommandFuture, Handler, Invocation, Response};
pub use context::Context;
pub use rampart_core::ipc::{ErrorCode, IpcError, Limits};
/// The HTTP types of custom-scheme requests and responses ([`Builder::protocol`]).
pub use wry::http;

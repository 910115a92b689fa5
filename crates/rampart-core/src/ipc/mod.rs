//! The IPC door, without its transport: what to do with a request to `ipc://localhost/<command>`
//! before any command runs.
//!
//! WebKit sends no CORS preflight for custom-scheme requests (not even for
//! `application/octet-stream` bodies) and calls the app's handler whatever the page's origin:
//! CORS protects nothing here. So the door checks the request itself, and any transport added
//! later reaches the same decision through this module. [`check_request`] checks the request's
//! head, before its body is read at all, in order, and answers the first failure with an
//! [`IpcError`]:
//!
//! 1. the method is exactly `POST` ([`ErrorCode::BadRequest`]);
//! 2. the `Origin` header the engine attached: present (no-cors fetches and `<img>` loads send
//!    none), not `null` (sandboxed frames, `data:` URLs), then local (byte for byte
//!    [`APP_ORIGIN`], or a declared development origin compared as a parsed origin) or a bare
//!    remote origin; any other origin in the `app:` scheme is refused ([`ErrorCode::Denied`]);
//! 3. the command name in the path, percent-decoded: `name` or `plugin:<plugin>|<name>`
//!    ([`ErrorCode::NotFound`], without echoing the input);
//! 4. the Content-Type: JSON, raw bytes, or none for a call without arguments
//!    ([`ErrorCode::BadRequest`]).
//!
//! Then [`decide_call`] asks the [`Authority`](crate::acl::Authority). Only for a granted call
//! does the runtime read the body, at most [`read_limit`] bytes, and [`check_body`] checks its
//! length ([`ErrorCode::TooLarge`]); for a JSON body the runtime runs [`check_depth`] with
//! [`Limits::max_json_depth`] before parsing. Error messages reveal nothing of the configuration
//! unless the runtime passes a debug-build detail.

mod command;
pub mod error;
pub mod json_depth;
pub mod limits;
mod origin;
pub mod request;

pub use command::MAX_COMMAND_LEN;
pub use error::{ErrorCode, IpcError};
pub use json_depth::{DepthError, check_depth};
pub use limits::Limits;
pub use request::{
    APP_ORIGIN, BodyKind, Call, CallOrigin, RequestFacts, check_body, check_request, decide_call,
    read_limit,
};

//! The IPC doors, without their transports: what to do with a call before any command runs.
//!
//! WebKit sends no CORS preflight for custom-scheme requests (not even for
//! `application/octet-stream` bodies) and calls the app's handler whatever the page's origin:
//! CORS protects nothing here. So every door brings its calls to the [`gate`], which decides
//! once, from facts the engine reports: [`http`] turns the head of an HTTP-shaped request (the
//! `ipc://` scheme) into [`CallFacts`] before its body is read, [`message`] a call posted to
//! the message door; [`gate::admit`] asks the
//! [`Authority`](crate::acl::Authority) and returns an [`Admission`] that owns the call's
//! [`CallGrant`], or a [`Refusal`] that says what the page is told and who may read it. Only
//! then does a door read the body, at most [`read_limit`] bytes, which [`check_body`] checks;
//! for a JSON body the runtime runs [`check_depth`] with [`Limits::max_json_depth`] before
//! parsing. Error messages reveal nothing of the configuration unless a debug-build explanation
//! is asked for.

mod command;
pub mod error;
pub mod framed;
pub mod gate;
pub mod http;
pub mod json_depth;
pub mod limits;
pub mod message;
mod origin;
pub mod seal;

pub use command::MAX_COMMAND_LEN;
pub use error::{ErrorCode, IpcError};
pub use framed::FramedError;
pub use gate::{
    Admission, BodyKind, CallFacts, CallGrant, Caller, Refusal, admit, body_limit, check_body,
    read_limit,
};
pub use http::{RequestParts, call_facts};
pub use json_depth::{DepthError, check_depth};
pub use limits::Limits;
pub use origin::{APP_ORIGIN, same_origin, serialized_origin};
pub use seal::{Replays, SealError, SealKey, Unsealed};

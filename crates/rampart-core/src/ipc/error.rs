//! The errors the IPC door answers with: a stable code, an HTTP status, and a message that
//! reveals nothing of the configuration unless the runtime passes a (debug-build) detail.

use std::fmt;

use serde::Serialize;

use crate::acl::{Denial, DenialReason};

/// The stable code of a refused or failed call, as the page sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The call is not allowed (origin, capability or deny rule).
    Denied,
    /// No such command, or a name that cannot be a command.
    NotFound,
    /// The request is malformed (method, content type, body).
    BadRequest,
    /// The request body exceeds the configured limit.
    TooLarge,
    /// Too many calls are in flight for this webview.
    Busy,
    /// The app failed while handling the call.
    Internal,
}

impl ErrorCode {
    /// The snake_case name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Denied => "denied",
            ErrorCode::NotFound => "not_found",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::Busy => "busy",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status of a response carrying this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::Denied => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::BadRequest => 400,
            ErrorCode::TooLarge => 413,
            ErrorCode::Busy => 429,
            ErrorCode::Internal => 500,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The message of a denial in release builds: nothing about the configuration.
const NOT_ALLOWED: &str = "this command is not allowed here";
/// The message of an unknown command in release builds.
const NO_SUCH_COMMAND: &str = "no such command";
/// The body sent if serializing an error ever failed.
const FALLBACK_JSON: &[u8] = br#"{"code":"internal","message":"internal error"}"#;

/// A refused or failed call: what the page receives, as JSON, with [`ErrorCode::http_status`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    /// The stable code.
    pub code: ErrorCode,
    /// A human-readable message. Never carries configuration in release builds.
    pub message: String,
}

impl IpcError {
    /// An error with this code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
        }
    }

    /// A [`ErrorCode::Denied`] error.
    pub fn denied(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Denied, message)
    }

    /// A [`ErrorCode::NotFound`] error.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// A [`ErrorCode::BadRequest`] error.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }

    /// A [`ErrorCode::TooLarge`] error.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::TooLarge, message)
    }

    /// A [`ErrorCode::Busy`] error.
    pub fn busy(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Busy, message)
    }

    /// An [`ErrorCode::Internal`] error.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    /// The error for a [`Denial`]: `unknown_command` becomes [`ErrorCode::NotFound`], every
    /// other reason [`ErrorCode::Denied`]. The message is a fixed text unless `detail` is given;
    /// the runtime passes the explanation as `detail` in debug builds only.
    pub fn from_denial(denial: &Denial<'_>, detail: Option<&str>) -> IpcError {
        let (code, fixed) = match denial.reason {
            DenialReason::UnknownCommand => (ErrorCode::NotFound, NO_SUCH_COMMAND),
            DenialReason::NotGranted
            | DenialReason::OriginNotAllowed
            | DenialReason::DeniedBy { .. } => (ErrorCode::Denied, NOT_ALLOWED),
        };
        IpcError::new(code, detail.unwrap_or(fixed))
    }

    /// The JSON body of the error response: `{"code":"denied","message":"..."}`. Never fails.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_else(|_| FALLBACK_JSON.to_vec())
    }
}

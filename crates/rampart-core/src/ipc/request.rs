//! The checks of the IPC door, in order, on the facts of one request. Nothing here reads the
//! body: everything is decided from the method, path, headers and body length.

use super::command::command_from_path;
use super::error::IpcError;
use super::limits::Limits;
use super::origin::classify;
use crate::acl::{Authority, Facts, Grant};

pub use super::origin::{APP_ORIGIN, CallOrigin};

/// What the runtime knows of a request before reading its body.
#[derive(Clone, Copy, Debug)]
pub struct RequestFacts<'a> {
    /// The HTTP method, as received.
    pub method: &'a str,
    /// The URI path, still percent-encoded: `/read_note`, `/plugin%3Afs%7Cread_file`.
    pub path: &'a str,
    /// The `Origin` header's bytes; None only when the header is absent.
    pub origin_header: Option<&'a [u8]>,
    /// The `Content-Type` header; None only when the header is absent (a header that is not
    /// text should be passed as `Some("")`, which is refused).
    pub content_type: Option<&'a str>,
    /// The length of the body, in bytes.
    pub body_len: usize,
}

/// How the body of a call is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON arguments (`application/json`, or no Content-Type and an empty body).
    Json,
    /// Raw bytes (`application/octet-stream`).
    Raw,
}

/// A request that passed the door's checks. The Authority has not been asked yet: see
/// [`decide_call`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The command, percent-decoded and well formed: `read_note` or `plugin:fs|read_file`.
    pub command: String,
    /// Where the call comes from.
    pub origin: CallOrigin,
    /// How to read the body.
    pub body: BodyKind,
    /// The value for `Access-Control-Allow-Origin` on the answer, set only once the Authority
    /// has accepted the call: [`APP_ORIGIN`], the development server's origin, or the remote
    /// origin.
    pub allow_origin: String,
}

impl Call {
    /// The facts of this call made from `webview` in `window`, for
    /// [`Authority::decide`] or [`Authority::explain`](crate::acl::Authority::explain).
    pub fn facts<'f>(&'f self, window: &'f str, webview: &'f str) -> Facts<'f> {
        Facts {
            window,
            webview,
            origin: self.origin.as_fact(),
        }
    }
}

/// Checks a request before anything runs, in this order: the method is `POST`; the `Origin`
/// header is present, not `null`, and a valid origin (local: exactly [`APP_ORIGIN`] or one of
/// `extra_local_origins`, compared as parsed origins; otherwise a bare remote origin); the body
/// is within `limits.max_body_bytes`; the path names a well-formed command; the Content-Type is
/// JSON or raw bytes. The first failure is the answer.
pub fn check_request(
    request: &RequestFacts<'_>,
    limits: &Limits,
    extra_local_origins: &[&str],
) -> Result<Call, IpcError> {
    if request.method != "POST" {
        return Err(IpcError::bad_request("only POST requests are accepted"));
    }
    let origin = classify(request.origin_header, extra_local_origins)?;
    if request.body_len > limits.max_body_bytes {
        return Err(IpcError::too_large("the request body is too large"));
    }
    let command = command_from_path(request.path)?;
    let body = body_kind(request.content_type, request.body_len)?;
    Ok(Call {
        command,
        origin: origin.origin,
        body,
        allow_origin: origin.allow_origin,
    })
}

/// Asks `authority` about `call` made from `webview` in `window`. A denial becomes an
/// [`IpcError`] with the fixed release-build message (see [`IpcError::from_denial`]).
pub fn decide_call<'a, 'f>(
    authority: &'a Authority,
    window: &'f str,
    webview: &'f str,
    call: &'f Call,
) -> Result<Grant<'a, 'f>, IpcError> {
    authority
        .decide(call.facts(window, webview), &call.command)
        .map_err(|denial| IpcError::from_denial(&denial, None))
}

/// The body kind named by the Content-Type (media type case-insensitive, parameters ignored).
fn body_kind(content_type: Option<&str>, body_len: usize) -> Result<BodyKind, IpcError> {
    let Some(content_type) = content_type else {
        return if body_len == 0 {
            Ok(BodyKind::Json)
        } else {
            Err(IpcError::bad_request(
                "a request with a body needs a Content-Type: application/json or \
                 application/octet-stream",
            ))
        };
    };
    let essence = content_type
        .split_once(';')
        .map_or(content_type, |(essence, _)| essence)
        .trim_matches([' ', '\t']);
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(BodyKind::Json)
    } else if essence.eq_ignore_ascii_case("application/octet-stream") {
        Ok(BodyKind::Raw)
    } else {
        Err(IpcError::bad_request(
            "the Content-Type must be application/json or application/octet-stream",
        ))
    }
}

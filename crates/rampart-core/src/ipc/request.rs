//! The checks of the IPC door, in order, on the facts of one request: first its head (method,
//! path, headers), before the body is read at all; then, once the runtime has read it within the
//! limit, the body's length.

use super::command::command_from_path;
use super::error::IpcError;
use super::limits::Limits;
use super::origin::classify;
use crate::acl::{Authority, Facts, Grant};

pub use super::origin::{APP_ORIGIN, CallOrigin};

/// What the runtime knows of a request before reading its body: its head.
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
}

/// How the body of a call is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON arguments (`application/json`).
    Json,
    /// Raw bytes (`application/octet-stream`).
    Raw,
    /// No Content-Type: a call without arguments, whose body must be empty (see
    /// [`check_body`]). Commands read it as JSON `{}`.
    Empty,
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

/// Checks a request's head before its body is read or anything runs, in this order: the method
/// is `POST`; the `Origin` header is present, not `null`, and a valid origin (local: exactly
/// [`APP_ORIGIN`] or one of `extra_local_origins`, compared as parsed origins; otherwise a bare
/// remote origin); the path names a well-formed command; the Content-Type is JSON, raw bytes or
/// absent. The first failure is the answer.
pub fn check_request(
    request: &RequestFacts<'_>,
    extra_local_origins: &[&str],
) -> Result<Call, IpcError> {
    if request.method != "POST" {
        return Err(IpcError::bad_request("only POST requests are accepted"));
    }
    let origin = classify(request.origin_header, extra_local_origins)?;
    let command = command_from_path(request.path)?;
    let body = body_kind(request.content_type)?;
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

/// The most bytes a runtime reads of a body: one more than the limit, so that a body over it is
/// known to be over without reading the rest.
pub fn read_limit(limits: &Limits) -> usize {
    limits.max_body_bytes.saturating_add(1)
}

/// Checks the body of an accepted `call`, read by the runtime (at most [`read_limit`] bytes):
/// within `limits.max_body_bytes`, and empty when the request had no Content-Type.
pub fn check_body(call: &Call, body_len: usize, limits: &Limits) -> Result<(), IpcError> {
    if body_len > limits.max_body_bytes {
        return Err(IpcError::too_large("the request body is too large"));
    }
    if call.body == BodyKind::Empty && body_len > 0 {
        return Err(IpcError::bad_request(
            "a request with a body needs a Content-Type: application/json or \
             application/octet-stream",
        ));
    }
    Ok(())
}

/// The body kind named by the Content-Type (media type case-insensitive, parameters ignored).
fn body_kind(content_type: Option<&str>) -> Result<BodyKind, IpcError> {
    let Some(content_type) = content_type else {
        return Ok(BodyKind::Empty);
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

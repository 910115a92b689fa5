//! HTTP-shaped requests (the `ipc://` scheme): their parts become [`CallFacts`], checked before
//! the body is read at all, in this order; the first failure is the answer:
//!
//! 1. the method is exactly `POST` ([`ErrorCode::BadRequest`](super::ErrorCode));
//! 2. the `Origin` header the engine attached: present (no-cors fetches and `<img>` loads send
//!    none), not `null` (sandboxed frames, `data:` URLs), then local (byte for byte
//!    [`APP_ORIGIN`](super::APP_ORIGIN), or one of the declared local origins compared as parsed
//!    origins) or a bare remote origin; any other origin in the `app:` scheme is refused
//!    ([`ErrorCode::Denied`](super::ErrorCode));
//! 3. the command name in the path, percent-decoded: `name` or `plugin:<plugin>|<name>`
//!    ([`ErrorCode::NotFound`](super::ErrorCode), without echoing the input);
//! 4. the Content-Type: JSON, raw bytes, or none for a call without arguments
//!    ([`ErrorCode::BadRequest`](super::ErrorCode)).

use super::command::command_from_path;
use super::error::IpcError;
use super::gate::{BodyKind, CallFacts, Refusal};
use super::origin::classify;

/// The parts of a request the door reads before its body: its head.
#[derive(Clone, Copy, Debug)]
pub struct RequestParts<'a> {
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

/// The facts of the call `request` makes. `local_origins` are the origins besides
/// `app://localhost` that count as the app's own (the development server's, in debug builds).
pub fn call_facts(
    request: &RequestParts<'_>,
    local_origins: &[&str],
) -> Result<CallFacts, Refusal> {
    let refuse =
        |error| Refusal::before_classification(error, request.origin_header, local_origins);
    if request.method != "POST" {
        return Err(refuse(IpcError::bad_request(
            "only POST requests are accepted",
        )));
    }
    let origin = classify(request.origin_header, local_origins).map_err(refuse)?;
    let command = command_from_path(request.path).map_err(refuse)?;
    let body = body_kind(request.content_type).map_err(refuse)?;
    Ok(CallFacts {
        command,
        origin: origin.origin,
        allow_origin: origin.allow_origin,
        body,
    })
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
    } else if essence.eq_ignore_ascii_case(super::seal::SEALED_CONTENT_TYPE) {
        Ok(BodyKind::Sealed)
    } else {
        Err(IpcError::bad_request(
            "the Content-Type must be application/json or application/octet-stream",
        ))
    }
}

//! The app's schemes: `app://localhost/...` serves its pages, `ipc://localhost/<command>` is a
//! door to the system (see `crate::gate`).

pub(crate) mod assets;
pub(crate) mod ipc;
pub(crate) mod message;
mod message_reply;
pub(crate) mod secret;
pub(crate) mod webkit;

use std::borrow::Cow;

use wry::http::header::{CONTENT_TYPE, HeaderValue};
use wry::http::{Response, StatusCode};

/// A response with `status`, `content_type` and `body`. Building it cannot fail: every header
/// value is a fixed string or checked before.
pub(crate) fn response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Cow<'static, [u8]>>,
) -> Response<Cow<'static, [u8]>> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

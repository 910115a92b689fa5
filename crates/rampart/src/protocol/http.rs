//! The answers of the runtime's schemes as HTTP responses: a call's [`Answer`] (the reply, or
//! the error with its code's status; `Access-Control-Allow-Origin` only for the origin that may
//! read it), and the plain [`response`] the app's pages are served with.

use std::borrow::Cow;

use rampart_core::ipc::{ErrorCode, IpcError};
use wry::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_TYPE, HeaderValue};
use wry::http::{Response, StatusCode};

use crate::command::Reply;
use crate::gate::Answer;

/// A call's answer as HTTP: the reply, or `{"code", "message", "data"?}` with the code's status.
pub(crate) fn answer(answer: Answer) -> Response<Cow<'static, [u8]>> {
    let response = match answer.outcome {
        Ok(Reply::Json(bytes)) => response(StatusCode::OK, "application/json", bytes),
        Ok(Reply::Bytes(bytes)) => response(StatusCode::OK, "application/octet-stream", bytes),
        Ok(Reply::Error { error, data }) => error_response(&error, Some(&data)),
        Err(error) => error_response(&error, None),
    };
    match answer
        .readable_by
        .and_then(|o| HeaderValue::from_str(&o).ok())
    {
        Some(origin) => {
            let mut response = response;
            response
                .headers_mut()
                .insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response
        }
        None => response,
    }
}

/// `error` (and the data a command attached to it) as `{"code", "message", "data"?}`, with the
/// code's status.
pub(crate) fn error_response(
    error: &IpcError,
    data: Option<&serde_json::Value>,
) -> Response<Cow<'static, [u8]>> {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        code: ErrorCode,
        message: &'a str,
        data: &'a serde_json::Value,
    }
    let body = data
        .and_then(|data| {
            let body = Body {
                code: error.code,
                message: &error.message,
                data,
            };
            serde_json::to_vec(&body).ok()
        })
        .unwrap_or_else(|| error.to_json());
    let status =
        StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response(status, "application/json", body)
}

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

//! The `ipc://` scheme on WebKitGTK: registered on a webview's WebKit context by the runtime
//! itself (not through wry), so that the runtime decides whether and how a request's body is
//! read. It translates between WebKit's URI-scheme requests and the [`Door`], and holds no
//! policy.
//!
//! Facts come from the engine: the method, the path, and the `Origin` header WebKit attached to
//! the request of the calling frame. The body is read only when the door asks for it, after the
//! access control and the [`ApiToken`](super::token::ApiToken) check, at most the door's limit,
//! synchronously on the GTK thread (it is in memory: the API sends strings and bytes). The
//! answer may come from any thread; it is handed to WebKit on the GTK thread.

use std::borrow::Cow;

use webkit2gtk::gio::{self, prelude::InputStreamExtManual};
use webkit2gtk::glib::{self, thread_guard::ThreadGuard};
use webkit2gtk::{
    SecurityManagerExt, URISchemeRequest, URISchemeRequestExt, URISchemeResponse,
    URISchemeResponseExt, WebContextExt, WebViewExt,
};
use wry::WebViewExtUnix;
use wry::http::header::CONTENT_TYPE;
use wry::http::{Response, StatusCode};

use rampart_core::ipc::{IpcError, RequestFacts};

use super::door::{Door, Incoming, error_response};
use super::token::TOKEN_HEADER;

/// The scheme of the door.
const SCHEME: &str = "ipc";

/// How much of a body is read at a time.
const CHUNK: usize = 64 * 1024;

/// Serves `ipc://` to `webview` through `door`. Call it before the webview loads its page.
pub(crate) fn register(webview: &wry::WebView, door: Door) -> Result<(), String> {
    let context = webview
        .webview()
        .context()
        .ok_or("the webview has no WebKit context")?;
    // Like the app's own scheme: a secure context may call it.
    context
        .security_manager()
        .ok_or("the WebKit context has no security manager")?
        .register_uri_scheme_as_secure(SCHEME);
    context.register_uri_scheme(SCHEME, move |request| handle(&door, request));
    Ok(())
}

/// One request: its facts to the door, and the door's answer back to WebKit.
fn handle(door: &Door, request: &URISchemeRequest) {
    let headers = request.http_headers();
    let header = |name: &str| headers.as_ref().and_then(|h| h.one(name));
    let (method, path) = (request.http_method(), request.path());
    let (origin, content_type, token) = (
        header("Origin"),
        header("Content-Type"),
        header(TOKEN_HEADER),
    );
    let incoming = Incoming {
        head: RequestFacts {
            method: method.as_deref().unwrap_or_default(),
            path: path.as_deref().unwrap_or_default(),
            origin_header: origin.as_deref().map(str::as_bytes),
            content_type: content_type.as_deref(),
        },
        token: token.as_deref().map(str::as_bytes),
        body: |max| read_body(request, max),
    };
    let pending = Pending(Some(ThreadGuard::new(request.clone())));
    door.handle(incoming, move |response| pending.finish(response));
}

/// At most `max` bytes of the request's body.
fn read_body(request: &URISchemeRequest, max: usize) -> Result<Vec<u8>, String> {
    let Some(stream) = request.http_body() else {
        return Ok(Vec::new());
    };
    let mut body = Vec::new();
    let mut chunk = vec![0; CHUNK.min(max)];
    while body.len() < max {
        let want = chunk.len().min(max - body.len());
        let read = stream
            .read(&mut chunk[..want], None::<&gio::Cancellable>)
            .map_err(|e| e.to_string())?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Ok(body)
}

/// A request waiting for its answer. WebKit's request may be touched on the GTK thread only;
/// an answer from any other thread is handed over to it. A request dropped unanswered is
/// answered with an `internal` error, so that no call of the page hangs.
struct Pending(Option<ThreadGuard<URISchemeRequest>>);

impl Pending {
    fn finish(mut self, response: Response<Cow<'static, [u8]>>) {
        if let Some(request) = self.0.take() {
            glib::MainContext::default().invoke(move || respond(request.get_ref(), response));
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(request) = self.0.take() {
            let response = error_response(&IpcError::internal("the call was dropped"), None);
            glib::MainContext::default().invoke(move || respond(request.get_ref(), response));
        }
    }
}

/// Finishes `request` with `response` (on the GTK thread).
fn respond(request: &URISchemeRequest, response: Response<Cow<'static, [u8]>>) {
    let (parts, body) = response.into_parts();
    let length = i64::try_from(body.len()).unwrap_or(i64::MAX);
    let bytes = match body {
        Cow::Borrowed(bytes) => glib::Bytes::from_static(bytes),
        Cow::Owned(bytes) => glib::Bytes::from_owned(bytes),
    };
    let answer = URISchemeResponse::new(&gio::MemoryInputStream::from_bytes(&bytes), length);
    answer.set_status(
        u32::from(parts.status.as_u16()),
        parts
            .status
            .canonical_reason()
            .or(StatusCode::OK.canonical_reason()),
    );
    if let Some(content_type) = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        answer.set_content_type(content_type);
    }
    let headers = soup::MessageHeaders::new(soup::MessageHeadersType::Response);
    for (name, value) in &parts.headers {
        if let Ok(value) = value.to_str() {
            headers.append(name.as_str(), value);
        }
    }
    answer.set_http_headers(headers);
    request.finish_with_response(&answer);
}

//! Serving one of the runtime's schemes on WebKitGTK, registered on a webview's WebKit context
//! by the runtime itself (not through wry), so that the runtime decides whether and how a
//! request's body is read: [`register`], the request's head ([`Head`]), its body on demand
//! ([`RequestBody`]), and the answer, delivered on the GTK thread from whichever thread gives
//! it ([`Pending`]).

use std::borrow::Cow;

use webkit2gtk::gio::{self, prelude::InputStreamExtManual};
use webkit2gtk::glib::{self, GString, thread_guard::ThreadGuard};
use webkit2gtk::{
    SecurityManagerExt, URISchemeRequest, URISchemeRequestExt, URISchemeResponse,
    URISchemeResponseExt, WebContextExt, WebViewExt,
};
use wry::WebViewExtUnix;
use wry::http::header::CONTENT_TYPE;
use wry::http::{Response, StatusCode};

use rampart_core::ipc::RequestParts;

use crate::gate::{Body, BodyError};

/// How much of a body is read at a time.
const CHUNK: usize = 64 * 1024;

/// Serves `scheme` to `webview` with `handler`, a secure scheme like the app's own. Call it
/// before the webview loads its page.
pub(crate) fn register(
    webview: &wry::WebView,
    scheme: &str,
    handler: impl Fn(&URISchemeRequest) + 'static,
) -> Result<(), String> {
    let context = webview
        .webview()
        .context()
        .ok_or("the webview has no WebKit context")?;
    context
        .security_manager()
        .ok_or("the WebKit context has no security manager")?
        .register_uri_scheme_as_secure(scheme);
    context.register_uri_scheme(scheme, handler);
    Ok(())
}

/// The head of a request, as WebKit reports it: method, path and the headers the door reads.
pub(crate) struct Head {
    method: Option<GString>,
    path: Option<GString>,
    origin: Option<GString>,
    content_type: Option<GString>,
    token: Option<GString>,
}

impl Head {
    /// The head of `request`; `token_header` names the header of the API's token.
    pub(crate) fn of(request: &URISchemeRequest, token_header: &str) -> Head {
        let headers = request.http_headers();
        let header = |name: &str| headers.as_ref().and_then(|h| h.one(name));
        Head {
            method: request.http_method(),
            path: request.path(),
            origin: header("Origin"),
            content_type: header("Content-Type"),
            token: header(token_header),
        }
    }

    /// The parts the gate's HTTP facts are made from.
    pub(crate) fn parts(&self) -> RequestParts<'_> {
        RequestParts {
            method: self.method.as_deref().unwrap_or_default(),
            path: self.path.as_deref().unwrap_or_default(),
            origin_header: self.origin.as_deref().map(str::as_bytes),
            content_type: self.content_type.as_deref(),
        }
    }

    /// The token header's value, if any.
    pub(crate) fn token(&self) -> Option<&[u8]> {
        self.token.as_deref().map(str::as_bytes)
    }
}

/// The body of a request, read synchronously on the GTK thread when the gate asks for it.
pub(crate) struct RequestBody<'r>(pub &'r URISchemeRequest);

impl Body for RequestBody<'_> {
    fn read(self, max: usize) -> Result<Vec<u8>, BodyError> {
        let Some(stream) = self.0.http_body() else {
            return Ok(Vec::new());
        };
        let mut body = Vec::new();
        let mut chunk = vec![0; CHUNK.min(max)];
        while body.len() < max {
            let want = chunk.len().min(max - body.len());
            let read = stream
                .read(&mut chunk[..want], None::<&gio::Cancellable>)
                .map_err(|e| BodyError::Unreadable(e.to_string()))?;
            if read == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..read]);
        }
        Ok(body)
    }
}

/// A request waiting for its answer. WebKit's request may be touched on the GTK thread only;
/// an answer from any other thread is handed over to it. A request dropped unanswered is
/// answered with `dropped`, so that no call of the page hangs.
pub(crate) struct Pending {
    request: Option<ThreadGuard<URISchemeRequest>>,
    dropped: fn() -> Response<Cow<'static, [u8]>>,
}

impl Pending {
    /// `request`, waiting; `dropped` makes the answer if nobody gives one.
    pub(crate) fn new(
        request: &URISchemeRequest,
        dropped: fn() -> Response<Cow<'static, [u8]>>,
    ) -> Pending {
        Pending {
            request: Some(ThreadGuard::new(request.clone())),
            dropped,
        }
    }

    /// Answers the request with `response`.
    pub(crate) fn finish(mut self, response: Response<Cow<'static, [u8]>>) {
        if let Some(request) = self.request.take() {
            glib::MainContext::default().invoke(move || respond(request.get_ref(), response));
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(request) = self.request.take() {
            let response = (self.dropped)();
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

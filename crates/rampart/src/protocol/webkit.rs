//! What the doors need of WebKitGTK: serving one of the runtime's schemes, registered on a
//! webview's WebKit context by the runtime itself (not through wry), so that the runtime decides
//! whether and how a request's body is read ([`register`], the request's head [`Head`], its
//! body on demand [`RequestBody`], the answer [`respond`]); and WebKit objects carried to
//! whichever thread answers a call and used back on the GTK thread ([`GtkBound`]).

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

/// How much of a body is read at first; each read doubles it, up to [`MAX_CHUNK`].
const FIRST_CHUNK: usize = 4 * 1024;

/// The most of a body read at a time.
const MAX_CHUNK: usize = 256 * 1024;

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
        let mut chunk = FIRST_CHUNK;
        while body.len() < max {
            // Read straight into the body's spare room: small calls allocate little.
            let start = body.len();
            body.resize(start + chunk.min(max - start), 0);
            let read = stream
                .read(&mut body[start..], None::<&gio::Cancellable>)
                .map_err(|e| BodyError::Unreadable(e.to_string()))?;
            body.truncate(start + read);
            if read == 0 {
                break;
            }
            chunk = (chunk * 2).min(MAX_CHUNK);
        }
        Ok(body)
    }
}

/// A value of the GTK thread (a WebKit object) that any thread may carry: it is used and dropped
/// on the GTK thread only. Dropped unused, it is handed to `unused` there, so that a call whose
/// answer was lost still gets one and no page waits forever.
pub(crate) struct GtkBound<T: 'static> {
    value: Option<ThreadGuard<T>>,
    unused: fn(T),
}

impl<T: 'static> GtkBound<T> {
    /// `value`, created on the GTK thread.
    pub(crate) fn new(value: T, unused: fn(T)) -> GtkBound<T> {
        GtkBound {
            value: Some(ThreadGuard::new(value)),
            unused,
        }
    }

    /// Runs `f` with the value on the GTK thread (at once if this is it).
    pub(crate) fn finish(mut self, f: impl FnOnce(T) + Send + 'static) {
        if let Some(value) = self.value.take() {
            glib::MainContext::default().invoke(move || f(value.into_inner()));
        }
    }
}

impl<T: 'static> Drop for GtkBound<T> {
    fn drop(&mut self) {
        if let Some(value) = self.value.take() {
            let unused = self.unused;
            glib::MainContext::default().invoke(move || unused(value.into_inner()));
        }
    }
}

/// Finishes `request` with `response` (on the GTK thread).
pub(crate) fn respond(request: &URISchemeRequest, response: Response<Cow<'static, [u8]>>) {
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

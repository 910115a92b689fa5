//! `asset://localhost/<percent-encoded absolute path>`: files a window's asset scope allows, for
//! `<img>`, `<video>`, `<audio>` and fonts.
//!
//! Each request is decided as a call of `plugin:asset|fetch` by the webview (its window, its
//! label, its page's origin): without a capability granting it, nothing is served. The files
//! are those of the grant's scope and those the person picked in the webview's dialogs. The path is
//! decoded segment by segment, once; a segment that decodes to `.`, `..`, nothing, or something
//! holding `/`, NUL or another percent-escape (double encoding) is refused before any check. The
//! file is then opened through the grant's scope as the fs plugin opens files (beneath the
//! matching allow rule's root, no symlink followed, regular files only) and served with its MIME
//! type, the app's Content-Security-Policy and `nosniff`. `Range` requests (one range) are
//! answered with 206 and only those bytes are read, at most [`MAX_CHUNK`] at a time; a request
//! without a range gets the whole file up to [`MAX_WHOLE`], and 416 past it (media elements ask
//! for ranges). Errors say nothing of the scope.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use rampart_core::acl::{Authority, Facts, Origin};
use rampart_core::app::{WindowPage, WindowSpec};
use rampart_core::ipc::{APP_ORIGIN, ErrorCode, serialized_origin};
use rampart_core::scope::open::{OpenOptions, ScopeError};
use rampart_core::scope::{BaseDirs, CheckedPath};
use wry::http::header::{
    ACCEPT_RANGES, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, CONTENT_RANGE,
    CONTENT_SECURITY_POLICY, HeaderName, HeaderValue, RANGE,
};
use wry::http::{Method, Request, Response, StatusCode};

use super::assets::mime_type;
use super::http::response;
use crate::app_handle::AppHandle;
use crate::context::Context;
use crate::refused::{RefusalHook, Refused};

/// The command an asset request is decided as.
pub(crate) const FETCH: &str = "plugin:asset|fetch";

/// The most bytes one ranged answer carries (an open range gets this much, and asks again).
pub(crate) const MAX_CHUNK: u64 = 8 * 1024 * 1024;

/// The largest file served whole, to a request without a range.
pub(crate) const MAX_WHOLE: u64 = 64 * 1024 * 1024;

type Served = Response<Cow<'static, [u8]>>;

/// The asset scheme of one webview.
pub(crate) struct AssetScheme {
    authority: Arc<Authority>,
    window: String,
    webview: String,
    origin: Origin,
    policy: HeaderValue,
    app: AppHandle,
    on_refused: Option<RefusalHook>,
}

/// Why a request is not served.
struct Refusal {
    status: StatusCode,
    reason: &'static str,
    message: String,
}

impl AssetScheme {
    /// The scheme of the webview of window `spec` (same label), whose page's origin is the
    /// window's: the app's own, or its remote page's.
    pub(crate) fn new(
        context: &Context,
        spec: &WindowSpec,
        app: &AppHandle,
        on_refused: Option<RefusalHook>,
    ) -> AssetScheme {
        let origin = match &spec.page {
            WindowPage::Local(_) => Origin::Local,
            WindowPage::Remote(url) => Origin::Remote(url.clone()),
        };
        AssetScheme {
            authority: context.authority.clone(),
            window: spec.label.clone(),
            webview: spec.label.clone(),
            origin,
            policy: HeaderValue::from_str(&context.policy().header())
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
            app: app.clone(),
            on_refused,
        }
    }

    /// Answers one request.
    pub(crate) fn serve(&self, request: &Request<Vec<u8>>) -> Served {
        let outcome = self.file(request);
        let mut served = match outcome {
            Ok(served) => served,
            Err(refusal) => {
                if refusal.status == StatusCode::FORBIDDEN {
                    self.report(&refusal, request.uri().path());
                }
                response(refusal.status, "text/plain", refusal.message.into_bytes())
            }
        };
        let headers = served.headers_mut();
        headers.insert(CONTENT_SECURITY_POLICY, self.policy.clone());
        headers.insert(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        );
        if let Some(origin) = self.readable_by() {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.insert(
                ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("Content-Range, Accept-Ranges"),
            );
        }
        served
    }

    fn file(&self, request: &Request<Vec<u8>>) -> Result<Served, Refusal> {
        let head = match *request.method() {
            Method::GET => false,
            Method::HEAD => true,
            _ => {
                return Err(refusal(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "bad_request",
                    "only GET and HEAD",
                ));
            }
        };
        if request.uri().host() != Some("localhost") {
            return Err(refusal(
                StatusCode::NOT_FOUND,
                "bad_request",
                "asset URLs are asset://localhost/<path>",
            ));
        }
        let path = decode_path(request.uri().path())?;
        let facts = Facts {
            window: &self.window,
            webview: &self.webview,
            origin: &self.origin,
        };
        let grant = self
            .authority
            .decide(facts, FETCH)
            .map_err(|denial| Refusal {
                status: StatusCode::FORBIDDEN,
                reason: denial.code(),
                message: "this window may not load assets".into(),
            })?;
        let checked = CheckedPath::new(&path, &BaseDirs::default())
            .map_err(|_| refusal(StatusCode::BAD_REQUEST, "bad_request", "not a usable path"))?;
        // Paths the person picked in this webview's dialogs are allowed too.
        let picked = self.app.picks.rules(&self.webview);
        let file = grant
            .scope()
            .with_picked(&picked)
            .open(&checked, OpenOptions::new().read(true))
            .map_err(|error| match error {
                ScopeError::NotFound { .. }
                | ScopeError::NotAFile { .. }
                | ScopeError::NotADirectory { .. } => {
                    refusal(StatusCode::NOT_FOUND, "not_found", "not found")
                }
                ScopeError::Io { .. } => refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "cannot read it",
                ),
                _ => refusal(
                    StatusCode::FORBIDDEN,
                    "scope_denied",
                    "outside the asset scope",
                ),
            })?;
        let range = request
            .headers()
            .get(RANGE)
            .and_then(|value| value.to_str().ok());
        serve_file(file, &path, range, head)
    }

    /// Who may read the bytes from script (`fetch`, a canvas): the window's own page's origin.
    fn readable_by(&self) -> Option<HeaderValue> {
        let origin = match &self.origin {
            Origin::Local => APP_ORIGIN.to_string(),
            Origin::Remote(url) => serialized_origin(url),
        };
        HeaderValue::from_str(&origin).ok()
    }

    /// Logs a refused request and tells the app's refusal hook.
    fn report(&self, refusal: &Refusal, target: &str) {
        tracing::warn!(window = %self.window, reason = refusal.reason, target, "asset refused");
        if let Some(hook) = &self.on_refused {
            hook(
                &self.app,
                &Refused {
                    window: self.window.clone(),
                    webview: self.webview.clone(),
                    origin: None,
                    command: Some(FETCH.to_string()),
                    target: Some(target.chars().take(512).collect()),
                    code: ErrorCode::Denied,
                    reason: refusal.reason.to_string(),
                },
            );
        }
    }
}

fn refusal(status: StatusCode, reason: &'static str, message: &str) -> Refusal {
    Refusal {
        status,
        reason,
        message: message.to_string(),
    }
}

/// The absolute path of an asset URL's path: each segment percent-decoded once and checked.
fn decode_path(raw: &str) -> Result<String, Refusal> {
    let bad = || {
        refusal(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "not a plain absolute path",
        )
    };
    let rest = raw.strip_prefix('/').ok_or_else(bad)?;
    if rest.len() > 4 * 4096 {
        return Err(bad());
    }
    let mut path = String::with_capacity(rest.len());
    for segment in rest.split('/') {
        let decoded = percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| bad())?;
        let escaped_again = decoded
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
        if decoded.is_empty()
            || decoded == "."
            || decoded == ".."
            || decoded.contains(['/', '\0'])
            || escaped_again
        {
            return Err(bad());
        }
        path.push('/');
        path.push_str(&decoded);
    }
    Ok(path)
}

/// The file's bytes, whole or the one range asked for.
fn serve_file(
    mut file: File,
    path: &str,
    range: Option<&str>,
    head: bool,
) -> Result<Served, Refusal> {
    let internal = |_| {
        refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "cannot read it",
        )
    };
    let size = file.metadata().map_err(internal)?.len();
    let content_type = mime_type(path);
    let (status, start, length) = match range.and_then(parse_range) {
        Some(ByteRange::From(start)) if start < size => (
            StatusCode::PARTIAL_CONTENT,
            start,
            (size - start).min(MAX_CHUNK),
        ),
        Some(ByteRange::Span(start, end)) if start < size => {
            let end = end.min(size - 1);
            (
                StatusCode::PARTIAL_CONTENT,
                start,
                (end - start + 1).min(MAX_CHUNK),
            )
        }
        Some(ByteRange::Suffix(last)) if last > 0 && size > 0 => {
            let length = last.min(size);
            (
                StatusCode::PARTIAL_CONTENT,
                size - length,
                length.min(MAX_CHUNK),
            )
        }
        Some(_) => {
            let mut unsatisfiable =
                response(StatusCode::RANGE_NOT_SATISFIABLE, "text/plain", Vec::new());
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                unsatisfiable.headers_mut().insert(CONTENT_RANGE, value);
            }
            return Ok(unsatisfiable);
        }
        None if size > MAX_WHOLE => {
            return Err(refusal(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "too_large",
                "too large to send whole: ask for a Range",
            ));
        }
        None => (StatusCode::OK, 0, size),
    };
    let mut bytes = Vec::new();
    if !head {
        bytes.reserve(usize::try_from(length).unwrap_or(0));
        file.seek(SeekFrom::Start(start)).map_err(internal)?;
        file.take(length)
            .read_to_end(&mut bytes)
            .map_err(internal)?;
    }
    let mut served = response(status, content_type, bytes);
    let headers = served.headers_mut();
    headers.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if status == StatusCode::PARTIAL_CONTENT {
        let end = start + length.saturating_sub(1);
        if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")) {
            headers.insert(CONTENT_RANGE, value);
        }
    }
    Ok(served)
}

/// One range of a `Range: bytes=...` header.
#[derive(Debug, PartialEq, Eq)]
enum ByteRange {
    /// `start-`
    From(u64),
    /// `start-end`, both included.
    Span(u64, u64),
    /// `-last`: the last bytes.
    Suffix(u64),
}

/// The one range of `header`; `None` (the whole file) for anything else, as a server may.
fn parse_range(header: &str) -> Option<ByteRange> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (start, end) = spec.trim().split_once('-')?;
    let number = |text: &str| -> Option<u64> {
        let text = text.trim();
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
    };
    match (start.trim().is_empty(), end.trim().is_empty()) {
        (true, false) => Some(ByteRange::Suffix(number(end)?)),
        (false, true) => Some(ByteRange::From(number(start)?)),
        (false, false) => {
            let (start, end) = (number(start)?, number(end)?);
            (start <= end).then_some(ByteRange::Span(start, end))
        }
        (true, true) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_once_and_traversal_in_any_spelling_is_refused() {
        let ok = |raw: &str| decode_path(raw).unwrap_or_else(|r| panic!("{raw}: {}", r.message));
        assert_eq!(ok("/home/me/pic%20one.png"), "/home/me/pic one.png");
        assert_eq!(ok("/home/me/%C3%A9t%C3%A9.jpg"), "/home/me/été.jpg");
        for raw in [
            "/home/me/../secret",
            "/home/me/%2e%2e/secret",
            "/home/me/%2E%2E/secret",
            "/home/me/.%2e/secret",
            "/home/me/%252e%252e/secret",
            "/home/me%2fsecret",
            "/home/me%2Fsecret",
            "/home/me/%00x",
            "/home//me",
            "/home/me/./x",
            "/home/me/",
            "/home/%ff",
            "relative",
        ] {
            assert!(decode_path(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn ranges_are_read_as_servers_read_them() {
        assert_eq!(parse_range("bytes=0-"), Some(ByteRange::From(0)));
        assert_eq!(parse_range("bytes=10-19"), Some(ByteRange::Span(10, 19)));
        assert_eq!(parse_range("bytes=-500"), Some(ByteRange::Suffix(500)));
        for ignored in [
            "bytes=0-1,5-6",
            "items=0-1",
            "bytes=5-1",
            "bytes=-",
            "bytes=a-b",
            "bytes=+1-2",
        ] {
            assert_eq!(parse_range(ignored), None, "{ignored}");
        }
    }
}

//! `app://localhost/<path>`: the app's own pages, from its `dist/` folder.
//!
//! Only plain relative paths are served: no `..`, no hidden files, no backslashes or NUL.
//! Every page carries `frame-ancestors 'self'`. (Compressed embedding and the full
//! Content-Security-Policy arrive with content security.)

use std::borrow::Cow;
use std::path::Path;

use wry::http::header::{CONTENT_SECURITY_POLICY, HeaderValue};
use wry::http::{Request, Response, StatusCode};

use super::response;

/// Answers one request for a page or asset under `root`.
pub(crate) fn serve(root: &Path, request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    let path = request.uri().path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let Some(relative) = safe_relative(path) else {
        return not_found();
    };
    match std::fs::read(root.join(relative)) {
        Ok(bytes) => {
            let mut page = response(StatusCode::OK, mime_type(relative), bytes);
            page.headers_mut().insert(
                CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(FRAME_ANCESTORS),
            );
            page
        }
        Err(_) => not_found(),
    }
}

/// The app's pages may be framed only by the app itself. A page of the app framed inside a
/// foreign frame would call the door with the app's own `Origin` (the engine reports the
/// framed document's origin), so it must not run. Measured here: WebKitGTK enforces neither this
/// directive nor `X-Frame-Options` on custom-scheme responses, so `js/frame-guard.js` is what
/// stops such a page; the directive stays for engines that honour it. The full policy arrives
/// with content security.
const FRAME_ANCESTORS: &str = "frame-ancestors 'self'";

fn not_found() -> Response<Cow<'static, [u8]>> {
    response(StatusCode::NOT_FOUND, "text/plain", b"not found".to_vec())
}

/// `path` if every component is a plain, visible name.
fn safe_relative(path: &str) -> Option<&str> {
    let plain = |c: &str| !c.is_empty() && !c.starts_with('.') && !c.contains(['\\', '\0', '%']);
    (path.len() <= 1024 && path.split('/').all(plain)).then_some(path)
}

fn mime_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" | "htm" => "text/html",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_are_served() {
        assert_eq!(safe_relative("index.html"), Some("index.html"));
        assert_eq!(safe_relative("css/app.css"), Some("css/app.css"));
        for bad in [
            "../Rampart.toml",
            "a/../../x",
            ".env",
            "a/.git/config",
            "a//b",
            "a\\b",
            "%2e%2e/x",
            "a\0",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad:?}");
        }
    }
}

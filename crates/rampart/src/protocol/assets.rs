//! `app://localhost/<path>`: the app's own pages, embedded in the binary or from its `dist/`
//! folder.
//!
//! Only plain relative paths are served: no `..`, no hidden files, no backslashes or NUL.
//! Every page carries `frame-ancestors 'self'`. (Compressed embedding and the full
//! Content-Security-Policy arrive with content security.)

use std::borrow::Cow;

use wry::http::header::{CONTENT_SECURITY_POLICY, HeaderValue};
use wry::http::{Request, Response, StatusCode};

use super::http::response;
use crate::context::Assets;

/// Answers one request for a page or asset of `assets`.
pub(crate) fn serve(assets: &Assets, request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    let path = request.uri().path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let Some(relative) = safe_relative(path) else {
        return not_found();
    };
    let bytes: Option<Cow<'static, [u8]>> = match assets {
        Assets::Dir(root) => std::fs::read(root.join(relative)).ok().map(Cow::Owned),
        Assets::Embedded(files) => files
            .binary_search_by(|(path, _)| (*path).cmp(relative))
            .ok()
            .map(|index| Cow::Borrowed(files[index].1)),
    };
    match bytes {
        Some(bytes) => {
            let mut page = response(StatusCode::OK, mime_type(relative), bytes);
            page.headers_mut().insert(
                CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(FRAME_ANCESTORS),
            );
            page
        }
        None => not_found(),
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

    fn get(assets: &Assets, path: &str) -> (u16, Vec<u8>) {
        let request = Request::get(format!("app://localhost/{path}"))
            .body(Vec::new())
            .expect("a valid request");
        let response = serve(assets, &request);
        (response.status().as_u16(), response.body().to_vec())
    }

    #[test]
    fn embedded_pages_are_served_by_exact_path() {
        static FILES: &[(&str, &[u8])] = &[("css/app.css", b"p {}"), ("index.html", b"<p>hi</p>")];
        let assets = Assets::Embedded(FILES);
        assert_eq!(get(&assets, ""), (200, b"<p>hi</p>".to_vec()));
        assert_eq!(get(&assets, "css/app.css"), (200, b"p {}".to_vec()));
        for missing in [
            "css",
            "app.css",
            "index.htm",
            "../index.html",
            "CSS/app.css",
        ] {
            assert_eq!(get(&assets, missing).0, 404, "{missing}");
        }
    }
}

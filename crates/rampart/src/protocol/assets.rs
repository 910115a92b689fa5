//! `app://localhost/<path>`: the app's own pages, embedded in the binary (brotli-compressed,
//! served decompressed) or from its `dist/` folder.
//!
//! Only plain relative paths are served: no `..`, no hidden files, no backslashes or NUL. Every
//! response carries the app's Content-Security-Policy; an HTML page's adds the hashes of its
//! inline scripts and styles and this launch's nonce, which its external scripts and stylesheets
//! carry. Every response has an `ETag` and answers a matching `If-None-Match` with 304.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::io::Read;

use rampart_core::csp::nonce;
#[cfg(feature = "from-dir")]
use rampart_core::csp::page;
use rampart_core::csp::{PageSources, Policy};
use rampart_core::dist;
use wry::http::header::{CONTENT_SECURITY_POLICY, ETAG, HeaderValue, IF_NONE_MATCH};
use wry::http::{Request, Response, StatusCode};

use super::http::response;
use crate::context::{Assets, Context, EmbeddedAsset};

/// The app's pages as the `app://` scheme serves them: where they come from, the policy, and
/// this launch's nonce.
pub(crate) struct Site {
    assets: Assets,
    policy: Policy,
    /// Drawn at launch; written into each page's nonce placeholders and its policy.
    nonce: String,
}

/// One file, ready to serve.
struct Served {
    bytes: Cow<'static, [u8]>,
    etag: String,
    /// For an HTML page: what its policy adds.
    page: Option<PageSources>,
}

impl Site {
    /// The pages of `context`, with a fresh nonce.
    pub(crate) fn new(context: &Context) -> Result<Site, String> {
        let mut random = [0u8; 16];
        getrandom::fill(&mut random).map_err(|e| format!("cannot draw the pages' nonce: {e}"))?;
        Ok(Site {
            assets: context.assets.clone(),
            policy: context.policy().clone(),
            nonce: nonce::nonce(random),
        })
    }

    /// Answers one request for a page or asset.
    pub(crate) fn serve(&self, request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
        let path = request.uri().path().trim_start_matches('/');
        let path = if path.is_empty() { "index.html" } else { path };
        let Some(file) = safe_relative(path).and_then(|relative| self.file(relative)) else {
            return not_found();
        };
        let policy = match &file.page {
            Some(page) => self.policy.header_for(page, Some(&self.nonce)),
            None => self.policy.header(),
        };
        let fresh = request.headers().get(IF_NONE_MATCH).is_some_and(|tags| {
            tags.as_bytes()
                .split(|b| *b == b',')
                .any(|t| t.trim_ascii() == file.etag.as_bytes())
        });
        let mut answer = if fresh {
            response(StatusCode::NOT_MODIFIED, mime_type(path), Vec::new())
        } else {
            let bytes = match file.page {
                Some(_) => {
                    let mut html = file.bytes.into_owned();
                    nonce::fill_nonce(&mut html, &self.nonce);
                    Cow::Owned(html)
                }
                None => file.bytes,
            };
            response(StatusCode::OK, mime_type(path), bytes)
        };
        let headers = answer.headers_mut();
        if let Ok(policy) = HeaderValue::from_str(&policy) {
            headers.insert(CONTENT_SECURITY_POLICY, policy);
        }
        if let Ok(etag) = HeaderValue::from_str(&file.etag) {
            headers.insert(ETAG, etag);
        }
        answer
    }

    /// The file `relative`, decompressed (and a page of a folder read for its policy).
    fn file(&self, relative: &str) -> Option<Served> {
        match &self.assets {
            Assets::Embedded(files) => {
                let index = files.binary_search_by(|a| a.path.cmp(relative)).ok()?;
                embedded(&files[index], &self.nonce)
            }
            #[cfg(feature = "from-dir")]
            Assets::Dir(root) => {
                let bytes = dist::read(root, relative).ok()?;
                if !dist::is_page(relative) {
                    let etag = etag_of(&bytes, "");
                    return Some(Served {
                        bytes: Cow::Owned(bytes),
                        etag,
                        page: None,
                    });
                }
                let scan = page::scan(&format!("dist/{relative}"), &bytes);
                for finding in scan.errors.iter().chain(&scan.warnings) {
                    tracing::warn!("{finding}");
                }
                let etag = etag_of(&scan.html, &self.nonce);
                Some(Served {
                    bytes: Cow::Owned(scan.html),
                    etag,
                    page: Some(scan.sources),
                })
            }
        }
    }
}

/// An embedded file, decompressed; a page's `ETag` also depends on this launch's `nonce`, which
/// its body will carry.
fn embedded(asset: &EmbeddedAsset, nonce: &str) -> Option<Served> {
    let bytes = if asset.compressed {
        let mut out = Vec::with_capacity(asset.bytes.len() * 4);
        brotli_decompressor::Decompressor::new(asset.bytes, 4096)
            .take(dist::MAX_ASSET_BYTES)
            .read_to_end(&mut out)
            .ok()?;
        Cow::Owned(out)
    } else {
        Cow::Borrowed(asset.bytes)
    };
    let page = asset.page.as_ref().map(|page| PageSources {
        script_hashes: page
            .script_hashes
            .iter()
            .map(|h| (*h).to_string())
            .collect(),
        style_hashes: page.style_hashes.iter().map(|h| (*h).to_string()).collect(),
        nonced: page.nonced,
    });
    let etag = match page {
        Some(_) => etag_of(asset.etag.as_bytes(), nonce),
        None => asset.etag.to_string(),
    };
    Some(Served { bytes, etag, page })
}

/// An `ETag` for `bytes` served with `nonce` (empty for a file without one). Not a security
/// value: it only has to change when they do.
fn etag_of(bytes: &[u8], nonce: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    nonce.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

fn not_found() -> Response<Cow<'static, [u8]>> {
    response(StatusCode::NOT_FOUND, "text/plain", b"not found".to_vec())
}

/// `path` if every component is a plain, visible name.
pub(crate) fn safe_relative(path: &str) -> Option<&str> {
    let plain = |c: &str| !c.is_empty() && !c.starts_with('.') && !c.contains(['\\', '\0', '%']);
    (path.len() <= 1024 && path.split('/').all(plain)).then_some(path)
}

/// The `Content-Type` of a file, by its extension (ASCII case ignored).
pub(crate) fn mime_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::EmbeddedPage;
    use rampart_core::csp::nonce::NONCE_PLACEHOLDER;

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

    fn site(assets: Assets) -> Site {
        Site {
            assets,
            policy: Policy::default(),
            nonce: "N".repeat(nonce::NONCE_LEN),
        }
    }

    fn get(site: &Site, path: &str, etag: Option<&str>) -> Response<Cow<'static, [u8]>> {
        let mut request = Request::get(format!("app://localhost/{path}"));
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        site.serve(&request.body(Vec::new()).expect("a valid request"))
    }

    fn header<'r>(
        response: &'r Response<Cow<'static, [u8]>>,
        name: &wry::http::header::HeaderName,
    ) -> &'r str {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn compressed(bytes: &[u8]) -> &'static [u8] {
        let mut out = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            std::io::Write::write_all(&mut writer, bytes).expect("compressed");
        }
        Vec::leak(out)
    }

    static PAGE: EmbeddedPage = EmbeddedPage {
        script_hashes: &["abc="],
        style_hashes: &[],
        nonced: true,
    };

    fn embedded_site() -> Site {
        let page = format!(
            "<script nonce=\"{NONCE_PLACEHOLDER}\" src=app.js></script><script>go()</script>"
        );
        let files = vec![
            EmbeddedAsset {
                path: "css/app.css",
                bytes: b"p {}",
                compressed: false,
                etag: "\"css\"",
                page: None,
            },
            EmbeddedAsset {
                path: "index.html",
                bytes: compressed(page.as_bytes()),
                compressed: true,
                etag: "\"page\"",
                page: Some(EmbeddedPage { ..PAGE }),
            },
        ];
        site(Assets::Embedded(Vec::leak(files)))
    }

    #[test]
    fn embedded_pages_are_served_decompressed_by_exact_path() {
        let site = embedded_site();
        let page = get(&site, "", None);
        let nonce = "N".repeat(nonce::NONCE_LEN);
        assert_eq!(page.status(), 200);
        assert_eq!(
            std::str::from_utf8(page.body()).expect("utf-8"),
            format!("<script nonce=\"{nonce}\" src=app.js></script><script>go()</script>")
        );
        assert_eq!(
            header(&page, &wry::http::header::CONTENT_TYPE),
            "text/html; charset=utf-8"
        );
        let css = get(&site, "css/app.css", None);
        assert_eq!(
            (css.status().as_u16(), css.body().as_ref()),
            (200, &b"p {}"[..])
        );
        for missing in [
            "css",
            "app.css",
            "index.htm",
            "../index.html",
            "CSS/app.css",
        ] {
            assert_eq!(get(&site, missing, None).status(), 404, "{missing}");
        }
    }

    #[test]
    fn every_response_carries_the_policy_and_a_page_its_hashes_and_nonce() {
        let site = embedded_site();
        let page = get(&site, "index.html", None);
        let policy = header(&page, &CONTENT_SECURITY_POLICY);
        let nonce = "N".repeat(nonce::NONCE_LEN);
        assert!(
            policy.contains(&format!("script-src 'self' 'sha256-abc=' 'nonce-{nonce}';")),
            "{policy}"
        );
        assert!(policy.contains("object-src 'none'"), "{policy}");
        let css = get(&site, "css/app.css", None);
        assert_eq!(
            header(&css, &CONTENT_SECURITY_POLICY),
            Policy::default().header()
        );
    }

    #[test]
    fn a_matching_etag_is_answered_with_not_modified() {
        let site = embedded_site();
        let css = get(&site, "css/app.css", None);
        assert_eq!(header(&css, &ETAG), "\"css\"");
        let again = get(&site, "css/app.css", Some("\"other\", \"css\""));
        assert_eq!(again.status(), 304);
        assert!(again.body().is_empty());
        assert_eq!(
            header(&again, &CONTENT_SECURITY_POLICY),
            Policy::default().header()
        );
        let page = get(&site, "index.html", None);
        let tag = header(&page, &ETAG).to_string();
        assert_ne!(
            tag, "\"page\"",
            "a page's tag depends on the launch's nonce"
        );
        assert_eq!(get(&site, "index.html", Some(&tag)).status(), 304);
        assert_eq!(get(&site, "index.html", Some("\"page\"")).status(), 200);
    }

    #[cfg(feature = "from-dir")]
    #[test]
    fn a_folder_page_is_read_for_its_policy_at_each_request() {
        let dir = std::env::temp_dir().join(format!("rampart-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("index.html"),
            "<script src=a.js></script><style>p{}</style>",
        )
        .expect("write");
        let site = site(Assets::Dir(dir.clone()));
        let page = get(&site, "index.html", None);
        let body = std::str::from_utf8(page.body()).expect("utf-8").to_string();
        assert!(
            body.contains(&format!("nonce=\"{}\"", "N".repeat(nonce::NONCE_LEN))),
            "{body}"
        );
        let policy = header(&page, &CONTENT_SECURITY_POLICY);
        assert!(
            policy.contains(&format!(
                "style-src 'self' 'sha256-{}'",
                page::hash_of(b"p{}")
            )),
            "{policy}"
        );
        std::fs::write(dir.join("index.html"), "<style>q{}</style>").expect("write");
        let policy = header(&get(&site, "index.html", None), &CONTENT_SECURITY_POLICY).to_string();
        assert!(policy.contains(&page::hash_of(b"q{}")), "{policy}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn types_are_named_by_extension() {
        assert_eq!(mime_type("a/B.JS"), "text/javascript; charset=utf-8");
        assert_eq!(mime_type("x.woff2"), "font/woff2");
        assert_eq!(mime_type("x"), "application/octet-stream");
    }
}

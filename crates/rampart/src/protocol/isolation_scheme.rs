//! `isolation://localhost/<path>`: the isolation application's files, from the folder
//! `[security.isolation] dir` names. Plain relative paths only; every response carries a policy
//! that allows no network at all and only the application's own script files (inline scripts
//! are blocked), so that the frame holding the sealing key can reach nothing but its parent.

use std::borrow::Cow;

use wry::http::header::{CONTENT_SECURITY_POLICY, HeaderValue};
use wry::http::{Method, Request, Response, StatusCode};

use super::assets::{mime_type, safe_relative};
use super::http::response;
use crate::context::IsolationFiles;

/// The isolation application's policy: its own files, nothing else.
/// (Its frame is sandboxed: its origin is opaque, which `'self'` never matches, so its own files
/// are named by their scheme.)
pub(crate) const POLICY: &str = "default-src 'none'; script-src isolation:; style-src isolation:; img-src isolation:; base-uri 'none'; form-action 'none'; frame-src 'none'; worker-src 'none'";

/// The isolation application's files.
pub(crate) struct IsolationScheme {
    files: IsolationFiles,
}

impl IsolationScheme {
    /// Serves `files`.
    pub(crate) fn new(files: IsolationFiles) -> IsolationScheme {
        IsolationScheme { files }
    }

    /// Answers one request.
    pub(crate) fn serve(&self, request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
        let mut served = self.file(request).unwrap_or_else(|status| {
            response(
                status,
                "text/plain",
                status.canonical_reason().unwrap_or("").as_bytes().to_vec(),
            )
        });
        served
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
        served
    }

    fn file(&self, request: &Request<Vec<u8>>) -> Result<Response<Cow<'static, [u8]>>, StatusCode> {
        if request.method() != Method::GET || request.uri().host() != Some("localhost") {
            return Err(StatusCode::NOT_FOUND);
        }
        let path = request.uri().path().trim_start_matches('/');
        let path = if path.is_empty() { "index.html" } else { path };
        let path = safe_relative(path).ok_or(StatusCode::NOT_FOUND)?;
        let bytes: Cow<'static, [u8]> = match &self.files {
            #[cfg(feature = "from-dir")]
            IsolationFiles::Dir(root) => {
                Cow::Owned(rampart_core::dist::read(root, path).map_err(|_| StatusCode::NOT_FOUND)?)
            }
            IsolationFiles::Embedded(files) => files
                .iter()
                .find(|(name, _)| *name == path)
                .map(|(_, bytes)| Cow::Borrowed(*bytes))
                .ok_or(StatusCode::NOT_FOUND)?,
        };
        Ok(response(StatusCode::OK, mime_type(path), bytes))
    }
}

//! Where a request comes from, from the `Origin` header the engine attached to it.
//!
//! WebKit sets that header itself for every CORS-mode request (a page cannot forge it), sends
//! none for `no-cors` fetches and `<img>` loads, and sends `null` for opaque origins (sandboxed
//! frames, `data:` URLs). See WEBVIEW.md, "Which Origin the engine attaches".

use std::fmt::Write as _;

use url::Url;

use super::error::IpcError;
use crate::acl::Origin;

/// The app's own origin, exactly as the engine sends it in the `Origin` header.
pub const APP_ORIGIN: &str = "app://localhost";

/// The scheme of [`APP_ORIGIN`]: any other origin in it is a forgery or a mistake.
const APP_SCHEME: &str = "app";

/// A checked origin, and the `Access-Control-Allow-Origin` value that answers it.
pub(super) struct Classified {
    pub origin: Origin,
    pub allow_origin: String,
}

/// Classifies the `Origin` header. `extra_local_origins` are compared as parsed origins
/// (scheme, host, port); [`APP_ORIGIN`] only byte for byte.
pub(super) fn classify(
    header: Option<&[u8]>,
    extra_local_origins: &[&str],
) -> Result<Classified, IpcError> {
    let header =
        header.ok_or_else(|| IpcError::denied("requests without an Origin header are refused"))?;
    let text = std::str::from_utf8(header).map_err(|_| invalid())?;
    if text == "null" {
        return Err(IpcError::denied(
            "requests from an opaque origin (`null`: a sandboxed frame or a data: URL) are refused",
        ));
    }
    if text == APP_ORIGIN {
        return Ok(Classified {
            origin: Origin::Local,
            allow_origin: APP_ORIGIN.to_owned(),
        });
    }
    let url = parse_bare(text)?;
    let allow_origin = serialized_origin(&url);
    if extra_local_origins
        .iter()
        .filter_map(|extra| Url::parse(extra).ok())
        .any(|extra| same_origin(&extra, &url))
    {
        return Ok(Classified {
            origin: Origin::Local,
            allow_origin,
        });
    }
    if url.scheme() == APP_SCHEME {
        // The engine sends exactly `app://localhost` for the app's pages; anything else in the
        // app's scheme (other host or port, other case) is not the app.
        return Err(IpcError::denied(
            "this origin is in the app's scheme but is not the app's origin",
        ));
    }
    Ok(Classified {
        origin: Origin::Remote(url),
        allow_origin,
    })
}

/// The error for a header that is not an origin. It never echoes the header.
fn invalid() -> IpcError {
    IpcError::denied("the Origin header is not a valid origin")
}

/// Parses `text` as a bare origin: `scheme://host[:port]`, optionally with a trailing `/`, and
/// nothing else (no user info, path, query or fragment). Only visible ASCII is accepted, so the
/// URL parser's trimming of spaces and removal of tabs and newlines never applies.
fn parse_bare(text: &str) -> Result<Url, IpcError> {
    if !text.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid());
    }
    let url = Url::parse(text).map_err(|_| invalid())?;
    let has_host = url.host_str().is_some_and(|host| !host.is_empty());
    let bare = has_host
        && matches!(url.path(), "" | "/")
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    if bare { Ok(url) } else { Err(invalid()) }
}

/// Scheme, host and port (the scheme's default when absent) are equal.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// `scheme://host[:port]`, as a browser serializes an origin (also for non-special schemes,
/// whose [`Url::origin`] is opaque).
pub fn serialized_origin(url: &Url) -> String {
    let Some(host) = url.host_str() else {
        return url.origin().ascii_serialization();
    };
    let mut out = format!("{}://{host}", url.scheme());
    if let Some(port) = url.port() {
        // Writing to a String cannot fail.
        let _ = write!(out, ":{port}");
    }
    out
}

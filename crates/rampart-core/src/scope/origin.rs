//! Origin patterns: which remote pages may call IPC (`remote.urls` of a capability).
//!
//! The syntax is that of [`UrlPattern`](super::UrlPattern), restricted to what an origin can
//! express. The engine reports only the origin of the calling frame, so a pattern may only name
//! scheme, host and port: a path other than none, `/`, `/*` or `/**` is an error, and so is a
//! query. Remote pages must be served over `https`; `http://` (or any other scheme) is an error,
//! and so is a bare `*` host.

use ::url::Url;

use super::url_parts::{self, HostPattern, UrlParts};
use super::{PatternError, shown};

/// A pattern over the origins of remote pages.
#[derive(Clone, Debug)]
pub struct OriginPattern {
    written: String,
    parts: UrlParts,
}

impl OriginPattern {
    /// Parses a pattern as an app author writes it, such as `https://*.example.com`.
    pub fn parse(pattern: &str) -> Result<OriginPattern, PatternError> {
        let parts = url_parts::parse(pattern)?;
        let error =
            |what: &str| PatternError::new(format!("origin pattern `{}` {what}", shown(pattern)));
        if parts.scheme == "http" {
            return Err(error("uses `http://`")
                .help("remote pages must be served over https: write `https://`"));
        }
        if parts.scheme != "https" {
            return Err(error(&format!("uses `{}://`", parts.scheme))
                .help("remote pages must be served over https: write `https://`"));
        }
        if matches!(parts.host, HostPattern::Any) {
            return Err(error("allows any host")
                .help("name the remote hosts, such as `https://*.example.com`"));
        }
        if !matches!(parts.path_text.as_deref(), None | Some("/" | "/*" | "/**")) {
            return Err(error("has a path").help(
                "the engine reports only the origin (scheme, host, port) of the calling page; \
                 remove the path",
            ));
        }
        if parts.has_query() {
            return Err(error("has a query").help(
                "the engine reports only the origin (scheme, host, port) of the calling page; \
                 remove the query",
            ));
        }
        Ok(OriginPattern {
            written: pattern.to_owned(),
            parts,
        })
    }

    /// Whether the pattern matches the origin `origin` (built by the runtime from the origin the
    /// engine reported): scheme, host and port are compared, anything else in the URL is
    /// ignored, except that a URL carrying a user name or password never matches. Allocates
    /// nothing.
    pub fn matches(&self, origin: &Url) -> bool {
        self.parts.origin_matches(origin)
    }

    /// The pattern as the author wrote it.
    pub fn as_written(&self) -> &str {
        &self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(p: &str, origin: &str) -> bool {
        let pattern = OriginPattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e:?}"));
        let origin = Url::parse(origin).unwrap_or_else(|e| panic!("{origin}: {e}"));
        pattern.matches(&origin)
    }

    #[test]
    fn http_is_refused() {
        let e = OriginPattern::parse("http://example.com").expect_err("http");
        assert!(e.help.unwrap_or_default().contains("https"));
        assert!(OriginPattern::parse("HTTP://example.com").is_err());
        assert!(!accepts("https://example.com", "http://example.com"));
        assert!(!accepts("example.com", "http://example.com"));
    }

    #[test]
    fn other_schemes_and_any_host_are_refused() {
        for p in [
            "wss://example.com",
            "app://localhost",
            "*",
            "https://*",
            "https://*:*",
        ] {
            assert!(OriginPattern::parse(p).is_err(), "{p}");
        }
    }

    #[test]
    fn paths_and_queries_are_refused() {
        for p in [
            "https://example.com/app",
            "https://example.com/*/x",
            "https://example.com/a*",
            "https://example.com?x=1",
            "https://example.com/?",
            "https://example.com/#x",
        ] {
            assert!(OriginPattern::parse(p).is_err(), "{p}");
        }
        for p in [
            "https://example.com",
            "https://example.com/",
            "https://example.com/*",
            "https://example.com/**",
        ] {
            assert!(accepts(p, "https://example.com"), "{p}");
        }
    }

    #[test]
    fn look_alike_origins_are_refused() {
        let p = "https://app.example.com";
        for origin in [
            "https://app.example.com.evil.com",
            "https://evil.com",
            "https://app.example.com@evil.com",
            "https://user@app.example.com",
            "https://app.example.com:8443",
            "https://app.example.com.",
            "https://evilapp.example.com",
        ] {
            assert!(!accepts(p, origin), "{origin}");
        }
        assert!(accepts(p, "https://APP.example.com:443"));
        assert!(accepts(p, "https://app.example.com/some/page?x#y"));
    }

    #[test]
    fn wildcard_origins() {
        let p = "https://*.example.com";
        assert!(accepts(p, "https://a.example.com"));
        assert!(!accepts(p, "https://example.com"));
        assert!(!accepts(p, "https://a.b.example.com"));
        assert!(accepts("https://example.com:*", "https://example.com:8443"));
        assert!(accepts(
            "https://example.com:8443",
            "https://example.com:8443"
        ));
        assert!(!accepts("https://example.com:8443", "https://example.com"));
    }

    #[test]
    fn as_written_keeps_the_text() {
        let p = OriginPattern::parse("https://Example.com").expect("parses");
        assert_eq!(p.as_written(), "https://Example.com");
    }
}

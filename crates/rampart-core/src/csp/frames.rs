//! Which URLs the policy lets a frame load: the sources of `frame-src` (else `child-src`, else
//! `default-src`) matched against a URL as CSP Level 3 matches them, for the app's own origin
//! `app://localhost`. The navigation guard asks this of a navigation it cannot tell apart from a
//! frame's: the engine enforces the policy on frames itself; this only keeps the guard from
//! refusing what the policy allows.

use url::Url;

use super::Policy;
use crate::ipc::{APP_ORIGIN, serialized_origin};

/// The scheme of the app's pages: what a host source without a scheme means.
const SELF_SCHEME: &str = "app";

impl Policy {
    /// Whether the policy's frame sources match `url`. No applicable directive allows any URL.
    pub fn allows_frame(&self, url: &Url) -> bool {
        let sources = ["frame-src", "child-src", "default-src"]
            .iter()
            .find_map(|name| self.directives().iter().find(|d| d.name == *name));
        match sources {
            None => true,
            Some(directive) => directive.sources.iter().any(|s| source_matches(s, url)),
        }
    }
}

/// Whether the source expression `source` matches `url`.
fn source_matches(source: &str, url: &Url) -> bool {
    let source = source.to_ascii_lowercase();
    let is_self = serialized_origin(url) == APP_ORIGIN
        && url.username().is_empty()
        && url.password().is_none();
    match source.as_str() {
        "'self'" => is_self,
        "*" => is_self || matches!(url.scheme(), "http" | "https" | "ws" | "wss"),
        _ if source.starts_with('\'') => false,
        _ if source.ends_with(':') && !source.contains('/') => {
            scheme_matches(&source[..source.len() - 1], url.scheme())
        }
        _ => host_source_matches(&source, url),
    }
}

/// A scheme source matches its scheme, and `http` also matches `https` (as `ws` matches `wss`).
fn scheme_matches(source: &str, scheme: &str) -> bool {
    source == scheme
        || (source == "http" && scheme == "https")
        || (source == "ws" && scheme == "wss")
}

/// `[scheme://]host[:port][path]`: a host source.
fn host_source_matches(source: &str, url: &Url) -> bool {
    let (scheme, rest) = match source.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, source),
    };
    let scheme_ok = match scheme {
        Some(scheme) => scheme_matches(scheme, url.scheme()),
        // No scheme: the scheme of the protected page (`app:`), or its secure twins.
        None => url.scheme() == SELF_SCHEME,
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], Some(&rest[at..])),
        None => (rest, None),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let Some(url_host) = url.host_str() else {
        return false;
    };
    let url_host = url_host.to_ascii_lowercase();
    let host_ok = match host.strip_prefix("*.") {
        Some(parent) => {
            url_host.len() > parent.len() + 1 && url_host.ends_with(&format!(".{parent}"))
        }
        None => host == "*" || host == url_host,
    };
    let port_ok = match port {
        Some("*") => true,
        Some(port) => port.parse::<u16>().ok() == url.port_or_known_default(),
        // `Url::port` is `None` for a scheme's default port.
        None => url.port().is_none(),
    };
    let path_ok = match path {
        None | Some("/") => true,
        Some(path) if path.ends_with('/') => url.path().starts_with(path),
        Some(path) => url.path() == path,
    };
    scheme_ok && host_ok && port_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csp::policy::{WrittenDirective, WrittenSource};
    use crate::diagnostic::SourceFile;

    fn policy(directive: &str, sources: &[&str]) -> Policy {
        let file = SourceFile::new("Rampart.toml", "");
        let written = [WrittenDirective {
            name: directive.into(),
            span: 0..0,
            sources: sources
                .iter()
                .map(|s| WrittenSource {
                    text: (*s).into(),
                    span: 0..0,
                })
                .collect(),
        }];
        Policy::from_written(&file, &written, None).0
    }

    fn allows(policy: &Policy, url: &str) -> bool {
        policy.allows_frame(&Url::parse(url).expect("a URL"))
    }

    #[test]
    fn the_default_allows_only_the_apps_own_pages() {
        let default = Policy::default();
        assert!(allows(&default, "app://localhost/inner.html"));
        for url in [
            "https://example.com/",
            "other://localhost/x",
            "app://evil/x",
            "app://user@localhost/x",
            "app://localhost:1/x",
            "data:text/html,x",
        ] {
            assert!(!allows(&default, url), "{url}");
        }
    }

    #[test]
    fn frame_src_wins_over_child_src_and_default_src() {
        let frames = policy("frame-src", &["https://www.youtube.com", "other:"]);
        assert!(allows(&frames, "https://www.youtube.com/embed/x"));
        assert!(allows(&frames, "other://localhost/attack.html"));
        assert!(
            !allows(&frames, "app://localhost/index.html"),
            "frame-src replaces 'self'"
        );
        let child = policy("child-src", &["https://a.example"]);
        assert!(allows(&child, "https://a.example/"));
        assert!(!allows(&child, "app://localhost/"));
    }

    #[test]
    fn host_sources_match_as_csp_matches_them() {
        let p = policy(
            "frame-src",
            &["https://*.example.com:8443/embed/", "player.example.org"],
        );
        assert!(allows(&p, "https://a.example.com:8443/embed/video"));
        for url in [
            "https://example.com:8443/embed/x",
            "https://a.example.com/embed/x",
            "https://a.example.com:8443/other",
            "http://a.example.com:8443/embed/x",
            "https://a.example.com.evil.com:8443/embed/x",
            "https://player.example.org/",
        ] {
            assert!(!allows(&p, url), "{url}");
        }
        let any = policy("frame-src", &["*"]);
        assert!(allows(&any, "https://x.example/") && !allows(&any, "data:text/html,x"));
        let none = policy("frame-src", &["'none'"]);
        assert!(!allows(&none, "app://localhost/"));
        let exact = policy("frame-src", &["https://example.com/page", "'nonce-x'"]);
        assert!(
            allows(&exact, "https://example.com/page?x=1")
                && !allows(&exact, "https://example.com/page/2")
        );
    }
}

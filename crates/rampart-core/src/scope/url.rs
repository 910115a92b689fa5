//! URL patterns, matched component by component against a parsed [`::url::Url`].
//!
//! Syntax: `[scheme://]host[:port][/path][?query]`.
//!
//! - **Scheme**: without `scheme://` the pattern means `https://`. Only the pattern's scheme
//!   matches: allowing `http` takes a pattern that names it. Schemes without a host (`mailto:`)
//!   and `file:` are errors: use an opener scheme rule or a path rule.
//! - **Host**: compared in the ASCII form the `url` crate produces (lowercase, IDN in punycode),
//!   the pattern's host being normalised the same way. A label may be exactly `*`, which matches
//!   one label: `*.example.com` matches `a.example.com`, but neither `example.com` nor
//!   `a.b.example.com`. The last label cannot be `*`. A trailing dot is an error in a pattern,
//!   and a URL whose host ends in a dot (`example.com.`) matches no pattern. A bare `*` host
//!   means *any host, IP addresses and `localhost` included*, and is accepted only for `https`.
//!   Hosts of schemes the URL standard does not know (`app://`) are compared exactly as the
//!   `url` crate keeps them, so an upper-case letter in such a URL never matches.
//! - **Port**: omitted means the scheme's default port only; `*` means any port; a number means
//!   exactly that port (`https://h:443` is the same as `https://h`).
//! - **Path**: omitted means any path (`https://example.com` matches every path on that origin).
//!   Otherwise a glob over the whole percent-encoded path, read as the URL Pattern standard
//!   reads paths: `*` matches any characters, `/` included (`https://h/api/*` is the whole API;
//!   `**` is read as `*`), `?` one character, `[...]` one of a set; dots are ordinary characters.
//!   `https://h/` matches only `/`. The URL is normalised first (no `.` or `..` segments).
//! - **Query**: omitted means any query. Otherwise the query is split at `&` and must have as
//!   many parameters as the pattern, each matching its glob; so `*` never crosses `&`, and
//!   `?id=*` does not accept `id=1&admin=1`. A URL without a query has the empty query.
//! - **Fragment**: ignored in URLs; an error in patterns.
//! - **Userinfo**: a URL that carries a user name or password never matches; a pattern cannot
//!   contain one.

use ::url::Url;

use super::PatternError;
use super::url_parts::{self, HostPattern, UrlParts};

/// A pattern over URLs (see the module documentation for its syntax).
#[derive(Clone, Debug)]
pub struct UrlPattern {
    written: String,
    parts: UrlParts,
    local_network: bool,
}

impl UrlPattern {
    /// Parses a pattern as an app author writes it.
    pub fn parse(pattern: &str) -> Result<UrlPattern, PatternError> {
        let parts = url_parts::parse(pattern)?;
        if matches!(parts.host, HostPattern::Any) && parts.scheme != "https" {
            return Err(PatternError::new(format!(
                "URL pattern `{pattern}`: the host `*` (any host) is only accepted for `https`"
            ))
            .help("name the hosts, such as `http://*.example.com`"));
        }
        Ok(UrlPattern {
            written: pattern.to_owned(),
            parts,
            local_network: false,
        })
    }

    /// The pattern, whose URLs may (`true`) or may not also reach loopback, private and
    /// link-local addresses (the http plugin's `local-network = true`).
    pub fn with_local_network(mut self, local_network: bool) -> UrlPattern {
        self.local_network = local_network;
        self
    }

    /// Whether the URLs this pattern allows may reach loopback, private and link-local
    /// addresses.
    pub fn local_network(&self) -> bool {
        self.local_network
    }

    /// Whether the pattern matches `url`. Allocates nothing.
    pub fn matches(&self, url: &Url) -> bool {
        self.parts.origin_matches(url) && self.parts.rest_matches(url)
    }

    /// The pattern as the author wrote it.
    pub fn as_written(&self) -> &str {
        &self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> UrlPattern {
        UrlPattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e:?}"))
    }

    fn accepts(p: &str, url: &str) -> bool {
        let url = Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        pattern(p).matches(&url)
    }

    #[test]
    fn look_alike_hosts_are_refused() {
        for url in [
            "https://app.example.com.evil.com/",
            "https://example.com.evil.com/",
            "https://evil-example.com/",
            "https://example.com@evil.com/",
            "https://evil.com/?https://example.com",
            "https://evil.com/https://example.com",
            "https://evil.com#https://example.com",
            "https://example.com./",
            "https://exampIe.com/",
            "https://example.co/",
        ] {
            assert!(!accepts("https://example.com", url), "{url}");
        }
        assert!(accepts(
            "https://example.com",
            "https://example.com/any/path?q"
        ));
    }

    #[test]
    fn userinfo_never_matches() {
        for url in [
            "https://user@example.com/",
            "https://user:pw@example.com/",
            "https://:pw@example.com/",
            "https://example.com:x@example.com/",
        ] {
            assert!(!accepts("https://example.com", url), "{url}");
            assert!(!accepts("https://*", url), "{url}");
            assert!(!accepts("https://*.com", url), "{url}");
        }
        // An empty userinfo is dropped by the parser: nothing is carried.
        assert!(accepts("https://example.com", "https://@example.com/"));
        assert!(UrlPattern::parse("https://user@example.com").is_err());
    }

    #[test]
    fn star_is_exactly_one_label() {
        let p = "https://*.example.com";
        assert!(accepts(p, "https://a.example.com/"));
        assert!(accepts(p, "https://A-1.Example.COM/"));
        assert!(!accepts(p, "https://example.com/"));
        assert!(!accepts(p, "https://a.b.example.com/"));
        assert!(!accepts(p, "https://a.example.com.evil.com/"));
        assert!(!accepts(p, "https://aexample.com/"));
        assert!(!accepts(p, "https://a.example.com./"));
        assert!(accepts(
            "https://a.*.example.com",
            "https://a.b.example.com/"
        ));
        assert!(!accepts(
            "https://a.*.example.com",
            "https://a.example.com/"
        ));
        assert!(!accepts(
            "https://a.*.example.com",
            "https://a.b.c.example.com/"
        ));
    }

    #[test]
    fn star_label_rules() {
        for p in [
            "https://*example.com",
            "https://a*.example.com",
            "https://**.example.com",
            "https://example.*",
            "https://*.*",
            "https://1.2.3.*",
            "https://*.1",
            "https://%2A.example.com",
        ] {
            assert!(UrlPattern::parse(p).is_err(), "{p}");
        }
    }

    #[test]
    fn bare_star_is_any_host_over_https_only() {
        let p = "https://*";
        assert!(accepts(p, "https://example.com/x"));
        assert!(accepts(p, "https://localhost/"));
        assert!(accepts(p, "https://127.0.0.1/"));
        assert!(accepts(p, "https://[::1]/"));
        assert!(!accepts(p, "http://example.com/"));
        assert!(!accepts(p, "https://example.com:8443/"));
        assert!(accepts("https://*:*", "https://example.com:8443/"));
        assert!(accepts("*", "https://example.com/"));
        for bad in ["http://*", "wss://*", "ftp://*/x", "app://*"] {
            assert!(UrlPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts_are_compared_in_normal_form() {
        assert!(accepts("https://EXAMPLE.com", "https://example.COM/"));
        assert!(accepts(
            "https://bücher.example",
            "https://xn--bcher-kva.example/"
        ));
        assert!(accepts(
            "https://xn--bcher-kva.example",
            "https://BÜCHER.example/"
        ));
        assert!(accepts(
            "https://*.bücher.example",
            "https://a.bücher.example/"
        ));
        assert!(accepts("https://127.0.0.1", "https://0x7f.1/"));
        assert!(accepts("https://[::1]:8080", "https://[0:0::1]:8080/"));
        assert!(!accepts("https://127.0.0.1", "https://127.0.0.2/"));
        // A fullwidth dot is a dot after IDNA mapping, in patterns and URLs alike.
        assert!(accepts(
            "https://a\u{3002}example.com",
            "https://a.example.com/"
        ));
    }

    #[test]
    fn trailing_dots_are_refused() {
        assert!(UrlPattern::parse("https://example.com.").is_err());
        assert!(UrlPattern::parse("https://a..example.com").is_err());
        assert!(!accepts("https://example.com", "https://example.com./"));
        assert!(!accepts("https://*.example.com", "https://a.example.com./"));
    }

    #[test]
    fn only_the_patterns_scheme_matches() {
        assert!(!accepts("https://example.com", "http://example.com/"));
        assert!(!accepts("example.com", "http://example.com/"));
        assert!(accepts("example.com", "https://example.com/"));
        assert!(!accepts("http://example.com", "https://example.com/"));
        assert!(accepts("HTTP://example.com", "http://example.com/"));
        assert!(!accepts("https://example.com", "wss://example.com/"));
        assert!(accepts("wss://example.com", "wss://example.com/"));
        assert!(!accepts("https://example.com", "ftp://example.com/"));
    }

    #[test]
    fn ports() {
        assert!(accepts("https://example.com", "https://example.com:443/"));
        assert!(!accepts("https://example.com", "https://example.com:8443/"));
        assert!(!accepts("https://example.com:8443", "https://example.com/"));
        assert!(accepts(
            "https://example.com:8443",
            "https://example.com:8443/"
        ));
        assert!(accepts("https://example.com:443", "https://example.com/"));
        assert!(accepts("http://localhost:*", "http://localhost:1234/"));
        assert!(accepts("http://localhost:*", "http://localhost/"));
        assert!(accepts("example.com:8443/x", "https://example.com:8443/x"));
        assert!(accepts("app://localhost", "app://localhost/x"));
        assert!(!accepts("app://localhost", "app://localhost:80/x"));
        for bad in [
            "https://example.com:",
            "https://example.com:65536",
            "https://example.com:-1",
            "https://example.com:8a",
            "https://example.com:1:2",
        ] {
            assert!(UrlPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_path_star_matches_any_characters_as_the_url_pattern_standard_reads_it() {
        let p = "https://example.com/api/*";
        assert!(accepts(p, "https://example.com/api/users"));
        assert!(accepts(p, "https://example.com/api/users/1"));
        assert!(accepts(p, "https://example.com/api/"));
        assert!(!accepts(p, "https://example.com/api"));
        assert!(!accepts(p, "https://example.com/apix/users"));
        assert!(!accepts(p, "https://example.com/api/../admin"));
        assert!(!accepts(p, "https://example.com/api/%2e%2e/admin/x"));
        assert!(!accepts(p, "https://example.com/admin/api/x"));
        assert!(accepts(p, "https://example.com/api/.hidden"));
        // The whole API, as authors of the best-known framework write it.
        assert!(accepts("https://example.com/*", "https://example.com"));
        assert!(accepts(
            "https://example.com/*",
            "https://example.com/a/b?c=d"
        ));
        // In the middle, and `**` read as `*`.
        let p = "https://example.com/v1/*/items";
        assert!(accepts(p, "https://example.com/v1/a/items"));
        assert!(accepts(p, "https://example.com/v1/a/b/items"));
        assert!(!accepts(p, "https://example.com/v1/a/items/x"));
        let p = "https://example.com/api/**";
        assert!(accepts(p, "https://example.com/api/users/1/x"));
        assert!(!accepts(p, "https://example.com/admin/api/x"));
        assert!(accepts(
            "https://example.com/a**",
            "https://example.com/ab/c"
        ));
        // An encoded slash stays encoded: it is a character, not a separator, either way.
        assert!(accepts(
            "https://example.com/a/*",
            "https://example.com/a/x%2Fy"
        ));
        assert!(accepts("https://example.com/", "https://example.com"));
        assert!(!accepts("https://example.com/", "https://example.com/x"));
        assert!(accepts(
            "https://example.com/ä/*",
            "https://example.com/%C3%A4/x"
        ));
        assert!(accepts(
            "https://example.com/a%20b",
            "https://example.com/a b"
        ));
        assert!(!accepts(
            "https://example.com/API/*",
            "https://example.com/api/x"
        ));
    }

    #[test]
    fn queries_match_per_parameter() {
        let p = "https://example.com/search?q=*";
        assert!(accepts(p, "https://example.com/search?q=rust"));
        assert!(accepts(p, "https://example.com/search?q="));
        assert!(!accepts(p, "https://example.com/search?q=rust&admin=1"));
        assert!(!accepts(p, "https://example.com/search"));
        assert!(!accepts(p, "https://example.com/search?x=1"));
        let p = "https://example.com/search?q=*&page=[0-9]";
        assert!(accepts(p, "https://example.com/search?q=a/b&page=2"));
        assert!(!accepts(p, "https://example.com/search?page=2&q=a"));
        assert!(accepts("https://example.com/x?", "https://example.com/x"));
        assert!(accepts("https://example.com/x?", "https://example.com/x?"));
        assert!(accepts(
            "https://example.com/x",
            "https://example.com/x?anything"
        ));
        assert!(accepts(
            "https://example.com?a=1",
            "https://example.com/any?a=1"
        ));
    }

    #[test]
    fn a_url_in_the_query_is_not_the_scheme() {
        let p = "example.com/go?to=https://*";
        assert!(accepts(p, "https://example.com/go?to=https://x"));
        assert!(!accepts(p, "https://example.com/go?to=http://x"));
    }

    #[test]
    fn fragments_are_ignored_in_urls_and_refused_in_patterns() {
        assert!(accepts(
            "https://example.com/x",
            "https://example.com/x#frag"
        ));
        assert!(UrlPattern::parse("https://example.com/x#frag").is_err());
    }

    #[test]
    fn schemes_without_hosts_point_to_the_opener() {
        for p in [
            "mailto:someone@example.com",
            "tel:+123",
            "javascript:alert(1)",
            "data:text/html,x",
        ] {
            let e = UrlPattern::parse(p).expect_err(p);
            assert!(
                e.help.unwrap_or_default().contains("opener scheme rule"),
                "{p}"
            );
        }
        let e = UrlPattern::parse("file:///etc/passwd").expect_err("file");
        assert!(e.help.unwrap_or_default().contains("path rule"));
    }

    #[test]
    fn malformed_patterns_are_errors() {
        for p in [
            "",
            "https://",
            "https:///x",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://example.com/\\x",
            "https://example.com/a/../b",
            "https://example.com/./b",
            "https://example.com/%2E%2e/b",
            "https://example.com/a***",
            "https://example.com/[a",
            "ht tp://example.com",
            "1https://example.com",
            "https://[::1",
            "https://[::1]x",
            "https://exa<mple.com",
            "https://example.com/\u{0}",
        ] {
            assert!(UrlPattern::parse(p).is_err(), "{p:?}");
        }
    }

    #[test]
    fn as_written_keeps_the_text() {
        assert_eq!(pattern("Example.com/x").as_written(), "Example.com/x");
    }
}

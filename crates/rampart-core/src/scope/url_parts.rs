//! The shared grammar of URL and origin patterns: `[scheme://]host[:port][/path][?query]`,
//! split into components that are each normalised the way the `url` crate normalises the URLs
//! they will be compared with.

use ::url::{Host, Url};

use super::scheme::{is_scheme, parse_scheme};
use super::wildcard::Segment;
use super::{PatternError, shown};

/// A URL pattern cut into its components.
#[derive(Clone, Debug)]
pub(crate) struct UrlParts {
    /// Lowercase scheme.
    pub(crate) scheme: String,
    pub(crate) host: HostPattern,
    pub(crate) port: PortPattern,
    /// The path glob as normalised, if the pattern has a path.
    pub(crate) path_text: Option<String>,
    /// Path glob over the whole path, as the URL Pattern standard reads paths: `*` matches any
    /// characters, `/` included (`**` is read as `*`); dots are ordinary.
    path: Option<Segment>,
    /// One glob per `&`-separated query parameter, if the pattern has a query.
    query: Option<Vec<Segment>>,
}

/// Which hosts a pattern accepts.
#[derive(Clone, Debug)]
pub(crate) enum HostPattern {
    /// A bare `*`: any host.
    Any,
    /// Exactly this host (a domain in ASCII form, or an IP address as the `url` crate writes it).
    Exact(String),
    /// A domain with `*` labels, each matching exactly one non-empty label.
    Labels(Vec<Label>),
}

/// One label of a domain pattern.
#[derive(Clone, Debug)]
pub(crate) enum Label {
    /// `*`: exactly one label.
    Any,
    /// This label, in ASCII lowercase form.
    Literal(String),
}

/// Which ports a pattern accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PortPattern {
    /// Omitted: only the scheme's default port (no explicit port for schemes without one).
    Default,
    /// `*`: any port.
    Any,
    /// Exactly this port.
    Exact(u16),
}

impl UrlParts {
    /// Whether scheme, userinfo, host and port accept `url`: the origin part. Allocates nothing.
    pub(crate) fn origin_matches(&self, url: &Url) -> bool {
        url.scheme() == self.scheme
            && url.username().is_empty()
            && url.password().is_none()
            && self.host.matches(url)
            && self.port.matches(url)
    }

    /// Whether path and query accept `url`. Allocates nothing.
    pub(crate) fn rest_matches(&self, url: &Url) -> bool {
        let path_ok = self
            .path
            .as_ref()
            .is_none_or(|glob| glob.matches(url.path(), false));
        path_ok
            && self.query.as_ref().is_none_or(|params| {
                let query = url.query().unwrap_or("");
                query.split('&').count() == params.len()
                    && query
                        .split('&')
                        .zip(params)
                        .all(|(param, glob)| glob.matches(param, false))
            })
    }

    /// Whether the pattern has a query part.
    pub(crate) fn has_query(&self) -> bool {
        self.query.is_some()
    }
}

impl HostPattern {
    fn matches(&self, url: &Url) -> bool {
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            return false;
        };
        match self {
            HostPattern::Any => true,
            HostPattern::Exact(exact) => host == exact,
            HostPattern::Labels(labels) => {
                matches!(url.host(), Some(Host::Domain(_)))
                    && host.split('.').count() == labels.len()
                    && host
                        .rsplit('.')
                        .zip(labels.iter().rev())
                        .all(|(label, pattern)| match pattern {
                            Label::Any => !label.is_empty(),
                            Label::Literal(literal) => label == literal,
                        })
            }
        }
    }
}

impl PortPattern {
    fn matches(self, url: &Url) -> bool {
        match self {
            PortPattern::Default => url.port().is_none(),
            PortPattern::Any => true,
            PortPattern::Exact(port) => url.port_or_known_default() == Some(port),
        }
    }
}

/// Parses `[scheme://]host[:port][/path][?query]`; a pattern without a scheme is `https`.
pub(crate) fn parse(pattern: &str) -> Result<UrlParts, PatternError> {
    check_characters(pattern)?;
    let (scheme, rest) = split_scheme(pattern)?;
    if scheme == "file" {
        return Err(PatternError::new(format!(
            "URL pattern `{}` is a `file:` URL",
            shown(pattern)
        ))
        .help("allow local files with a path rule instead"));
    }
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_and_query) = rest.split_at(authority_end);
    let (host, port) = split_authority(pattern, authority)?;
    let host = parse_host(pattern, &scheme, host)?;
    let port = parse_port(pattern, port)?;
    let (path_text, path, query) = parse_path_and_query(pattern, &scheme, path_and_query)?;
    Ok(UrlParts {
        scheme,
        host,
        port,
        path_text,
        path,
        query,
    })
}

/// Rejects characters that a URL never carries as written, or that mean something else here.
fn check_characters(pattern: &str) -> Result<(), PatternError> {
    if pattern.is_empty() {
        return Err(PatternError::new("URL pattern is empty")
            .help("write a pattern such as `https://example.com/api/*`"));
    }
    let bad = pattern.chars().find(|&c| {
        c.is_control() || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`' | '{' | '}' | '\\')
    });
    if let Some(c) = bad {
        return Err(PatternError::new(format!(
            "URL pattern `{}` contains {:?}",
            shown(pattern),
            c
        ))
        .help(
            "write the URL percent-encoded, as it appears in the address bar (`%20` for a space)",
        ));
    }
    if pattern.contains('#') {
        return Err(PatternError::new(format!(
            "URL pattern `{}` has a fragment (`#...`)",
            shown(pattern)
        ))
        .help("fragments are never sent and are ignored when matching; remove it"));
    }
    Ok(())
}

/// Splits off `scheme://`, defaulting to `https`. A scheme without `//` (`mailto:`) is an error.
fn split_scheme(pattern: &str) -> Result<(String, &str), PatternError> {
    let head_end = pattern.find(['/', '?']).unwrap_or(pattern.len());
    if let Some(i) = pattern.find("://").filter(|&i| i <= head_end) {
        let scheme = parse_scheme(&pattern[..i]).map_err(|e| PatternError {
            message: format!("URL pattern `{}`: {}", shown(pattern), e.message),
            help: e.help,
        })?;
        return Ok((scheme, &pattern[i + 3..]));
    }
    if let Some((before, after)) = pattern[..head_end].split_once(':') {
        let port_like =
            !after.is_empty() && (after == "*" || after.chars().all(|c| c.is_ascii_digit()));
        if is_scheme(before) && !port_like {
            return Err(PatternError::new(format!(
                "URL pattern `{}` has no host (`{}:` URLs are not matched by URL patterns)",
                shown(pattern),
                before.to_ascii_lowercase()
            ))
            .help(format!(
                "to allow opening such URLs, use an opener scheme rule: `scheme = \"{}\"`",
                before.to_ascii_lowercase()
            )));
        }
    }
    Ok(("https".to_owned(), pattern))
}

/// Splits `host[:port]`, rejecting userinfo. IPv6 hosts are written in brackets.
fn split_authority<'a>(
    pattern: &str,
    authority: &'a str,
) -> Result<(&'a str, Option<&'a str>), PatternError> {
    if authority.contains('@') {
        return Err(PatternError::new(format!(
            "URL pattern `{}` has a user name or password (`...@`)",
            shown(pattern)
        ))
        .help("write only the host; URLs that carry credentials never match"));
    }
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']').map_or(authority.len(), |i| i + 1);
        let (host, after) = authority.split_at(end);
        match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return Err(bad_host(pattern)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(
            PatternError::new(format!("URL pattern `{}` has no host", shown(pattern)))
                .help("write a host, such as `https://example.com`"),
        );
    }
    Ok((host, port))
}

fn bad_host(pattern: &str) -> PatternError {
    PatternError::new(format!(
        "URL pattern `{}` has an invalid host",
        shown(pattern)
    ))
    .help(
        "a host is a domain whose labels are literal or exactly `*` (`*.example.com`), \
         an IPv4 address, or an IPv6 address in brackets",
    )
}

/// Normalises the host as the `url` crate does (lowercase, IDNA to punycode, IP addresses in
/// canonical form) and checks the wildcard rules.
fn parse_host(pattern: &str, scheme: &str, host: &str) -> Result<HostPattern, PatternError> {
    if host == "*" {
        return Ok(HostPattern::Any);
    }
    if host.contains('%') {
        return Err(bad_host(pattern));
    }
    let lower = host.to_ascii_lowercase();
    let parsed = Url::parse(&format!("{scheme}://{lower}/")).map_err(|_| bad_host(pattern))?;
    let exact = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad_host(pattern))?;
    let domain = match parsed.host() {
        Some(Host::Domain(domain)) => domain,
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => return Ok(HostPattern::Exact(exact.to_owned())),
        None => return Err(bad_host(pattern)),
    };
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return Err(PatternError::new(format!(
            "URL pattern `{}` has an empty host label",
            shown(pattern)
        ))
        .help("remove the extra `.` (a trailing dot is not accepted: write `example.com`)"));
    }
    if !domain.contains('*') {
        return Ok(HostPattern::Exact(domain.to_owned()));
    }
    if labels.iter().any(|l| l.contains('*') && *l != "*") {
        return Err(PatternError::new(format!(
            "URL pattern `{}`: `*` must be a whole host label",
            shown(pattern)
        ))
        .help("`*` matches exactly one label: write `*.example.com`, not `*example.com`"));
    }
    if labels.last() == Some(&"*") {
        return Err(PatternError::new(format!(
            "URL pattern `{}`: the last host label cannot be `*`",
            shown(pattern)
        ))
        .help("anyone can register `example.*` under some top-level domain; list the domains"));
    }
    Ok(HostPattern::Labels(
        labels
            .into_iter()
            .map(|l| match l {
                "*" => Label::Any,
                l => Label::Literal(l.to_owned()),
            })
            .collect(),
    ))
}

/// Omitted: the default port; `*`: any; otherwise a number from 0 to 65535.
fn parse_port(pattern: &str, port: Option<&str>) -> Result<PortPattern, PatternError> {
    match port {
        None => Ok(PortPattern::Default),
        Some("*") => Ok(PortPattern::Any),
        Some(digits) if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => digits
            .parse::<u16>()
            .map(PortPattern::Exact)
            .map_err(|_| bad_port(pattern)),
        Some(_) => Err(bad_port(pattern)),
    }
}

fn bad_port(pattern: &str) -> PatternError {
    PatternError::new(format!(
        "URL pattern `{}` has an invalid port",
        shown(pattern)
    ))
    .help("a port is a number from 0 to 65535 or `*` for any port; omit it for the default port")
}

type PathAndQuery = (Option<String>, Option<Segment>, Option<Vec<Segment>>);

/// Normalises path and query through the `url` crate (percent-encoding what it encodes) and
/// compiles their globs.
fn parse_path_and_query(
    pattern: &str,
    scheme: &str,
    rest: &str,
) -> Result<PathAndQuery, PatternError> {
    let (raw_path, raw_query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let dot_segment = raw_path.split('/').any(|segment| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    });
    if dot_segment {
        return Err(PatternError::new(format!(
            "URL pattern `{}` has a `.` or `..` path segment",
            shown(pattern)
        ))
        .help("URLs are normalised before matching and never contain one; remove it"));
    }
    let normal = Url::parse(&format!("{scheme}://h{rest}"))
        .map_err(|e| PatternError::new(format!("URL pattern `{}`: {e}", shown(pattern))))?;
    let (path_text, path) = if raw_path.is_empty() {
        (None, None)
    } else {
        let text = normal.path().to_owned();
        // `**` (how path rules span folders) means what `*` means here: anything.
        let flat = text.replace("**", "*");
        let glob = Segment::new(&flat, false)
            .map_err(|problem| glob_error(pattern, "path", &text, problem))?;
        (Some(text), Some(glob))
    };
    let query = match raw_query {
        None => None,
        Some(_) => {
            let text = normal.query().unwrap_or("");
            let params = text
                .split('&')
                .map(|param| {
                    Segment::new(param, false)
                        .map_err(|problem| glob_error(pattern, "query", param, problem))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Some(params)
        }
    };
    Ok((path_text, path, query))
}

fn glob_error(pattern: &str, part: &str, glob: &str, problem: &str) -> PatternError {
    PatternError::new(format!(
        "URL pattern `{}` has an invalid {part} glob `{}`: {problem}",
        shown(pattern),
        shown(glob),
    ))
    .help(
        "in a path `*` matches any characters, `/` included; in a query `*` stays inside one \
         parameter; `[...]` must be closed",
    )
}

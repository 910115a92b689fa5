//! The app's Content-Security-Policy: the strict default, the author's `[security] csp` laid
//! over it directive by directive and checked, and the header each page is served with.

use std::fmt::Write as _;
use std::ops::Range;

use super::PageSources;
use crate::diagnostic::{ConfigError, SourceFile, did_you_mean};

/// The policy every page gets when the author writes none, one directive per entry.
pub const STRICT_DEFAULT: [(&str, &[&str]); 9] = [
    ("default-src", &["'self'"]),
    ("script-src", &["'self'"]),
    ("style-src", &["'self'"]),
    ("img-src", &["'self'", "asset:", "data:"]),
    ("connect-src", &["'self'", "ipc:"]),
    ("object-src", &["'none'"]),
    ("base-uri", &["'none'"]),
    ("form-action", &["'none'"]),
    ("frame-ancestors", &["'none'"]),
];

/// The directives an author may write (CSP Level 3), so that a typo is an error, not a
/// directive the engine silently ignores.
const DIRECTIVES: [&str; 26] = [
    "default-src",
    "script-src",
    "script-src-elem",
    "script-src-attr",
    "style-src",
    "style-src-elem",
    "style-src-attr",
    "img-src",
    "font-src",
    "connect-src",
    "media-src",
    "object-src",
    "frame-src",
    "child-src",
    "worker-src",
    "manifest-src",
    "base-uri",
    "form-action",
    "frame-ancestors",
    "sandbox",
    "upgrade-insecure-requests",
    "report-uri",
    "report-to",
    "require-trusted-types-for",
    "trusted-types",
    "webrtc",
];

/// Longest source expression accepted: a hash or a URL, not a document.
const MAX_SOURCE_LEN: usize = 2048;

/// One directive: its name and its source list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The directive's name, lower case (`script-src`).
    pub name: String,
    /// Its sources, in order (`'self'`, `https://cdn.example.com`).
    pub sources: Vec<String>,
}

/// A whole policy: the strict default with the author's directives laid over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    directives: Vec<Directive>,
}

/// A source expression the author wrote, and where: a byte span of the configuration file.
#[derive(Clone, Debug)]
pub struct WrittenSource {
    /// The source expression.
    pub text: String,
    /// Where it is in the file.
    pub span: Range<usize>,
}

/// A directive the author wrote, with the spans of its name and sources.
#[derive(Clone, Debug)]
pub struct WrittenDirective {
    /// The directive's name as written.
    pub name: String,
    /// Where the name is.
    pub span: Range<usize>,
    /// Its sources.
    pub sources: Vec<WrittenSource>,
}

/// What checking the author's policy found: errors stop the app from building or starting;
/// warnings are printed and the policy stands.
#[derive(Debug, Default)]
pub struct PolicyFindings {
    /// Each makes the policy unusable.
    pub errors: Vec<ConfigError>,
    /// Each weakens the policy; the author wrote it on purpose, or should not have.
    pub warnings: Vec<ConfigError>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            directives: STRICT_DEFAULT
                .iter()
                .map(|(name, sources)| Directive {
                    name: (*name).to_string(),
                    sources: sources.iter().map(|s| (*s).to_string()).collect(),
                })
                .collect(),
        }
    }
}

impl Policy {
    /// The strict default with `written` laid over it: each directive the author wrote replaces
    /// the default's, the others keep their default. Checked: unknown directives, characters
    /// that would break the header and `http:`/`ws:` sources are errors (`dev_origin`, the
    /// debug build's development server on this machine, excepted); `'unsafe-inline'`,
    /// `'unsafe-eval'` and wildcards are warnings.
    pub fn from_written(
        file: &SourceFile,
        written: &[WrittenDirective],
        dev_origin: Option<&str>,
    ) -> (Policy, PolicyFindings) {
        let mut policy = Policy::default();
        let mut findings = PolicyFindings::default();
        for (index, directive) in written.iter().enumerate() {
            let name = directive.name.to_ascii_lowercase();
            if !DIRECTIVES.contains(&name.as_str()) {
                let help = did_you_mean(&name, DIRECTIVES.iter().copied()).unwrap_or_else(|| {
                    "write a Content-Security-Policy directive, such as `img-src`".into()
                });
                findings.errors.push(file.error(
                    directive.span.clone(),
                    format!(
                        "`{}` is not a Content-Security-Policy directive",
                        directive.name
                    ),
                    Some(help),
                ));
                continue;
            }
            if written[..index]
                .iter()
                .any(|other| other.name.eq_ignore_ascii_case(&name))
            {
                findings.errors.push(file.error(
                    directive.span.clone(),
                    format!("`{name}` is written twice"),
                    Some("write each directive once, with all its sources".into()),
                ));
                continue;
            }
            let mut sources = Vec::new();
            for source in &directive.sources {
                if check_source(file, &name, source, dev_origin, &mut findings) {
                    sources.push(source.text.clone());
                }
            }
            policy.set(name, sources);
        }
        (policy, findings)
    }

    /// Replaces (or adds) the directive `name`.
    fn set(&mut self, name: String, sources: Vec<String>) {
        match self.directives.iter_mut().find(|d| d.name == name) {
            Some(directive) => directive.sources = sources,
            None => self.directives.push(Directive { name, sources }),
        }
    }

    /// Lets the pages frame `source` (`isolation:`, the isolation application's scheme): added
    /// to `frame-src`, which is made from the directive frames fall back to (`child-src`, else
    /// `default-src`) when the policy has none, so that nothing else changes. A `'none'` is
    /// replaced.
    pub fn allow_frame_source(&mut self, source: &str) {
        let inherited = ["frame-src", "child-src", "default-src"]
            .iter()
            .find_map(|name| self.directives.iter().find(|d| d.name == *name))
            .map(|d| d.sources.clone())
            .unwrap_or_default();
        let mut sources: Vec<String> = inherited.into_iter().filter(|s| s != "'none'").collect();
        if !sources.iter().any(|s| s == source) {
            sources.push(source.to_string());
        }
        match self.directives.iter_mut().find(|d| d.name == "frame-src") {
            Some(directive) => directive.sources = sources,
            None => self.directives.push(Directive {
                name: "frame-src".into(),
                sources,
            }),
        }
    }

    /// The directives, in header order.
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// The header of a response that is not a page of its own making (scripts, workers, SVG,
    /// other assets): the policy as it stands.
    pub fn header(&self) -> String {
        self.header_for(&PageSources::default(), None)
    }

    /// The header of an HTML page: the policy, with the page's inline scripts' and styles'
    /// hashes and this launch's `nonce` (when the page has nonce'd elements) added to
    /// `script-src` and `style-src`. A directive that allows `'unsafe-inline'` or is `'none'`
    /// gets nothing added: a hash or nonce would silently switch `'unsafe-inline'` off, and
    /// `'none'` means none.
    pub fn header_for(&self, page: &PageSources, nonce: Option<&str>) -> String {
        let mut header = String::new();
        for directive in &self.directives {
            if !header.is_empty() {
                header.push_str("; ");
            }
            header.push_str(&directive.name);
            for source in &directive.sources {
                header.push(' ');
                header.push_str(source);
            }
            let hashes = match directive.name.as_str() {
                "script-src" => &page.script_hashes,
                "style-src" => &page.style_hashes,
                _ => continue,
            };
            let open = !directive
                .sources
                .iter()
                .any(|s| s.eq_ignore_ascii_case("'unsafe-inline'") || s == "'none'");
            if !open {
                continue;
            }
            for hash in hashes {
                let _ = write!(header, " 'sha256-{hash}'");
            }
            if let (Some(nonce), true) = (nonce, page.nonced) {
                let _ = write!(header, " 'nonce-{nonce}'");
            }
        }
        header
    }
}

/// Checks one source the author wrote; false when it is an error (and so left out).
fn check_source(
    file: &SourceFile,
    directive: &str,
    source: &WrittenSource,
    dev_origin: Option<&str>,
    findings: &mut PolicyFindings,
) -> bool {
    let text = source.text.as_str();
    let error =
        |message: String, help: &str| file.error(source.span.clone(), message, Some(help.into()));
    if text.is_empty()
        || text.len() > MAX_SOURCE_LEN
        || text.contains(|c: char| c == ';' || c == ',' || c.is_whitespace() || c.is_control())
        || !text.is_ascii()
    {
        findings.errors.push(error(
            format!("`{text}` is not a source expression of `{directive}`"),
            "write one source per entry, such as `'self'` or `https://cdn.example.com`, without `;`, `,` or spaces",
        ));
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let keyword = matches!(
        lower.as_str(),
        "self"
            | "none"
            | "unsafe-inline"
            | "unsafe-eval"
            | "unsafe-hashes"
            | "strict-dynamic"
            | "report-sample"
            | "wasm-unsafe-eval"
            | "inline-speculation-rules"
    ) || ["nonce-", "sha256-", "sha384-", "sha512-"]
        .iter()
        .any(|p| lower.starts_with(p));
    if keyword {
        findings.errors.push(error(
            format!("`{text}` in `{directive}` would be read as a host name"),
            &format!("keywords are written in single quotes: did you mean `'{text}'`?"),
        ));
        return false;
    }
    let plain = lower.starts_with("http:") || lower.starts_with("ws:");
    if plain && is_dev_origin(&lower, dev_origin) {
        // The `[dev] url` server: honoured by debug builds only, so in the header of those.
        return cfg!(debug_assertions);
    }
    if plain {
        findings.errors.push(error(
            format!("`{text}` in `{directive}` lets the page load or reach plain `http:`/`ws:` content, which anyone on the network can change"),
            "use `https:`/`wss:` sources (the `[dev] url` server, or its `ws:` twin, is allowed: debug builds add it, release builds leave it out)",
        ));
        return false;
    }
    let weak = match lower.as_str() {
        "'unsafe-inline'" => Some(
            "lets injected inline scripts or styles run; Rampart then adds no hashes or nonces to this directive",
        ),
        "'unsafe-eval'" => Some("lets page code turn strings into code (`eval`, `new Function`)"),
        "'unsafe-hashes'" => Some("lets inline event handlers whose hash is listed run"),
        "*" | "https:" | "wss:" => Some("allows any host"),
        "data:" | "blob:" if directive.starts_with("script-src") || directive == "default-src" => {
            Some("lets a page run scripts it makes up itself")
        }
        _ => None,
    };
    if let Some(why) = weak {
        findings.warnings.push(error(
            format!("`{text}` in `{directive}` weakens the policy: it {why}"),
            "remove it unless the app cannot work without it",
        ));
    }
    true
}

/// Whether `source` (lower case) is the development server's origin, or its `ws:` twin.
fn is_dev_origin(source: &str, dev_origin: Option<&str>) -> bool {
    let Some(dev) = dev_origin else {
        return false;
    };
    let source = source.trim_end_matches('/');
    source == dev || source.strip_prefix("ws:") == dev.strip_prefix("http:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(file: &SourceFile, directives: &[(&str, &[&str])]) -> Vec<WrittenDirective> {
        let text = file.text();
        directives
            .iter()
            .map(|(name, sources)| {
                let at = |needle: &str| {
                    let start = text.find(needle).unwrap_or(0);
                    start..start + needle.len()
                };
                WrittenDirective {
                    name: (*name).into(),
                    span: at(name),
                    sources: sources
                        .iter()
                        .map(|s| WrittenSource {
                            text: (*s).into(),
                            span: at(s),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    fn policy(text: &str, directives: &[(&str, &[&str])]) -> (Policy, PolicyFindings) {
        let file = SourceFile::new("Rampart.toml", text);
        let written = written(&file, directives);
        Policy::from_written(&file, &written, Some("http://localhost:5173"))
    }

    #[test]
    fn the_default_is_strict() {
        assert_eq!(
            Policy::default().header(),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' asset: data:; \
             connect-src 'self' ipc:; object-src 'none'; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'"
        );
    }

    #[test]
    fn written_directives_replace_the_defaults_one_by_one() {
        let (policy, findings) = policy(
            "img-src = [\"'self'\", \"https://img.example.com\"]\nfont-src = \"'self'\"",
            &[
                ("img-src", &["'self'", "https://img.example.com"]),
                ("font-src", &["'self'"]),
            ],
        );
        assert!(findings.errors.is_empty() && findings.warnings.is_empty());
        let header = policy.header();
        assert!(
            header.contains("img-src 'self' https://img.example.com;"),
            "{header}"
        );
        assert!(header.contains("object-src 'none'"), "{header}");
        assert!(header.ends_with("font-src 'self'"), "{header}");
    }

    #[test]
    fn hashes_and_the_nonce_go_where_they_take_effect() {
        let page = PageSources {
            script_hashes: vec!["abc=".into()],
            style_hashes: vec!["def=".into()],
            nonced: true,
        };
        let header = Policy::default().header_for(&page, Some("n0nce"));
        assert!(
            header.contains("script-src 'self' 'sha256-abc=' 'nonce-n0nce';"),
            "{header}"
        );
        assert!(
            header.contains("style-src 'self' 'sha256-def=' 'nonce-n0nce';"),
            "{header}"
        );
        let (loose, _) = policy(
            "script-src 'unsafe-inline' style-src 'none'",
            &[
                ("script-src", &["'self'", "'unsafe-inline'"]),
                ("style-src", &["'none'"]),
            ],
        );
        let header = loose.header_for(&page, Some("n0nce"));
        assert!(
            header.contains("script-src 'self' 'unsafe-inline';"),
            "{header}"
        );
        assert!(header.contains("style-src 'none';"), "{header}");
    }

    #[test]
    fn bad_directives_and_sources_are_errors_that_point_at_them() {
        let text = "img-scr = 'self'\nscript-src = [\"http://cdn.example.com\", \"a;b\", \"x y\"]";
        let (_, findings) = policy(
            text,
            &[
                ("img-scr", &["'self'"]),
                ("script-src", &["http://cdn.example.com", "a;b", "x y"]),
            ],
        );
        let messages: Vec<String> = findings.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(findings.errors.len(), 4, "{messages:#?}");
        assert!(
            messages[0].starts_with("Rampart.toml:1:1: `img-scr`"),
            "{messages:#?}"
        );
        assert_eq!(
            findings.errors[0].help.as_deref(),
            Some("did you mean `img-src`?")
        );
        assert!(
            messages[1].starts_with("Rampart.toml:2:16:"),
            "{messages:#?}"
        );
        assert!(messages[1].contains("plain `http:`"), "{messages:#?}");
    }

    #[test]
    fn the_dev_server_is_the_only_plain_source_allowed() {
        let (_, findings) = policy(
            "connect-src",
            &[(
                "connect-src",
                &["'self'", "http://localhost:5173", "ws://localhost:5173"],
            )],
        );
        assert_eq!(
            findings.errors.len(),
            usize::from(!cfg!(debug_assertions)) * 2
        );
        let (_, findings) = policy("connect-src", &[("connect-src", &["ws://localhost:5174"])]);
        assert_eq!(findings.errors.len(), 1);
    }

    #[test]
    fn weakening_sources_are_warnings() {
        for weak in ["'unsafe-inline'", "'UNSAFE-EVAL'", "*", "https:", "data:"] {
            let (policy, findings) = policy("script-src", &[("script-src", &["'self'", weak])]);
            assert!(findings.errors.is_empty(), "{weak}");
            assert_eq!(findings.warnings.len(), 1, "{weak}");
            assert!(findings.warnings[0].message.contains("weakens"), "{weak}");
            assert!(policy.header().contains(weak), "{weak}");
        }
        let (_, findings) = policy("img-src", &[("img-src", &["data:"])]);
        assert!(findings.warnings.is_empty());
    }

    #[test]
    fn a_directive_written_twice_is_an_error() {
        let (_, findings) = policy(
            "img-src IMG-SRC",
            &[("img-src", &["'self'"]), ("IMG-SRC", &["'none'"])],
        );
        assert_eq!(findings.errors.len(), 1);
        assert!(findings.errors[0].message.contains("twice"));
    }
}

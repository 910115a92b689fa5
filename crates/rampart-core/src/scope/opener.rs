//! Opener rules: what the opener may hand to the system's default handler.
//!
//! Nothing is allowed unless a rule allows it; there is no default scheme list.

use ::url::Url;

use super::scheme::parse_scheme;
use super::{CheckedPath, PathPattern, PatternError, UrlPattern, shown};

/// One opener rule.
#[derive(Clone, Debug)]
pub enum OpenerRule {
    /// Any URL of this scheme (lowercase, validated per RFC 3986), such as `mailto`. A URL that
    /// carries a user name or password does not match.
    Scheme(String),
    /// URLs that this pattern matches.
    Url(UrlPattern),
    /// Local paths that this pattern matches.
    Path(PathPattern),
}

impl OpenerRule {
    /// A scheme rule. The scheme is validated and lowercased; `file` is refused, because opening
    /// local files is what path rules are for.
    pub fn scheme(scheme: &str) -> Result<OpenerRule, PatternError> {
        let scheme = parse_scheme(scheme)?;
        if scheme == "file" {
            return Err(PatternError::new(format!(
                "opener scheme `{}` would allow opening any local file",
                shown(&scheme)
            ))
            .help("allow local files with a path rule, such as `path = \"$DOWNLOAD/*.pdf\"`"));
        }
        Ok(OpenerRule::Scheme(scheme))
    }

    /// Whether the rule allows opening `url`. Path rules match no URL: the opener turns `file:`
    /// URLs into a [`CheckedPath`] and asks [`OpenerRule::matches_path`]. Allocates nothing.
    pub fn matches_url(&self, url: &Url) -> bool {
        match self {
            OpenerRule::Scheme(scheme) => {
                url.scheme() == scheme && url.username().is_empty() && url.password().is_none()
            }
            OpenerRule::Url(pattern) => pattern.matches(url),
            OpenerRule::Path(_) => false,
        }
    }

    /// Whether the rule allows opening the local path `path`. Only path rules match paths.
    pub fn matches_path(&self, path: &CheckedPath) -> bool {
        match self {
            OpenerRule::Path(pattern) => pattern.matches(path),
            OpenerRule::Scheme(_) | OpenerRule::Url(_) => false,
        }
    }

    /// The rule as the author wrote it (the scheme lowercased).
    pub fn as_written(&self) -> String {
        match self {
            OpenerRule::Scheme(scheme) => scheme.clone(),
            OpenerRule::Url(pattern) => pattern.as_written().to_owned(),
            OpenerRule::Path(pattern) => pattern.as_written().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BaseDir, BaseDirs};
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn dirs() -> BaseDirs {
        BaseDirs::default().with(BaseDir::Download, "/home/u/Downloads")
    }

    #[test]
    fn scheme_rules_match_only_their_scheme() {
        let rule = OpenerRule::scheme("MailTo").expect("valid");
        assert_eq!(rule.as_written(), "mailto");
        assert!(rule.matches_url(&url("mailto:someone@example.com")));
        assert!(rule.matches_url(&url("MAILTO:someone@example.com")));
        assert!(!rule.matches_url(&url("https://example.com/")));
        assert!(!rule.matches_url(&url("mailto2:x")));
        let https = OpenerRule::scheme("https").expect("valid");
        assert!(https.matches_url(&url("https://example.com/")));
        assert!(!https.matches_url(&url("http://example.com/")));
        assert!(!https.matches_url(&url("https://user:pw@example.com/")));
        assert!(!https.matches_path(&CheckedPath::new("/x", &dirs()).expect("path")));
    }

    #[test]
    fn invalid_and_dangerous_schemes_are_refused() {
        for bad in [
            "", "1x", "ht tp", "mailto:", "https://", "*", "file", "FILE",
        ] {
            assert!(OpenerRule::scheme(bad).is_err(), "{bad}");
        }
        let e = OpenerRule::scheme("file").expect_err("file");
        assert!(e.help.unwrap_or_default().contains("path rule"));
    }

    #[test]
    fn url_rules_use_url_patterns() {
        let rule = OpenerRule::Url(UrlPattern::parse("https://*.example.com/docs/**").expect("ok"));
        assert!(rule.matches_url(&url("https://a.example.com/docs/x")));
        assert!(!rule.matches_url(&url("https://a.example.com/admin")));
        assert!(!rule.matches_url(&url("https://evil.com/docs/x")));
        assert_eq!(rule.as_written(), "https://*.example.com/docs/**");
    }

    #[test]
    fn path_rules_match_only_paths() {
        let rule = OpenerRule::Path(PathPattern::parse("$DOWNLOAD/*.pdf", &dirs()).expect("ok"));
        let inside = CheckedPath::new("/home/u/Downloads/a.pdf", &dirs()).expect("path");
        let escape = CheckedPath::new("/home/u/Downloads/../x.pdf", &dirs()).expect("path");
        let hidden = CheckedPath::new("/home/u/Downloads/.x.pdf", &dirs()).expect("path");
        assert!(rule.matches_path(&inside));
        assert!(!rule.matches_path(&escape));
        assert!(!rule.matches_path(&hidden));
        assert!(!rule.matches_url(&url("file:///home/u/Downloads/a.pdf")));
        assert_eq!(rule.as_written(), "$DOWNLOAD/*.pdf");
    }
}

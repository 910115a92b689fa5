//! Scope matchers: what a granted command may touch.
//!
//! A scope is a value handed to a command with its grant. This module holds the matchers those
//! values are built from, each parsed once from the app's configuration and then matched without
//! allocating:
//!
//! - [`PathPattern`]: a glob over absolute paths whose first component may be a base-directory
//!   variable (`$APPDATA/notes/**`), matched against a lexically normalised [`CheckedPath`];
//! - [`UrlPattern`]: a URL matched component by component (scheme, host labels, port, path,
//!   query), never as a string;
//! - [`OriginPattern`]: the remote origins whose pages may call IPC;
//! - [`ShellProgram`]: a program at a fixed absolute path with one validator per argument;
//! - [`OpenerRule`]: what the opener may hand to the system (a scheme, a URL, a path).
//!
//! Everything here is pure: base directories come from a [`BaseDirs`] that the caller builds from
//! the environment it read, and nothing reads files or the environment.

pub mod base_dirs;
mod components;
pub mod event;
#[cfg(feature = "fs")]
pub mod open;
pub mod opener;
pub mod origin;
pub mod path;
mod scheme;
pub mod shell;
pub mod url;
mod url_parts;
mod user_dirs;
pub(crate) mod wildcard;

pub use self::base_dirs::{BaseDir, BaseDirs, app_state_dir, parse_user_dirs};
pub use self::event::{EventPattern, check_event_name};
pub use self::opener::OpenerRule;
pub use self::origin::OriginPattern;
pub use self::path::{CheckedPath, PathPattern};
pub use self::shell::{ArgRejection, ShellArgSpec, ShellMismatch, ShellProgram};
pub use self::url::UrlPattern;

/// The kind of scope a command takes: which matcher its scope rules are parsed into.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ScopeKind {
    /// The command takes no scope.
    None,
    /// Paths on the local file system ([`PathPattern`]).
    Path,
    /// Remote URLs ([`UrlPattern`]).
    Url,
    /// Programs and their arguments ([`ShellProgram`]).
    Shell,
    /// What the system opener may open ([`OpenerRule`]).
    Opener,
    /// Event names a webview may listen to ([`EventPattern`]).
    Event,
    /// Labels of the other windows a page may act on or open
    /// ([`LabelPattern`](crate::acl::LabelPattern)).
    Window,
}

impl ScopeKind {
    /// The name used in configuration files: `none`, `path`, `url`, `shell`, `opener`, `event`
    /// or `window`.
    pub fn name(self) -> &'static str {
        match self {
            ScopeKind::None => "none",
            ScopeKind::Path => "path",
            ScopeKind::Url => "url",
            ScopeKind::Shell => "shell",
            ScopeKind::Opener => "opener",
            ScopeKind::Event => "event",
            ScopeKind::Window => "window",
        }
    }
}

/// A scope pattern that cannot be used, for configuration diagnostics.
///
/// `message` says what is wrong with the pattern as written; `help`, when present, says what to
/// write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl PatternError {
    /// An error without help text.
    pub(crate) fn new(message: impl Into<String>) -> PatternError {
        PatternError {
            message: message.into(),
            help: None,
        }
    }

    /// Adds the help text.
    pub(crate) fn help(mut self, help: impl Into<String>) -> PatternError {
        self.help = Some(help.into());
        self
    }
}

/// `text` for an error message: control characters escaped, cut after 120 characters.
pub(crate) fn shown(text: &str) -> String {
    const LIMIT: usize = 120;
    let mut out: String = text
        .chars()
        .take(LIMIT)
        .map(|c| {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                c.to_string()
            }
        })
        .collect();
    if text.chars().nth(LIMIT).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_kind_names_match_serde() {
        for kind in [
            ScopeKind::None,
            ScopeKind::Path,
            ScopeKind::Url,
            ScopeKind::Shell,
            ScopeKind::Opener,
            ScopeKind::Event,
            ScopeKind::Window,
        ] {
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", kind.name()));
            let back: ScopeKind = serde_json::from_str(&json).expect("deserialises");
            assert_eq!(back, kind);
        }
    }

    #[test]
    fn scope_kind_rejects_unknown_names() {
        assert!(serde_json::from_str::<ScopeKind>("\"Path\"").is_err());
        assert!(serde_json::from_str::<ScopeKind>("\"file\"").is_err());
    }

    #[test]
    fn shown_escapes_and_truncates() {
        assert_eq!(shown("a\0b\n"), "a\\u{0}b\\n");
        let long = "x".repeat(500);
        assert_eq!(shown(&long).chars().count(), 121);
    }

    #[test]
    fn pattern_error_displays_message() {
        let e = PatternError::new("bad").help("do this");
        assert_eq!(e.to_string(), "bad");
        assert_eq!(e.help.as_deref(), Some("do this"));
    }
}

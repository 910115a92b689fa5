//! Turning a written scope entry into a typed rule of its owner's scope kind.

use std::fmt;

use super::label::LabelPattern;
use super::model::{ScopeEntry, ShellArg, ShellArgRule};
use crate::scope::{
    BaseDirs, EventPattern, OpenerRule, PathPattern, PatternError, ScopeKind, ShellArgSpec,
    ShellProgram, UrlPattern,
};

/// The label pattern of a window scope rule: `settings`, `note-*`.
#[derive(Clone, Debug)]
pub struct WindowPattern(LabelPattern);

impl WindowPattern {
    /// Whether the window `label` matches.
    pub fn matches(&self, label: &str) -> bool {
        self.0.matches(label)
    }

    /// Whether the rule names exactly `label` (no glob).
    pub fn is_exactly(&self, label: &str) -> bool {
        self.0.as_str() == label
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// One resolved scope rule.
#[derive(Clone, Debug)]
pub enum ScopeRule {
    /// A path glob (fs, asset protocol, app commands with a path scope).
    Path(PathPattern),
    /// A URL pattern (http).
    Url(UrlPattern),
    /// A program and its argument validators (shell).
    Shell(ShellProgram),
    /// A scheme, URL or path the opener may hand to the desktop.
    Opener(OpenerRule),
    /// Event names a webview may listen to.
    Event(EventPattern),
    /// Labels of other windows a page may act on or open.
    Window(WindowPattern),
}

impl fmt::Display for ScopeRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeRule::Path(pattern) => write!(f, "path {}", pattern.as_written()),
            ScopeRule::Url(pattern) if pattern.local_network() => {
                write!(f, "url {} (local network too)", pattern.as_written())
            }
            ScopeRule::Url(pattern) => write!(f, "url {}", pattern.as_written()),
            ScopeRule::Shell(program) => {
                write!(
                    f,
                    "program {} ({})",
                    program.name(),
                    program.cmd().display()
                )
            }
            ScopeRule::Opener(rule) => write!(f, "open {}", rule.as_written()),
            ScopeRule::Event(pattern) => write!(f, "event {}", pattern.as_written()),
            ScopeRule::Window(pattern) => write!(f, "window {}", pattern.as_str()),
        }
    }
}

/// Resolves `entry` as a rule of `kind`, expanding base directories with `dirs`.
pub fn resolve(
    entry: &ScopeEntry,
    kind: ScopeKind,
    dirs: &BaseDirs,
) -> Result<ScopeRule, PatternError> {
    match kind {
        ScopeKind::None => Err(PatternError {
            message: "these commands take no scope".into(),
            help: Some("remove the scope rules; they would restrict nothing".into()),
        }),
        ScopeKind::Path => {
            only_keys(entry, &["path"], kind)?;
            let path = required(&entry.path, "path", kind)?;
            PathPattern::parse(path, dirs).map(ScopeRule::Path)
        }
        ScopeKind::Url => {
            only_keys(entry, &["url", "local-network"], kind)?;
            let url = required(&entry.url, "url", kind)?;
            let pattern = UrlPattern::parse(url)?;
            Ok(ScopeRule::Url(
                pattern.with_local_network(entry.local_network.unwrap_or(false)),
            ))
        }
        ScopeKind::Shell => {
            only_keys(entry, &["name", "cmd", "args", "env", "cwd"], kind)?;
            let name = required(&entry.name, "name", kind)?;
            let cmd = required(&entry.cmd, "cmd", kind)?;
            let args = entry.args.as_deref().unwrap_or(&[]);
            let specs = args.iter().map(arg_spec).collect::<Result<Vec<_>, _>>()?;
            let mut program = ShellProgram::new(name, cmd, &specs, dirs)?
                .with_env(entry.env.as_deref().unwrap_or(&[]))?;
            if let Some(cwd) = &entry.cwd {
                program = program.with_cwd(PathPattern::parse(cwd, dirs)?);
            }
            Ok(ScopeRule::Shell(program))
        }
        ScopeKind::Opener => opener_rule(entry, dirs).map(ScopeRule::Opener),
        ScopeKind::Event => {
            only_keys(entry, &["event"], kind)?;
            let event = required(&entry.event, "event", kind)?;
            EventPattern::parse(event).map(ScopeRule::Event)
        }
        ScopeKind::Window => {
            only_keys(entry, &["window"], kind)?;
            let window = required(&entry.window, "window", kind)?;
            LabelPattern::parse(window)
                .map(|pattern| ScopeRule::Window(WindowPattern(pattern)))
                .map_err(PatternError::new)
        }
    }
}

fn opener_rule(entry: &ScopeEntry, dirs: &BaseDirs) -> Result<OpenerRule, PatternError> {
    only_keys(entry, &["scheme", "url", "path"], ScopeKind::Opener)?;
    match (&entry.scheme, &entry.url, &entry.path) {
        (Some(scheme), None, None) => OpenerRule::scheme(scheme),
        (None, Some(url), None) => UrlPattern::parse(url).map(OpenerRule::Url),
        (None, None, Some(path)) => PathPattern::parse(path, dirs).map(OpenerRule::Path),
        _ => Err(PatternError {
            message: "an opener rule takes exactly one of `scheme`, `url` or `path`".into(),
            help: Some("write one rule per table, e.g. `{ scheme = \"mailto\" }`".into()),
        }),
    }
}

fn arg_spec(arg: &ShellArg) -> Result<ShellArgSpec<'_>, PatternError> {
    match arg {
        ShellArg::Literal(text) => Ok(ShellArgSpec::Literal(text)),
        ShellArg::Rule(ShellArgRule {
            validator: Some(regex),
            path: None,
        }) => Ok(ShellArgSpec::Regex(regex)),
        ShellArg::Rule(ShellArgRule {
            validator: None,
            path: Some(path),
        }) => Ok(ShellArgSpec::Path(path)),
        ShellArg::Rule(_) => Err(PatternError {
            message: "an argument rule takes exactly one of `validator` or `path`".into(),
            help: Some("write `{ validator = \"^[a-z]+$\" }` or `{ path = \"$HOME/**\" }`".into()),
        }),
    }
}

fn required<'a>(
    value: &'a Option<String>,
    key: &str,
    kind: ScopeKind,
) -> Result<&'a str, PatternError> {
    value.as_deref().ok_or_else(|| PatternError {
        message: format!("a {} scope rule needs `{key}`", kind.name()),
        help: None,
    })
}

/// Refuses keys that belong to another kind of scope.
fn only_keys(entry: &ScopeEntry, allowed: &[&str], kind: ScopeKind) -> Result<(), PatternError> {
    let present = [
        ("path", entry.path.is_some()),
        ("url", entry.url.is_some()),
        ("local-network", entry.local_network.is_some()),
        ("scheme", entry.scheme.is_some()),
        ("name", entry.name.is_some()),
        ("cmd", entry.cmd.is_some()),
        ("args", entry.args.is_some()),
        ("env", entry.env.is_some()),
        ("cwd", entry.cwd.is_some()),
        ("event", entry.event.is_some()),
        ("window", entry.window.is_some()),
    ];
    match present
        .iter()
        .find(|(key, is_present)| *is_present && !allowed.contains(key))
    {
        Some((key, _)) => {
            let keys: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
            Err(PatternError {
                message: format!("`{key}` is not a key of a {} scope rule", kind.name()),
                help: Some(format!(
                    "these commands take a {} scope: use {}",
                    kind.name(),
                    keys.join(", ")
                )),
            })
        }
        None => Ok(()),
    }
}

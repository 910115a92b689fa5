//! Why a call is allowed or denied, for people: `rampart acl explain` and debug-build errors.
//!
//! An explanation reaches the same decision as [`Authority::decide`] (it calls it) and adds the
//! capabilities considered, which of them matched the facts, which permissions mention the
//! command, what would grant the call, and optionally a check of one argument against the
//! call's scope.

use std::fmt;

use serde::Serialize;
use url::Url;

use super::authority::{Authority, Facts, NodeBody, Origin, ScopeVerdict};
use crate::scope::{CheckedPath, ScopeKind};

/// The explanation of one decision.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// The command, as called.
    pub command: String,
    /// The window label.
    pub window: String,
    /// The webview label.
    pub webview: String,
    /// The origin: `local` or the remote origin.
    pub origin: String,
    /// Whether the call is allowed.
    pub allowed: bool,
    /// The denial code (`unknown_command`, `not_granted`, `origin_not_allowed`, `denied`), or
    /// `granted`.
    pub code: &'static str,
    /// The reason, in words.
    pub reason: String,
    /// Every capability, and how it relates to this call.
    pub capabilities: Vec<CapabilityReport>,
    /// What would grant the call, when it is denied.
    pub hints: Vec<String>,
    /// The scope rules of the call, when it is granted.
    pub scope: Vec<String>,
    /// The check of an argument against the scope, when one was asked for.
    pub scope_check: Option<ScopeCheck>,
}

/// How one capability relates to a call.
#[derive(Clone, Debug, Serialize)]
pub struct CapabilityReport {
    /// The capability.
    pub identifier: String,
    /// Where it is defined.
    pub location: String,
    /// False when its `platforms` exclude this platform.
    pub active: bool,
    /// A `windows` pattern matches the window label.
    pub window_matches: bool,
    /// A `webviews` pattern matches the webview label.
    pub webview_matches: bool,
    /// `local` or a `remote.urls` pattern matches the origin.
    pub origin_matches: bool,
    /// The permissions (as named in the capability) that allow the command.
    pub allows: Vec<String>,
    /// The permissions (as named in the capability) that deny the command.
    pub denies: Vec<String>,
}

/// The check of one argument against a granted call's scope.
#[derive(Clone, Debug, Serialize)]
pub struct ScopeCheck {
    /// The argument, after expansion and normalisation.
    pub value: String,
    /// The outcome.
    pub outcome: ScopeCheckOutcome,
    /// The rule that decided, if one did.
    pub rule: Option<String>,
}

/// The outcome of a [`ScopeCheck`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeCheckOutcome {
    /// An allow rule matches and no deny rule does.
    Allowed,
    /// A deny rule matches.
    Denied,
    /// No allow rule matches.
    OutOfScope,
    /// The argument is not a valid path or URL, or does not fit the command's kind of scope.
    Invalid,
}

/// An argument to check against a granted call's scope.
#[derive(Clone, Copy, Debug)]
pub enum ScopeQuery<'q> {
    /// A path (may start with a `$VARIABLE`).
    Path(&'q str),
    /// A URL.
    Url(&'q str),
    /// Another window's label (the window plugin's scope).
    Window(&'q str),
}

impl Authority {
    /// Explains the decision for `command` under `facts`, checking `query` against the scope.
    pub fn explain(
        &self,
        facts: Facts<'_>,
        command: &str,
        query: Option<ScopeQuery<'_>>,
    ) -> Explanation {
        let decision = self.decide(facts, command);
        let (allowed, code, reason) = match &decision {
            Ok(_) => (true, "granted", "granted".to_string()),
            Err(denial) => (false, denial.code(), denial.to_string()),
        };
        let command_index = self.lookup.get(command).copied();
        let capabilities = self
            .capabilities
            .iter()
            .map(|capability| {
                let mention = |deny: bool| match command_index {
                    Some(command) => self.mentions(&capability.granted, command, deny),
                    None => Vec::new(),
                };
                CapabilityReport {
                    identifier: capability.identifier.clone(),
                    location: capability.location.to_string(),
                    active: capability.active,
                    window_matches: capability.window_matches(facts.window),
                    webview_matches: capability.webview_matches(facts.webview),
                    origin_matches: capability.origin_matches(facts.origin),
                    allows: mention(false),
                    denies: mention(true),
                }
            })
            .collect();
        let scope = match &decision {
            Ok(grant) => grant.scope().rules().map(|r| r.to_string()).collect(),
            Err(_) => Vec::new(),
        };
        let scope_check = match (&decision, query) {
            (Ok(grant), Some(query)) => Some(self.check_query(grant.scope(), command, query)),
            _ => None,
        };
        let hints = match (&decision, command_index) {
            (Err(_), Some(index)) => self.hints(index, &facts),
            (Err(_), None) => self.unknown_command_hints(command),
            (Ok(_), _) => Vec::new(),
        };
        Explanation {
            command: command.to_string(),
            window: facts.window.to_string(),
            webview: facts.webview.to_string(),
            origin: match facts.origin {
                Origin::Local => "local".to_string(),
                Origin::Remote(url) => url.origin().ascii_serialization(),
            },
            allowed,
            code,
            reason,
            capabilities,
            hints,
            scope,
            scope_check,
        }
    }

    /// The granted references (as named) through which a permission allowing (or denying)
    /// `command` is reached: `notes-editor → allow-save-note`.
    fn mentions(&self, granted: &[u32], command: usize, deny: bool) -> Vec<String> {
        let mut out = Vec::new();
        for &reference in granted {
            for permission in self.expand(reference) {
                let NodeBody::Permission {
                    allow,
                    deny: denied,
                    active: true,
                    ..
                } = &self.nodes[permission as usize].body
                else {
                    continue;
                };
                let list = if deny { denied } else { allow };
                if list.contains(&command) {
                    out.push(if permission == reference {
                        self.node_name(reference).to_string()
                    } else {
                        format!(
                            "{} → {}",
                            self.node_name(reference),
                            self.node_name(permission)
                        )
                    });
                }
            }
        }
        out
    }

    /// The permissions a node stands for, sets expanded, each once.
    fn expand(&self, node: u32) -> Vec<u32> {
        let mut seen = Vec::new();
        let mut stack = vec![node];
        while let Some(next) = stack.pop() {
            if seen.contains(&next) {
                continue;
            }
            seen.push(next);
            if let NodeBody::Set { members } = &self.nodes[next as usize].body {
                stack.extend(members);
            }
        }
        seen.retain(|&n| matches!(self.nodes[n as usize].body, NodeBody::Permission { .. }));
        seen
    }

    fn hints(&self, command: usize, facts: &Facts<'_>) -> Vec<String> {
        let mut hints = Vec::new();
        let entry = &self.commands[command];
        for rule in &entry.denies {
            let capability = self.capability(rule.capability);
            if capability.fit(facts) == super::authority::Fit::Full {
                hints.push(format!(
                    "remove `{}` from capability `{}` ({}): a deny beats every allow",
                    self.node_name(rule.permission),
                    capability.identifier,
                    capability.location
                ));
            }
        }
        let granting: Vec<String> = (0..self.nodes.len() as u32)
            .filter(|&n| {
                self.expand(n).iter().any(|&p| {
                    matches!(&self.nodes[p as usize].body,
                        NodeBody::Permission { allow, active: true, .. } if allow.contains(&command))
                })
            })
            .map(|n| format!("`{}`", self.node_name(n)))
            .take(8)
            .collect();
        let labels = if facts.window == facts.webview {
            format!("window `{}`", facts.window)
        } else {
            format!("window `{}` or webview `{}`", facts.window, facts.webview)
        };
        let origin = match facts.origin {
            Origin::Local => "the app's own origin".to_string(),
            Origin::Remote(url) => format!("origin {}", url.origin().ascii_serialization()),
        };
        hints.push(format!(
            "to grant it, add one of {} to a capability that applies to {labels} and {origin}",
            granting.join(", ")
        ));
        hints
    }

    fn unknown_command_hints(&self, command: &str) -> Vec<String> {
        let mut hints = Vec::new();
        if let Some(name) = crate::diagnostic::did_you_mean(command, self.command_names()) {
            hints.push(name);
        }
        if !command.starts_with("plugin:") && command.contains(':') {
            hints.push("plugin commands are called as `plugin:<plugin>|<command>`, e.g. `plugin:fs|read_text_file`".into());
        }
        hints
    }

    fn check_query(
        &self,
        scope: super::authority::Scope<'_, '_>,
        command: &str,
        query: ScopeQuery<'_>,
    ) -> ScopeCheck {
        let kind = self.scope_kind(command).unwrap_or(ScopeKind::None);
        let verdict = match (query, kind) {
            (ScopeQuery::Path(path), ScopeKind::Path | ScopeKind::Opener) => {
                match CheckedPath::new(path, &self.dirs) {
                    Ok(checked) => {
                        let verdict = if kind == ScopeKind::Path {
                            scope.check_path(&checked)
                        } else {
                            scope.check_open_path(&checked)
                        };
                        Ok((checked.as_str().to_string(), verdict))
                    }
                    Err(error) => Err((path.to_string(), error.message)),
                }
            }
            (ScopeQuery::Url(text), ScopeKind::Url | ScopeKind::Opener) => match Url::parse(text) {
                Ok(url) => {
                    let verdict = if kind == ScopeKind::Url {
                        scope.check_url(&url)
                    } else {
                        scope.check_open_url(&url)
                    };
                    Ok((url.to_string(), verdict))
                }
                Err(error) => Err((text.to_string(), format!("invalid URL: {error}"))),
            },
            (ScopeQuery::Window(label), ScopeKind::Window) => {
                Ok((label.to_string(), scope.check_window(label)))
            }
            (
                ScopeQuery::Path(value) | ScopeQuery::Url(value) | ScopeQuery::Window(value),
                kind,
            ) => Err((
                value.to_string(),
                format!("`{command}` takes a {} scope", kind.name()),
            )),
        };
        match verdict {
            Ok((value, verdict)) => {
                let (outcome, rule) = match verdict {
                    ScopeVerdict::Allowed(rule) => {
                        (ScopeCheckOutcome::Allowed, Some(rule.to_string()))
                    }
                    ScopeVerdict::Denied(rule) => {
                        (ScopeCheckOutcome::Denied, Some(rule.to_string()))
                    }
                    ScopeVerdict::OutOfScope => (ScopeCheckOutcome::OutOfScope, None),
                };
                ScopeCheck {
                    value,
                    outcome,
                    rule,
                }
            }
            Err((value, message)) => ScopeCheck {
                value,
                outcome: ScopeCheckOutcome::Invalid,
                rule: Some(message),
            },
        }
    }
}

impl Explanation {
    /// Whether the call, and the argument checked if any, are allowed.
    pub fn fully_allowed(&self) -> bool {
        self.allowed
            && self
                .scope_check
                .as_ref()
                .is_none_or(|c| c.outcome == ScopeCheckOutcome::Allowed)
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "command `{}` from window `{}`, webview `{}`, origin {}",
            self.command, self.window, self.webview, self.origin
        )?;
        if self.allowed {
            writeln!(f, "ALLOWED")?;
        } else {
            writeln!(f, "DENIED ({}): {}", self.code, self.reason)?;
        }
        if !self.capabilities.is_empty() {
            writeln!(f, "\ncapabilities considered:")?;
        }
        for c in &self.capabilities {
            let platform = if c.active {
                ""
            } else {
                "  (not on this platform)"
            };
            writeln!(
                f,
                "  {} ({}): window {}, webview {}, origin {}{platform}",
                c.identifier,
                c.location,
                yes_no(c.window_matches),
                yes_no(c.webview_matches),
                yes_no(c.origin_matches)
            )?;
            for allow in &c.allows {
                writeln!(f, "      allows it through {allow}")?;
            }
            for deny in &c.denies {
                writeln!(f, "      denies it through {deny}")?;
            }
        }
        for hint in &self.hints {
            writeln!(f, "\nhint: {hint}")?;
        }
        if self.allowed {
            if self.scope.is_empty() {
                writeln!(f, "\nscope of this call: no rules")?;
            } else {
                writeln!(f, "\nscope of this call:")?;
                for rule in &self.scope {
                    writeln!(f, "  {rule}")?;
                }
            }
        }
        if let Some(check) = &self.scope_check {
            let outcome = match check.outcome {
                ScopeCheckOutcome::Allowed => "ALLOWED",
                ScopeCheckOutcome::Denied => "DENIED",
                ScopeCheckOutcome::OutOfScope => "OUT OF SCOPE (no allow rule matches)",
                ScopeCheckOutcome::Invalid => "INVALID",
            };
            writeln!(f, "\nargument {}: {outcome}", check.value)?;
            if let Some(rule) = &check.rule {
                writeln!(f, "  {rule}")?;
            }
        }
        Ok(())
    }
}

//! The resolved access-control state of an app, and the decision for one call.
//!
//! [`Authority::decide`] takes the facts of a call (which the runtime gathers from the engine,
//! never from the page) and a command name, and returns a [`Grant`] or a [`Denial`]. It does no
//! I/O and allocates nothing. A grant carries the call's [`Scope`]: the scope rules of exactly
//! the capabilities that match these facts.

use std::fmt;
use std::sync::Arc;

use url::Url;

use rustc_hash::FxHashMap;

use super::label::{LabelFilter, LabelPattern, label_probe};
use super::model::Platform;
use super::scope_rule::ScopeRule;
use crate::diagnostic::Location;
use crate::scope::{BaseDirs, OriginPattern, ScopeKind};

/// The facts of one call, as the engine reports them.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// Label of the window that holds the calling webview.
    pub window: &'a str,
    /// Label of the calling webview.
    pub webview: &'a str,
    /// Origin of the frame that made the request.
    pub origin: &'a Origin,
}

/// Where a call comes from: the origin of the calling frame, as the engine reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The app's own origin (`app://localhost`, or a development server's origin the runtime
    /// declared local).
    Local,
    /// Any other origin: a bare `scheme://host[:port]`, parsed. A capability must name it.
    Remote(Url),
}

/// The resolved access control of an app. Built by [`resolve`](super::resolve).
#[derive(Debug)]
pub struct Authority {
    pub(crate) app_identifier: String,
    pub(crate) platform: Platform,
    /// Command name → index. Built once; page input only looks up, so a fast hash is safe.
    pub(crate) lookup: FxHashMap<Box<str>, usize>,
    pub(crate) commands: Vec<CommandEntry>,
    pub(crate) capabilities: Vec<CapabilityEntry>,
    pub(crate) nodes: Vec<PermissionNode>,
    pub(crate) owners: Vec<OwnerEntry>,
    pub(crate) dirs: BaseDirs,
}

/// An app (index 0) or a plugin, and the commands it owns.
#[derive(Debug)]
pub(crate) struct OwnerEntry {
    pub plugin: Option<String>,
    pub scope_kind: ScopeKind,
    pub commands: Vec<usize>,
}

/// One command and every rule that mentions it.
#[derive(Debug)]
pub(crate) struct CommandEntry {
    pub wire_name: Box<str>,
    pub owner: usize,
    pub allows: Vec<Rule>,
    pub denies: Vec<Rule>,
    pub scopes: Vec<ScopeGrant>,
}

/// "Capability `capability` includes permission `permission`, which mentions this command."
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule {
    pub capability: u32,
    pub permission: u32,
    /// The capability's labels, summarised: most rules are ruled out without reading it.
    pub labels: LabelFilter,
}

/// Scope rules that apply to a command when `capability` matches the facts.
#[derive(Debug)]
pub(crate) struct ScopeGrant {
    pub capability: u32,
    /// The capability's labels, summarised (see [`Rule::labels`]).
    pub labels: LabelFilter,
    pub permission: u32,
    /// The rules were written inline in the capability, on its reference to `permission`.
    pub inline: bool,
    pub allow: Arc<[ScopeRule]>,
    pub deny: Arc<[ScopeRule]>,
}

/// A capability as resolved.
#[derive(Debug)]
pub(crate) struct CapabilityEntry {
    pub identifier: String,
    pub description: Option<String>,
    pub location: Location,
    pub windows: Vec<LabelPattern>,
    pub webviews: Vec<LabelPattern>,
    pub local: bool,
    pub remote: Vec<OriginPattern>,
    /// False when `platforms` excludes the platform this authority was resolved for.
    pub active: bool,
    /// The permission and set nodes it names, as written.
    pub granted: Vec<u32>,
    /// The permissions it grants once sets are expanded.
    pub flattened: Vec<u32>,
}

/// A permission or a set, for listings and explanations.
#[derive(Debug)]
pub(crate) struct PermissionNode {
    pub identifier: String,
    pub owner: usize,
    pub description: Option<String>,
    /// None for the permissions generated for every command.
    pub location: Option<Location>,
    pub body: NodeBody,
}

/// What a node holds.
#[derive(Debug)]
pub(crate) enum NodeBody {
    Permission {
        allow: Vec<usize>,
        deny: Vec<usize>,
        scope_allow: Arc<[ScopeRule]>,
        scope_deny: Arc<[ScopeRule]>,
        active: bool,
    },
    Set {
        members: Vec<u32>,
    },
}

/// How well a capability's facts fit a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Window or webview label and origin match.
    Full,
    /// A label matches but the origin does not.
    LabelsOnly,
    /// No label matches.
    None,
}

impl CapabilityEntry {
    pub(crate) fn window_matches(&self, window: &str) -> bool {
        self.windows.iter().any(|p| p.matches(window))
    }

    pub(crate) fn webview_matches(&self, webview: &str) -> bool {
        self.webviews.iter().any(|p| p.matches(webview))
    }

    pub(crate) fn origin_matches(&self, origin: &Origin) -> bool {
        match origin {
            Origin::Local => self.local,
            Origin::Remote(url) => self.remote.iter().any(|p| p.matches(url)),
        }
    }

    pub(crate) fn fit(&self, facts: &Facts<'_>) -> Fit {
        if !(self.window_matches(facts.window) || self.webview_matches(facts.webview)) {
            Fit::None
        } else if self.origin_matches(facts.origin) {
            Fit::Full
        } else {
            Fit::LabelsOnly
        }
    }
}

impl Authority {
    /// Decides one call. Deny by default; a matching command deny beats every allow.
    pub fn decide<'a, 'f>(
        &'a self,
        facts: Facts<'f>,
        command: &str,
    ) -> Result<Grant<'a, 'f>, Denial<'a>> {
        let found = self.lookup.get(command).copied();
        let Some((index, entry)) = found.and_then(|i| Some((i, self.commands.get(i)?))) else {
            return Err(Denial {
                reason: DenialReason::UnknownCommand,
            });
        };
        let probe = label_probe(facts.window, facts.webview);
        for rule in entry.denies.iter().filter(|r| r.labels.may_match(probe)) {
            if self.capability(rule.capability).fit(&facts) == Fit::Full {
                return Err(Denial {
                    reason: DenialReason::DeniedBy {
                        capability: &self.capability(rule.capability).identifier,
                        permission: self.node_name(rule.permission),
                    },
                });
            }
        }
        let mut labels_matched = false;
        for rule in entry.allows.iter().filter(|r| r.labels.may_match(probe)) {
            match self.capability(rule.capability).fit(&facts) {
                Fit::Full => {
                    return Ok(Grant {
                        authority: self,
                        index,
                        command: entry,
                        facts,
                    });
                }
                Fit::LabelsOnly => labels_matched = true,
                Fit::None => {}
            }
        }
        Err(Denial {
            reason: if labels_matched {
                DenialReason::OriginNotAllowed
            } else {
                DenialReason::NotGranted
            },
        })
    }

    /// The app identifier from `Rampart.toml`.
    pub fn app_identifier(&self) -> &str {
        &self.app_identifier
    }

    /// Whether a capability (of this platform) names the window `label` in its `windows` or
    /// `webviews`: a window opened under it would get what that capability grants.
    pub fn names_window(&self, label: &str) -> bool {
        self.capabilities.iter().filter(|c| c.active).any(|c| {
            c.windows
                .iter()
                .chain(&c.webviews)
                .any(|pattern| pattern.matches(label))
        })
    }

    /// The directories `$APPDATA`, `$HOME`, ... stood for when the scopes were resolved.
    pub fn dirs(&self) -> &BaseDirs {
        &self.dirs
    }

    /// The platform this authority was resolved for.
    pub fn platform(&self) -> Platform {
        self.platform
    }

    /// Every command the authority knows, by the name it is called with.
    pub fn command_names(&self) -> impl Iterator<Item = &str> {
        self.commands.iter().map(|c| &*c.wire_name)
    }

    /// The kind of scope `command` takes, if the command exists.
    pub fn scope_kind(&self, command: &str) -> Option<ScopeKind> {
        let entry = self.commands.get(*self.lookup.get(command)?)?;
        Some(self.owners.get(entry.owner)?.scope_kind)
    }

    pub(crate) fn capability(&self, index: u32) -> &CapabilityEntry {
        &self.capabilities[index as usize]
    }

    pub(crate) fn node_name(&self, index: u32) -> &str {
        &self.nodes[index as usize].identifier
    }

    /// The scope of the command at `index` (of a grant) for `facts`.
    pub(crate) fn scope_of<'a, 'f>(&'a self, index: usize, facts: Facts<'f>) -> Scope<'a, 'f> {
        Scope {
            authority: self,
            grants: self.commands.get(index).map_or(&[], |c| &c.scopes),
            facts,
            picked: &[],
        }
    }
}

/// Why a call was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DenialReason<'a> {
    /// No such command exists.
    UnknownCommand,
    /// No capability matching these facts allows the command.
    NotGranted,
    /// A capability allows the command to this window or webview, but not from this origin.
    OriginNotAllowed,
    /// A capability matching these facts denies the command.
    DeniedBy {
        /// The capability.
        capability: &'a str,
        /// The permission (within it) that denies the command.
        permission: &'a str,
    },
}

/// A refused call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Denial<'a> {
    /// Why.
    pub reason: DenialReason<'a>,
}

impl Denial<'_> {
    /// A stable code for the reason: `unknown_command`, `not_granted`, `origin_not_allowed` or
    /// `denied`.
    pub fn code(&self) -> &'static str {
        match self.reason {
            DenialReason::UnknownCommand => "unknown_command",
            DenialReason::NotGranted => "not_granted",
            DenialReason::OriginNotAllowed => "origin_not_allowed",
            DenialReason::DeniedBy { .. } => "denied",
        }
    }
}

impl fmt::Display for Denial<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            DenialReason::UnknownCommand => f.write_str("no such command"),
            DenialReason::NotGranted => {
                f.write_str("no capability grants this command to this window and webview")
            }
            DenialReason::OriginNotAllowed => f.write_str(
                "a capability grants this command to this window, but not to this origin",
            ),
            DenialReason::DeniedBy {
                capability,
                permission,
            } => write!(
                f,
                "denied by permission `{permission}` in capability `{capability}`"
            ),
        }
    }
}

/// A granted call: the command and the scope it may use.
#[derive(Clone, Copy, Debug)]
pub struct Grant<'a, 'f> {
    authority: &'a Authority,
    index: usize,
    command: &'a CommandEntry,
    facts: Facts<'f>,
}

impl<'a, 'f> Grant<'a, 'f> {
    /// The command granted, by the name it is called with.
    pub fn command(&self) -> &'a str {
        &self.command.wire_name
    }

    /// The scope of this call: the rules of the capabilities that match its facts.
    pub fn scope(&self) -> Scope<'a, 'f> {
        self.authority.scope_of(self.index, self.facts)
    }

    /// The granted command's index in the Authority: what an owned grant keeps.
    pub(crate) fn index(&self) -> usize {
        self.index
    }
}

/// The scope rules that apply to one granted call. A deny beats every allow; no allow rule
/// means nothing is allowed.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a, 'f> {
    authority: &'a Authority,
    grants: &'a [ScopeGrant],
    facts: Facts<'f>,
    /// Allow rules added at run time for this caller (paths picked in a dialog).
    picked: &'a [ScopeRule],
}

/// The capability and permission named for a rule added at run time (see [`Scope::with_picked`]).
pub const PICKED_BY_USER: &str = "picked by the user";

/// Whether a scope rule allows or denies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The rule allows what it matches.
    Allow,
    /// The rule denies what it matches.
    Deny,
}

/// One scope rule of a call's scope, with where it came from.
#[derive(Clone, Copy, Debug)]
pub struct ScopeRuleRef<'a> {
    /// The rule.
    pub rule: &'a ScopeRule,
    /// Allow or deny.
    pub effect: Effect,
    /// The capability that contributed it.
    pub capability: &'a str,
    /// The permission it belongs to (or that the inline rule was written on).
    pub permission: &'a str,
    /// Whether it was written inline in the capability.
    pub inline: bool,
}

impl fmt::Display for ScopeRuleRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let effect = match self.effect {
            Effect::Allow => "allow",
            Effect::Deny => "deny",
        };
        let how = if self.inline { "inline on" } else { "from" };
        write!(
            f,
            "{effect} {} ({how} `{}` in capability `{}`)",
            self.rule, self.permission, self.capability
        )
    }
}

/// The outcome of checking one value against a scope.
#[derive(Clone, Copy, Debug)]
pub enum ScopeVerdict<'a> {
    /// An allow rule matches and no deny rule does.
    Allowed(ScopeRuleRef<'a>),
    /// A deny rule matches.
    Denied(ScopeRuleRef<'a>),
    /// No allow rule matches.
    OutOfScope,
}

impl ScopeVerdict<'_> {
    /// Whether the value is allowed.
    pub fn is_allowed(&self) -> bool {
        matches!(self, ScopeVerdict::Allowed(_))
    }
}

impl<'a, 'f> Scope<'a, 'f> {
    /// This scope with `picked` added as allow rules: what the caller was granted at run time
    /// (paths a person picked in a dialog). The configuration's deny rules still win.
    pub fn with_picked(self, picked: &'a [ScopeRule]) -> Scope<'a, 'f> {
        Scope { picked, ..self }
    }
}

impl<'a> Scope<'a, '_> {
    /// Every rule of this scope: denies first, then allows (run-time ones last).
    pub fn rules(&self) -> impl Iterator<Item = ScopeRuleRef<'a>> + '_ {
        let denies = self.rules_of(Effect::Deny);
        denies.chain(self.allows())
    }

    /// Whether the scope allows nothing at all.
    pub fn is_empty(&self) -> bool {
        self.allows().next().is_none()
    }

    /// Checks a value: `matches` says whether a rule matches it. Allocates nothing.
    pub fn check(&self, matches: impl Fn(&ScopeRule) -> bool) -> ScopeVerdict<'a> {
        if let Some(deny) = self.rules_of(Effect::Deny).find(|r| matches(r.rule)) {
            return ScopeVerdict::Denied(deny);
        }
        match self.allows().find(|r| matches(r.rule)) {
            Some(allow) => ScopeVerdict::Allowed(allow),
            None => ScopeVerdict::OutOfScope,
        }
    }

    /// The allow rules: the configuration's, then those added at run time.
    fn allows(&self) -> impl Iterator<Item = ScopeRuleRef<'a>> + '_ {
        let picked = self.picked.iter().map(|rule| ScopeRuleRef {
            rule,
            effect: Effect::Allow,
            capability: PICKED_BY_USER,
            permission: "dialog",
            inline: false,
        });
        self.rules_of(Effect::Allow).chain(picked)
    }

    /// Checks a path against the path rules.
    pub fn check_path(&self, path: &crate::scope::CheckedPath) -> ScopeVerdict<'a> {
        self.check(|rule| matches!(rule, ScopeRule::Path(p) if p.matches(path)))
    }

    /// Checks a URL against the URL rules.
    pub fn check_url(&self, url: &Url) -> ScopeVerdict<'a> {
        self.check(|rule| matches!(rule, ScopeRule::Url(p) if p.matches(url)))
    }

    /// Checks a URL against the opener rules.
    pub fn check_open_url(&self, url: &Url) -> ScopeVerdict<'a> {
        self.check(|rule| matches!(rule, ScopeRule::Opener(o) if o.matches_url(url)))
    }

    /// Checks a path against the opener rules.
    pub fn check_open_path(&self, path: &crate::scope::CheckedPath) -> ScopeVerdict<'a> {
        self.check(|rule| matches!(rule, ScopeRule::Opener(o) if o.matches_path(path)))
    }

    /// Whether `path` is the folder an allow rule's pattern opens beneath (`$APPDATA` of
    /// `$APPDATA/**`).
    #[cfg(feature = "fs")]
    pub(crate) fn is_allow_root(&self, path: &std::path::Path) -> bool {
        self.allows()
            .any(|r| matches!(r.rule, ScopeRule::Path(p) if p.root() == path))
    }

    /// Checks another window's label against the window rules.
    pub fn check_window(&self, label: &str) -> ScopeVerdict<'a> {
        self.check(|rule| matches!(rule, ScopeRule::Window(p) if p.matches(label)))
    }

    /// Whether an allow rule names exactly the window `label` (not through a glob).
    pub fn allows_window_exactly(&self, label: &str) -> bool {
        self.allows()
            .any(|r| matches!(r.rule, ScopeRule::Window(p) if p.is_exactly(label)))
    }

    /// Checks an event name against the event rules.
    pub fn check_event(&self, name: &str) -> ScopeVerdict<'a> {
        self.check(|rule| matches!(rule, ScopeRule::Event(p) if p.matches(name)))
    }

    /// Checks a program call against the shell rules: the program named `name`, with exactly
    /// these arguments.
    pub fn check_program<S: AsRef<str>>(&self, name: &str, args: &[S]) -> ScopeVerdict<'a> {
        let dirs = &self.authority.dirs;
        self.check(|rule| {
            matches!(rule, ScopeRule::Shell(p) if p.name() == name && p.check_args(args, dirs).is_ok())
        })
    }

    fn rules_of(&self, effect: Effect) -> impl Iterator<Item = ScopeRuleRef<'a>> + '_ {
        let authority = self.authority;
        let facts = self.facts;
        let probe = label_probe(facts.window, facts.webview);
        self.grants
            .iter()
            .filter(move |g| g.labels.may_match(probe))
            .filter(move |g| authority.capability(g.capability).fit(&facts) == Fit::Full)
            .flat_map(move |g| {
                let rules = match effect {
                    Effect::Allow => &g.allow,
                    Effect::Deny => &g.deny,
                };
                rules.iter().map(move |rule| ScopeRuleRef {
                    rule,
                    effect,
                    capability: &authority.capability(g.capability).identifier,
                    permission: authority.node_name(g.permission),
                    inline: g.inline,
                })
            })
    }
}

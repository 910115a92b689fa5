//! Who is calling, and what this call may touch: the [`Webview`], [`Window`] and [`CallScope`]
//! extractors.
//!
//! All three are owned values built from the facts the door gathered from the engine (the
//! webview's label, its window's, the `Origin` of the calling frame), never from the page's
//! arguments. `Webview` and `Window` are identities, not handles: the GTK objects live on the
//! main thread, and a command runs elsewhere. To reach the caller later, emit to its label
//! ([`AppHandle::emit_to`](crate::AppHandle::emit_to)).

use std::sync::Arc;

use rampart_core::acl::{Origin, Scope, ScopeRule, ScopeVerdict};
use rampart_core::ipc::{CallGrant, IpcError};
use rampart_core::scope::{BaseDirs, CheckedPath};

use crate::extract::{CallInput, FromCall};

/// The webview that made the call: its label and the origin of the calling frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webview {
    label: String,
    origin: Origin,
}

impl Webview {
    /// The webview's label (from `Rampart.toml`).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Where the call came from, as the engine reported it: the app's own pages
    /// ([`Origin::Local`]) or a remote origin a capability allowed.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Whether the call came from the app's own pages.
    pub fn is_local(&self) -> bool {
        matches!(self.origin, Origin::Local)
    }
}

impl FromCall<'_> for Webview {
    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        let call = input.call();
        Ok(Webview {
            label: call.grant.webview().to_string(),
            origin: call.grant.origin().clone(),
        })
    }
}

/// The window that holds the calling webview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    label: String,
}

impl Window {
    /// The window's label (from `Rampart.toml`).
    pub fn label(&self) -> &str {
        &self.label
    }
}

impl FromCall<'_> for Window {
    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        Ok(Window {
            label: input.call().grant.window().to_string(),
        })
    }
}

/// The scope this call was granted, owned: the scope rules of exactly the capabilities that
/// match the call's facts (deny before allow; no allow rule means nothing is allowed).
///
/// It holds the call's grant, made once by the gate when the call came in: every check borrows
/// that grant's scope, nothing is decided again, and a command that runs always has one.
///
/// URL checks take a `url::Url`, which this crate does not re-export: use
/// [`scope`](CallScope::scope) (`scope.scope().check_url(&url).is_allowed()`).
#[derive(Clone, Debug)]
pub struct CallScope {
    grant: CallGrant,
    /// Allow rules the webview was given at run time (paths picked in dialogs).
    picked: Arc<Vec<ScopeRule>>,
}

impl CallScope {
    /// The scope of the call `grant` let in, with the paths its webview picked in dialogs.
    pub(crate) fn new(grant: CallGrant, picked: Arc<Vec<ScopeRule>>) -> CallScope {
        CallScope { grant, picked }
    }

    /// The scope itself, for checks this type does not wrap (URLs, the rules one by one).
    pub fn scope(&self) -> Scope<'_, '_> {
        self.grant.scope().with_picked(&self.picked)
    }

    /// The command this scope was granted for.
    pub fn command(&self) -> &str {
        self.grant.command()
    }

    /// The directories `$APPDATA`, `$HOME`, ... stood for when the scopes were resolved.
    pub fn base_dirs(&self) -> &BaseDirs {
        self.grant.authority().dirs()
    }

    /// `input` (a path the page sent) as a [`CheckedPath`] to check: `$VARIABLES` expanded,
    /// normalised lexically; `bad_request` if it is not a usable absolute path.
    pub fn path(&self, input: &str) -> Result<CheckedPath, IpcError> {
        CheckedPath::new(input, self.base_dirs())
            .map_err(|e| IpcError::bad_request(format!("invalid path: {}", e.message)))
    }

    /// `input` if `allows` accepts it as written and as it really is (its symbolic links
    /// resolved): the resolved path, what the caller then uses. A path that does not exist is
    /// `not_found`; `refused` is the caller's own refusal.
    #[cfg(any(feature = "opener", feature = "shell"))]
    pub(crate) fn resolved_path(
        &self,
        input: &str,
        allows: impl Fn(&CheckedPath) -> bool,
        refused: impl Fn() -> IpcError,
    ) -> Result<std::path::PathBuf, IpcError> {
        let written = self.path(input)?;
        if !allows(&written) {
            return Err(refused());
        }
        let real = std::fs::canonicalize(written.as_path())
            .map_err(|_| IpcError::not_found(format!("`{input}` does not exist")))?;
        let resolved = real
            .to_str()
            .ok_or_else(&refused)
            .and_then(|text| self.path(text))?;
        if !allows(&resolved) {
            return Err(refused());
        }
        Ok(real)
    }

    /// Whether the scope allows nothing at all.
    pub fn is_empty(&self) -> bool {
        self.scope().is_empty()
    }

    /// Checks a path against the path rules.
    pub fn check_path(&self, path: &CheckedPath) -> ScopeVerdict<'_> {
        self.scope().check_path(path)
    }

    /// Checks a path against the opener rules.
    pub fn check_open_path(&self, path: &CheckedPath) -> ScopeVerdict<'_> {
        self.scope().check_open_path(path)
    }

    /// Checks an event name against the event rules.
    pub fn check_event(&self, name: &str) -> ScopeVerdict<'_> {
        self.scope().check_event(name)
    }

    /// Checks another window's label against the call's window rules.
    pub fn check_window(&self, label: &str) -> ScopeVerdict<'_> {
        self.scope().check_window(label)
    }

    /// Whether an allow rule of the call names exactly the window `label` (not a glob).
    pub fn allows_window_exactly(&self, label: &str) -> bool {
        self.scope().allows_window_exactly(label)
    }

    /// Checks a program call against the shell rules: the program named `name`, with exactly
    /// these arguments.
    pub fn check_program<S: AsRef<str>>(&self, name: &str, args: &[S]) -> ScopeVerdict<'_> {
        self.scope().check_program(name, args)
    }
}

impl FromCall<'_> for CallScope {
    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        Ok(input.call().call_scope())
    }
}

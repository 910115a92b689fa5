//! Who is calling, and what this call may touch: the [`Webview`], [`Window`] and [`CallScope`]
//! extractors.
//!
//! All three are owned values built from the facts the door gathered from the engine (the
//! webview's label, its window's, the `Origin` of the calling frame), never from the page's
//! arguments. `Webview` and `Window` are identities, not handles: the GTK objects live on the
//! main thread, and a command runs elsewhere. To reach the caller later, emit to its label
//! ([`AppHandle::emit_to`](crate::AppHandle::emit_to)).

use std::sync::Arc;

use rampart_core::acl::{Authority, Facts, Grant, Scope, ScopeVerdict};
use rampart_core::ipc::{CallOrigin, IpcError};
use rampart_core::scope::{BaseDirs, CheckedPath};

use crate::command::Invocation;
use crate::extract::FromInvocation;

/// The webview that made the call: its label and the origin of the calling frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webview {
    label: String,
    origin: CallOrigin,
}

impl Webview {
    /// The webview's label (from `Rampart.toml`).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Where the call came from, as the engine reported it: the app's own pages
    /// ([`CallOrigin::Local`]) or a remote origin a capability allowed.
    pub fn origin(&self) -> &CallOrigin {
        &self.origin
    }

    /// Whether the call came from the app's own pages.
    pub fn is_local(&self) -> bool {
        matches!(self.origin, CallOrigin::Local)
    }
}

impl FromInvocation for Webview {
    fn from_invocation(call: &Invocation) -> Result<Self, IpcError> {
        Ok(Webview {
            label: call.webview.clone(),
            origin: call.origin.clone(),
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

impl FromInvocation for Window {
    fn from_invocation(call: &Invocation) -> Result<Self, IpcError> {
        Ok(Window {
            label: call.window.clone(),
        })
    }
}

/// The scope this call was granted, owned: the scope rules of exactly the capabilities that
/// match the call's facts (deny before allow; no allow rule means nothing is allowed).
///
/// It keeps the app's [`Authority`] and the call's facts and derives the grant again for each
/// check (a decision allocates nothing). The Authority never changes, so the grant that let the
/// call in is the one checked; building a `CallScope` for a call without a grant is an
/// `internal` error, and should a check ever find none it answers
/// [`ScopeVerdict::OutOfScope`]: it fails closed.
///
/// URL checks take a `url::Url`, which this crate does not re-export: use
/// [`with`](CallScope::with) (`scope.with(|s| s.check_url(&url).is_allowed())`).
#[derive(Clone, Debug)]
pub struct CallScope {
    authority: Arc<Authority>,
    command: String,
    window: String,
    webview: String,
    origin: CallOrigin,
}

impl CallScope {
    /// The scope of `command` called with these facts; `internal` if they grant no call.
    pub(crate) fn new(
        authority: Arc<Authority>,
        command: &str,
        window: &str,
        webview: &str,
        origin: &CallOrigin,
    ) -> Result<CallScope, IpcError> {
        let scope = CallScope {
            authority,
            command: command.to_string(),
            window: window.to_string(),
            webview: webview.to_string(),
            origin: origin.clone(),
        };
        if scope.grant().is_none() {
            tracing::error!(
                command,
                window,
                webview,
                "a call without a grant asked for its scope"
            );
            return Err(IpcError::internal("this call has no grant"));
        }
        Ok(scope)
    }

    fn grant(&self) -> Option<Grant<'_, '_>> {
        grant_of(
            &self.authority,
            &self.command,
            &self.window,
            &self.webview,
            &self.origin,
        )
    }

    /// Runs `f` with the scope (`None` only if the call had no grant, which the door prevents).
    pub fn with<R>(&self, f: impl FnOnce(Option<Scope<'_, '_>>) -> R) -> R {
        f(self.grant().map(|g| g.scope()))
    }

    fn check<'s>(
        &'s self,
        check: impl FnOnce(Scope<'s, 's>) -> ScopeVerdict<'s>,
    ) -> ScopeVerdict<'s> {
        self.grant()
            .map_or(ScopeVerdict::OutOfScope, |g| check(g.scope()))
    }

    /// The command this scope was granted for.
    pub fn command(&self) -> &str {
        &self.command
    }

    /// The directories `$APPDATA`, `$HOME`, ... stood for when the scopes were resolved.
    pub fn base_dirs(&self) -> &BaseDirs {
        self.authority.dirs()
    }

    /// `input` (a path the page sent) as a [`CheckedPath`] to check: `$VARIABLES` expanded,
    /// normalised lexically; `bad_request` if it is not a usable absolute path.
    pub fn path(&self, input: &str) -> Result<CheckedPath, IpcError> {
        CheckedPath::new(input, self.base_dirs())
            .map_err(|e| IpcError::bad_request(format!("invalid path: {}", e.message)))
    }

    /// Whether the scope allows nothing at all.
    pub fn is_empty(&self) -> bool {
        self.grant().is_none_or(|g| g.scope().is_empty())
    }

    /// Checks a path against the path rules.
    pub fn check_path(&self, path: &CheckedPath) -> ScopeVerdict<'_> {
        self.check(|s| s.check_path(path))
    }

    /// Checks a path against the opener rules.
    pub fn check_open_path(&self, path: &CheckedPath) -> ScopeVerdict<'_> {
        self.check(|s| s.check_open_path(path))
    }

    /// Checks an event name against the event rules.
    pub fn check_event(&self, name: &str) -> ScopeVerdict<'_> {
        self.check(|s| s.check_event(name))
    }

    /// Checks a program call against the shell rules: the program named `name`, with exactly
    /// these arguments.
    pub fn check_program<S: AsRef<str>>(&self, name: &str, args: &[S]) -> ScopeVerdict<'_> {
        self.check(|s| s.check_program(name, args))
    }
}

/// The grant of a call that already passed the door, decided again from its facts (the
/// decision is pure and allocation-free, so nothing borrowed needs to be kept).
pub(crate) fn grant_of<'a>(
    authority: &'a Authority,
    command: &'a str,
    window: &'a str,
    webview: &'a str,
    origin: &'a CallOrigin,
) -> Option<Grant<'a, 'a>> {
    let facts = Facts {
        window,
        webview,
        origin: origin.as_fact(),
    };
    authority.decide(facts, command).ok()
}

impl FromInvocation for CallScope {
    fn from_invocation(call: &Invocation) -> Result<Self, IpcError> {
        call.scope()
    }
}

#[cfg(test)]
mod tests {
    use rampart_core::ipc::{CallOrigin, ErrorCode};

    use super::CallScope;
    use crate::context::Context;

    fn context() -> Context {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixture-calls");
        Context::from_dir(root).unwrap_or_else(|e| panic!("fixture: {e:?}"))
    }

    #[test]
    fn a_call_without_a_grant_has_no_scope_and_no_panic() {
        let context = context();
        let authority = context.authority.clone();
        // `second_only` is not granted to main; an unknown command to no one.
        for (command, window) in [("second_only", "main"), ("nope", "main")] {
            let scope = CallScope::new(
                authority.clone(),
                command,
                window,
                window,
                &CallOrigin::Local,
            );
            assert_eq!(
                scope.map(|_| ()).map_err(|e| e.code),
                Err(ErrorCode::Internal)
            );
        }
        let granted = CallScope::new(
            authority,
            "check_note",
            "second",
            "second",
            &CallOrigin::Local,
        );
        assert!(granted.is_ok_and(|scope| !scope.is_empty()));
    }
}

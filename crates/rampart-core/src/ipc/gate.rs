//! The gate: one decision per call, whichever door it came through.
//!
//! A door is an adapter of the runtime (the `ipc://` scheme, a script-message handler). It holds
//! no policy: it gathers the facts of a call and hands them here. What a door must supply, and
//! how it must obtain them:
//!
//! - the [`Caller`]: the label of the webview whose engine delivered the request, and of its
//!   window, from the runtime's own bookkeeping (never a label the page wrote);
//! - the origin of the frame that made the call, as the engine reports it: the `Origin` header
//!   the engine attached to a request, or the document's origin read by a script the page
//!   cannot reach. Never a field of the page's arguments;
//! - the command's name and the kind of body, from the request ([`super::http::call_facts`] for
//!   HTTP-shaped requests, [`CallFacts::new`] for others);
//! - the body, read only once [`admit`] let the call in, at most [`read_limit`] bytes, and
//!   checked by [`check_body`].
//!
//! [`admit`] asks the [`Authority`] once. An admission owns its [`CallGrant`]: the command runs
//! with it, and every scope check borrows it, so nothing is decided twice. A [`Refusal`] says
//! what the page sees, who may read it, and what to log. Who may read an answer is decided here
//! only: the app's own pages may read why their calls were refused; a foreign or opaque origin
//! may read nothing, not even that it was refused.

use std::sync::Arc;

use super::command::{command_from_name, not_a_command};
use super::error::IpcError;
use super::limits::Limits;
use super::origin::{APP_ORIGIN, classify};
use crate::acl::{Authority, Facts, Origin, Scope};

/// How the body of a call is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON arguments.
    Json,
    /// Raw bytes.
    Raw,
    /// No arguments: the body must be empty (see [`check_body`]). Commands read it as JSON `{}`.
    Empty,
    /// A sealed call (the isolation pattern): the gate opens it (see [`super::seal`]) into JSON
    /// arguments or bytes before the command sees it.
    Sealed,
}

/// A call in terms of no transport: what a door learned from the engine and the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFacts {
    /// The command, well formed: `read_note` or `plugin:fs|read_file`.
    pub command: String,
    /// Where the call comes from.
    pub origin: Origin,
    /// The origin that may read the answer once the call is accepted: [`APP_ORIGIN`], the
    /// development server's origin, or the remote origin.
    pub allow_origin: String,
    /// How the body is to be read.
    pub body: BodyKind,
}

impl CallFacts {
    /// The facts of a call of `command` from a frame whose origin is `origin` (as the engine
    /// reports it), for doors whose requests are not HTTP-shaped. `local_origins` are the
    /// origins besides [`APP_ORIGIN`] that count as the app's own (see [`super::http`]).
    pub fn new(
        command: &str,
        origin: Option<&[u8]>,
        local_origins: &[&str],
        body: BodyKind,
    ) -> Result<CallFacts, Refusal> {
        let refuse = |error| Refusal::before_classification(error, origin, local_origins);
        let classified = classify(origin, local_origins).map_err(refuse)?;
        let command = command_from_name(command)
            .ok_or_else(not_a_command)
            .map_err(refuse)?;
        Ok(CallFacts {
            command,
            origin: classified.origin,
            allow_origin: classified.allow_origin,
            body,
        })
    }
}

/// Which webview made a call, and its window: labels from the runtime, never from the page.
#[derive(Clone, Copy, Debug)]
pub struct Caller<'a> {
    /// The window that holds the calling webview.
    pub window: &'a str,
    /// The calling webview.
    pub webview: &'a str,
    /// Whether the webview runs with the isolation pattern: every call from the app's own
    /// origin must then be sealed by its isolation frame.
    pub isolated: bool,
}

/// A granted call, owning what it needs: the Authority, the command and the facts it was
/// granted for. Its [`scope`](CallGrant::scope) is the scope of that one decision.
#[derive(Clone, Debug)]
pub struct CallGrant {
    authority: Arc<Authority>,
    index: usize,
    command: String,
    window: String,
    webview: String,
    origin: Origin,
}

impl CallGrant {
    /// The command granted.
    pub fn command(&self) -> &str {
        &self.command
    }

    /// The label of the calling window.
    pub fn window(&self) -> &str {
        &self.window
    }

    /// The label of the calling webview.
    pub fn webview(&self) -> &str {
        &self.webview
    }

    /// Where the call came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The Authority that granted the call (its base directories, for paths).
    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    /// Whether the same caller (window, webview, origin) is also granted `command` (a wire
    /// name): for a command whose options reach what another command guards, as opening a file
    /// for writing reaches what `write` does.
    pub fn also_grants(&self, command: &str) -> bool {
        self.authority.decide(self.facts(), command).is_ok()
    }

    /// The scope of this call: the rules of exactly the capabilities that match its facts.
    pub fn scope(&self) -> Scope<'_, '_> {
        self.authority.scope_of(self.index, self.facts())
    }

    fn facts(&self) -> Facts<'_> {
        Facts {
            window: &self.window,
            webview: &self.webview,
            origin: &self.origin,
        }
    }
}

/// A call the gate let in: its grant, how to read its body, who may read the answer.
#[derive(Clone, Debug)]
pub struct Admission {
    /// The grant the command runs with.
    pub grant: CallGrant,
    /// How to read the body.
    pub body: BodyKind,
    /// The origin that may read the answer.
    pub allow_origin: String,
}

impl Admission {
    /// A refusal of this admitted call after the fact (its body, a runtime bound): readable by
    /// the caller, who was let in. `reason` is what to log.
    pub fn refuse(&self, error: IpcError, reason: &'static str) -> Refusal {
        Refusal {
            error,
            readable_by: Some(self.allow_origin.clone()),
            reason,
            command: Some(self.grant.command.clone()),
        }
    }
}

/// A refused call: what the page is told, who may read it, what to log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The page-visible error (no configuration in it unless a debug explanation was asked).
    pub error: IpcError,
    /// The origin that may read the error; `None`: nobody (a foreign or opaque origin must not
    /// even learn why).
    pub readable_by: Option<String>,
    /// A stable reason to log: the error code, or the Authority's reason for a denial
    /// (`not_granted`, `origin_not_allowed`, `denied`, `unknown_command`).
    pub reason: &'static str,
    /// The command, once the request named a well-formed one.
    pub command: Option<String>,
}

impl Refusal {
    /// A refusal before the origin was classified: readable only by the app's own pages,
    /// compared byte for byte with the origin the engine sent.
    pub(super) fn before_classification(
        error: IpcError,
        origin: Option<&[u8]>,
        local_origins: &[&str],
    ) -> Refusal {
        let own = [APP_ORIGIN]
            .iter()
            .chain(local_origins)
            .find(|own| origin == Some(own.as_bytes()));
        Refusal {
            reason: error.code.as_str(),
            error,
            readable_by: own.map(|own| own.to_string()),
            command: None,
        }
    }
}

/// Decides `call` made by `caller`, once. A denial of a local call is readable by the page;
/// of a remote one, by nobody. With `explain` (debug builds), a denial's message is the
/// Authority's explanation of that same decision; otherwise a fixed text.
pub fn admit(
    authority: &Arc<Authority>,
    caller: Caller<'_>,
    call: CallFacts,
    explain: bool,
) -> Result<Admission, Refusal> {
    let facts = Facts {
        window: caller.window,
        webview: caller.webview,
        origin: &call.origin,
    };
    let local = matches!(call.origin, Origin::Local);
    if local && (caller.isolated != (call.body == BodyKind::Sealed)) {
        let (error, reason) = if caller.isolated {
            (
                IpcError::denied(
                    "this app runs with the isolation pattern: a call must pass through its \
                     isolation application (window.__RAMPART__.invoke does that)",
                ),
                "unsealed",
            )
        } else {
            (
                IpcError::bad_request("this app does not run with the isolation pattern"),
                "bad_request",
            )
        };
        return Err(Refusal {
            error,
            readable_by: Some(call.allow_origin),
            reason,
            command: Some(call.command),
        });
    }
    if !local && call.body == BodyKind::Sealed {
        return Err(Refusal {
            error: IpcError::denied("only the app's own pages send sealed calls"),
            readable_by: None,
            reason: "sealed_elsewhere",
            command: Some(call.command),
        });
    }
    let index = match authority.decide(facts, &call.command) {
        Ok(grant) => grant.index(),
        Err(denial) => {
            let detail = explain.then(|| authority.explain(facts, &call.command, None).to_string());
            let readable = matches!(call.origin, Origin::Local).then_some(call.allow_origin);
            return Err(Refusal {
                error: IpcError::from_denial(&denial, detail.as_deref()),
                readable_by: readable,
                reason: denial.code(),
                command: Some(call.command),
            });
        }
    };
    Ok(Admission {
        grant: CallGrant {
            authority: authority.clone(),
            index,
            command: call.command,
            window: caller.window.to_string(),
            webview: caller.webview.to_string(),
            origin: call.origin,
        },
        body: call.body,
        allow_origin: call.allow_origin,
    })
}

/// The most bytes a door reads of a body: one more than the limit, so that a body over it is
/// known to be over without reading the rest.
pub fn read_limit(limits: &Limits) -> usize {
    limits.max_body_bytes.saturating_add(1)
}

/// The most bytes the body of an admitted call may have: `limits.max_body_bytes`, and for a
/// sealed call that plus the envelope's overhead (the call inside is checked against the limit
/// once opened).
pub fn body_limit(admission: &Admission, limits: &Limits) -> usize {
    match admission.body {
        BodyKind::Sealed => limits
            .max_body_bytes
            .saturating_add(super::seal::MAX_OVERHEAD),
        _ => limits.max_body_bytes,
    }
}

/// Checks the body of an admitted call, read by the door (at most [`read_limit`] bytes): within
/// `limits.max_body_bytes`, and empty when the call declared none.
pub fn check_body(admission: &Admission, body_len: usize, limits: &Limits) -> Result<(), Refusal> {
    if body_len > body_limit(admission, limits) {
        let error = IpcError::too_large("the request body is too large");
        return Err(admission.refuse(error, "too_large"));
    }
    if admission.body == BodyKind::Empty && body_len > 0 {
        let error = IpcError::bad_request(
            "a request with a body needs a Content-Type: application/json or \
             application/octet-stream",
        );
        return Err(admission.refuse(error, "bad_request"));
    }
    Ok(())
}

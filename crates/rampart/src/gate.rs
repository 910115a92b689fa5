//! The gate, runtime half: what deciding and running a call needs a runtime for.
//!
//! Every door (an adapter in `protocol/`) hands its calls to [`Gate::call`] with the facts it
//! gathered from the engine ([`Incoming`]); the decision itself is `rampart_core::ipc::gate`'s,
//! made once. In order: a door's refusal of the request; the decision; the handler; the body,
//! read through the door's [`Body`] only for an admitted call, within the limit; the JSON
//! nesting depth (the body is parsed once, later, when the command's arguments are read); the
//! calls in flight for this webview. Then the command runs on the
//! app's tokio runtime (blocking ones on its blocking pool, never on the GTK thread) with the
//! call's grant, its outcome handed back to the calling thread when it comes quickly
//! (`crate::handoff`), and a panic becomes an `internal` error for that call. Every refusal is logged
//! with `tracing` and passed to the app's refusal hook. The door turns the [`Answer`] into its
//! transport's reply.
//!
//! Adding a door means adding one adapter that builds an [`Incoming`] and delivers an
//! [`Answer`]; see `rampart_core::ipc::gate` for the facts it must supply and where from.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context as TaskContext, Poll};

use rampart_core::acl::Authority;
use rampart_core::ipc::{
    self, APP_ORIGIN, Admission, BodyKind, CallFacts, Caller, ErrorCode, IpcError, Limits, Refusal,
    SealError,
};

use crate::app_handle::AppHandle;
use crate::builder::Shared;
use crate::channel::Channels;
use crate::command::{Handler, Handlers, Invocation, Reply, ReplyFuture};
use crate::context::Context;
use crate::handoff::{self, Pace, Waiter};
use crate::isolation::Isolation;
use crate::picks::Picks;
use crate::pickups::Pickups;
use crate::refused::{RefusalHook, Refused};
use crate::state::States;

/// A call as a door hands it over.
pub(crate) struct Incoming<'a, B> {
    /// The origin of the calling frame as the engine reported it, for the log and the refusal
    /// hook (`None`: the engine reported none).
    pub origin: Option<&'a [u8]>,
    /// The call's facts, or the door's refusal of the request.
    pub facts: Result<CallFacts, Refusal>,
    /// Where the body comes from.
    pub body: B,
}

/// A call's JSON arguments already in memory (the guard's).
pub(crate) struct JsonText<'a>(pub &'a str);

impl Body for JsonText<'_> {
    fn read(self, max: usize) -> Result<Vec<u8>, BodyError> {
        let bytes = self.0.as_bytes();
        Ok(bytes[..bytes.len().min(max)].to_vec())
    }
}

/// The body of a call, read only once the gate let the call in.
pub(crate) trait Body {
    /// At most `max` bytes of the body.
    fn read(self, max: usize) -> Result<Vec<u8>, BodyError>;
}

/// Why a door cannot give a call's body.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// The request was not made by the API injected into this webview, and its body may be one
    /// the engine cannot read safely (see `protocol::secret`).
    NotFromApi,
    /// Reading failed.
    Unreadable(String),
}

/// What the gate answers: the command's reply or an error, and who may read it.
pub(crate) struct Answer {
    /// The reply, or the error the call ends with.
    pub outcome: Result<Reply, IpcError>,
    /// The origin that may read the answer; `None`: nobody.
    pub readable_by: Option<String>,
}

/// Where a door delivers its answer: from the GTK thread for refusals, from a worker for
/// commands.
type Deliver = Box<dyn FnOnce(Answer) + Send>;

/// The gate of one webview.
pub(crate) struct Gate {
    authority: Arc<Authority>,
    handlers: Arc<Handlers>,
    limits: Limits,
    app: AppHandle,
    window: String,
    webview: String,
    /// Calls of this webview that are running.
    in_flight: Arc<AtomicUsize>,
    /// Where commands run: tokio's runtime and its blocking pool, whose threads are reused.
    runtime: tokio::runtime::Handle,
    states: Arc<States>,
    channels: Arc<Channels>,
    picks: Arc<Picks>,
    on_refused: Option<RefusalHook>,
    /// The origin that counts as the app's own besides `app://localhost`: the development
    /// server of `[dev] url`, in debug builds only.
    dev_origin: Option<String>,
    /// Large answers of the message door, waiting for the API to fetch them.
    pickups: Pickups,
    /// The isolation pattern's key and counters, when this webview runs with it.
    isolation: Option<Arc<Isolation>>,
    /// Which commands' answers are worth waiting for on the calling thread.
    pace: Pace,
}

impl Gate {
    /// The gate of the webview `label` (whose window has the same label).
    pub fn new(context: &Context, shared: &Shared, app: &AppHandle, label: &str) -> Gate {
        Gate {
            authority: context.authority.clone(),
            handlers: shared.handlers.clone(),
            limits: shared.limits,
            runtime: shared.runtime.handle().clone(),
            states: shared.states.clone(),
            channels: shared.channels.clone(),
            picks: shared.picks.clone(),
            on_refused: shared.on_refused.clone(),
            dev_origin: dev_origin(context),
            app: app.clone(),
            window: label.to_string(),
            webview: label.to_string(),
            in_flight: Arc::new(AtomicUsize::new(0)),
            pickups: Pickups::default(),
            isolation: None,
            pace: Pace::default(),
        }
    }

    /// This gate, for a webview that runs with the isolation pattern: every call from the app's
    /// own origin must be sealed with `isolation`'s key.
    pub fn with_isolation(mut self, isolation: Arc<Isolation>) -> Gate {
        self.isolation = Some(isolation);
        self
    }

    /// Keeps `answer` for the API to pick up through `ipc://` (see `crate::pickups`); its id.
    pub fn keep(&self, answer: Answer) -> Result<String, Answer> {
        self.pickups.keep(answer)
    }

    /// The answer kept under `id`, for a request of the API (`from_api`) from the origin that
    /// may read it; otherwise an error nobody may read.
    pub fn pick_up(&self, id: &str, origin: Option<&[u8]>, from_api: bool) -> Answer {
        match from_api.then(|| self.pickups.take(id, origin)).flatten() {
            Some(answer) => answer,
            None => Answer {
                outcome: Err(IpcError::not_found("no such answer")),
                readable_by: None,
            },
        }
    }

    /// The origin besides `app://localhost` that counts as the app's own (the development
    /// server's, in debug builds), for a door's facts: `gate.dev_origin().as_slice()`.
    pub fn dev_origin(&self) -> Option<&str> {
        self.dev_origin.as_deref()
    }

    /// Decides, and runs if admitted, one call of the page. `deliver` is called once, with the
    /// answer.
    pub fn call<B: Body>(
        self: &Arc<Self>,
        incoming: Incoming<'_, B>,
        deliver: impl FnOnce(Answer) + Send + 'static,
    ) {
        self.dispatch(incoming, Maker::Page, Box::new(deliver));
    }

    /// Decides, and runs if admitted, a call the runtime makes for the page (the guard hands a
    /// refused link to the opener): it never passed through the page's API, so the isolation
    /// pattern does not ask for a seal, and a refusal is the caller's to report (once, as what
    /// the page tried).
    pub fn call_for_page<B: Body>(
        self: &Arc<Self>,
        incoming: Incoming<'_, B>,
        deliver: impl FnOnce(Answer) + Send + 'static,
    ) {
        self.dispatch(incoming, Maker::Runtime, Box::new(deliver));
    }

    fn dispatch<B: Body>(
        self: &Arc<Self>,
        incoming: Incoming<'_, B>,
        maker: Maker,
        deliver: Deliver,
    ) {
        match self.admit(incoming.facts, incoming.body, maker) {
            Ok((admission, handler, body)) => self.run(admission, handler, body, maker, deliver),
            Err(Stop::Refused(refusal)) => {
                if maker == Maker::Page {
                    self.report(incoming.origin, &refusal);
                }
                deliver(Answer {
                    outcome: Err(refusal.error),
                    readable_by: refusal.readable_by,
                });
            }
            Err(Stop::Failed(refusal)) => deliver(Answer {
                outcome: Err(refusal.error),
                readable_by: refusal.readable_by,
            }),
        }
    }

    /// Every check that comes before running anything, and the body once they passed.
    fn admit<B: Body>(
        &self,
        facts: Result<CallFacts, Refusal>,
        body: B,
        maker: Maker,
    ) -> Result<(Admission, Handler, Vec<u8>), Stop> {
        let caller = Caller {
            window: &self.window,
            webview: &self.webview,
            isolated: self.isolation.is_some() && maker == Maker::Page,
        };
        let mut admission = ipc::admit(&self.authority, caller, facts?, cfg!(debug_assertions))?;
        let Some(handler) = self.handlers.get(admission.grant.command()).cloned() else {
            let error = IpcError::not_found(
                "this command is granted but no handler is registered (is its plugin enabled?)",
            );
            return Err(Stop::Failed(admission.refuse(error, "no_handler")));
        };
        let body = body
            .read(ipc::body_limit(&admission, &self.limits).saturating_add(1))
            .map_err(|error| match error {
                BodyError::NotFromApi => Stop::Refused(admission.refuse(
                    IpcError::bad_request(
                        "call commands through window.__RAMPART__.invoke: the door reads a \
                         request's body only when it comes from the API the app injected into \
                         this page",
                    ),
                    "no_api_token",
                )),
                BodyError::Unreadable(reason) => Stop::Failed(admission.refuse(
                    IpcError::bad_request(format!("the request body cannot be read: {reason}")),
                    "unreadable_body",
                )),
            })?;
        ipc::check_body(&admission, body.len(), &self.limits)?;
        let body = match (&self.isolation, admission.body) {
            (Some(isolation), BodyKind::Sealed) => {
                let unsealed = isolation
                    .open(&body, admission.grant.command(), &self.webview)
                    .map_err(|error| {
                        let reason = match error {
                            SealError::Replayed => "replayed",
                            SealError::Mismatch => "seal_mismatch",
                            SealError::Expired => "seal_expired",
                            SealError::TooManySessions => "too_many_sessions",
                            _ => "bad_seal",
                        };
                        Stop::Refused(admission.refuse(IpcError::denied(error.to_string()), reason))
                    })?;
                admission.body = unsealed.kind;
                if unsealed.body.len() > self.limits.max_body_bytes {
                    let error = IpcError::too_large("the request body is too large");
                    return Err(Stop::Refused(admission.refuse(error, "too_large")));
                }
                unsealed.body
            }
            _ => body,
        };
        if admission.body == BodyKind::Json {
            check_json(&body, &self.limits)
                .map_err(|error| Stop::Failed(admission.refuse(error, "too_deep")))?;
        }
        Ok((admission, handler, body))
    }

    fn run(
        self: &Arc<Self>,
        admission: Admission,
        handler: Handler,
        body: Vec<u8>,
        maker: Maker,
        deliver: Deliver,
    ) {
        let readable_by = Some(admission.allow_origin.clone());
        let in_flight = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        let guard = InFlight(self.in_flight.clone());
        if in_flight > self.limits.max_in_flight {
            drop(guard);
            let error = IpcError::busy(format!(
                "more than {} calls in flight; retry later",
                self.limits.max_in_flight
            ));
            return deliver(Answer {
                outcome: Err(error),
                readable_by,
            });
        }
        let command = admission.grant.command().to_string();
        let name = command.clone();
        let invocation = Invocation {
            grant: admission.grant,
            body,
            kind: admission.body,
            app: self.app.clone(),
            states: self.states.clone(),
            channels: self.channels.clone(),
            picked: self.picks.rules(&self.webview),
        };
        // The gate itself, to report a command's own refusal (the page's calls only).
        let reporter = (maker == Maker::Page).then(|| self.clone());
        // `None` means the command panicked.
        let finish = move |outcome: Outcome| {
            let _guard = guard;
            let outcome = outcome.unwrap_or_else(|| {
                tracing::error!(%command, "command panicked");
                Err(IpcError::internal("the command failed"))
            });
            match &outcome {
                Err(error) | Ok(Reply::Error { error, .. }) if error.code == ErrorCode::Denied => {
                    if let Some(gate) = &reporter {
                        gate.command_denied(&command, readable_by.clone(), error);
                    }
                }
                _ => {}
            }
            deliver(Answer {
                outcome,
                readable_by,
            });
        };
        match handler {
            // The runtime's own quick commands: no thread hop, the answer goes out at once.
            Handler::Inline(handler) => {
                finish(catch_unwind(AssertUnwindSafe(|| handler(invocation))).ok());
            }
            Handler::Blocking(handler) => {
                let (sender, waiter) = handoff::pair();
                self.runtime.spawn_blocking(move || {
                    sender.send(catch_unwind(AssertUnwindSafe(|| handler(invocation))).ok());
                });
                self.handed_back(&name, waiter, finish);
            }
            Handler::Async(handler) => {
                let (sender, waiter) = handoff::pair();
                self.runtime.spawn(async move {
                    let result = match catch_unwind(AssertUnwindSafe(|| handler(invocation))) {
                        Ok(future) => CatchUnwind(future).await,
                        Err(_) => None,
                    };
                    sender.send(result);
                });
                self.handed_back(&name, waiter, finish);
            }
        }
    }

    /// Waits a moment for a command that usually answers at once, and delivers its answer here
    /// if it came (see `crate::handoff`); otherwise the worker delivers it when it comes.
    fn handed_back<F: FnOnce(Outcome)>(
        &self,
        command: &str,
        waiter: Waiter<Outcome, F>,
        finish: F,
    ) {
        let within = self.pace.wait_for(command);
        match waiter.wait(within, finish) {
            Some((outcome, finish)) => finish(outcome),
            None if !within.is_zero() => self.pace.late(command),
            None => {}
        }
    }

    /// A command refused the call itself (`denied`: its scope refused a path, a URL, a program):
    /// logged, and passed to the refusal hook with the command's message (which names only what
    /// the page sent) as the target. `origin` is the caller's.
    fn command_denied(&self, command: &str, origin: Option<String>, error: &IpcError) {
        tracing::warn!(window = %self.window, %command, message = %error.message, "a command refused the call");
        if let Some(hook) = &self.on_refused {
            let refused = Refused {
                window: self.window.clone(),
                webview: self.webview.clone(),
                origin,
                command: Some(command.to_string()),
                target: Some(error.message.chars().take(512).collect()),
                code: ErrorCode::Denied,
                reason: "command_denied".to_string(),
            };
            hook(&self.app, &refused);
        }
    }

    /// The isolation application's sealed notice that its hook refused a call: logged and
    /// passed to the refusal hook (`isolation_refused`, the refused command, the hook's reason).
    /// A notice that does not open with this webview's key (or was seen) is dropped.
    pub fn isolation_refused(&self, envelope: &[u8]) {
        #[derive(serde::Deserialize)]
        struct Notice {
            command: String,
            reason: String,
        }
        let Some(isolation) = &self.isolation else {
            return;
        };
        let Ok(opened) = isolation.open(envelope, "__isolation_refused", &self.webview) else {
            return;
        };
        let Ok(notice) = serde_json::from_slice::<Notice>(&opened.body) else {
            return;
        };
        let command: String = notice.command.chars().take(256).collect();
        let reason: String = notice.reason.chars().take(512).collect();
        tracing::warn!(window = %self.window, %command, %reason, "the isolation hook refused a call");
        if let Some(hook) = &self.on_refused {
            let refused = Refused {
                window: self.window.clone(),
                webview: self.webview.clone(),
                origin: Some(APP_ORIGIN.to_string()),
                command: Some(command),
                target: Some(reason),
                code: ErrorCode::Denied,
                reason: "isolation_refused".to_string(),
            };
            hook(&self.app, &refused);
        }
    }

    /// Logs a refusal and tells the app's refusal hook, if it has one.
    fn report(&self, origin: Option<&[u8]>, refusal: &Refusal) {
        let origin = origin.map(|o| String::from_utf8_lossy(o).into_owned());
        tracing::warn!(
            window = %self.window, webview = %self.webview, origin = ?origin,
            command = ?refusal.command, code = refusal.error.code.as_str(),
            reason = refusal.reason, message = %refusal.error.message, "IPC call refused"
        );
        let Some(hook) = &self.on_refused else {
            return;
        };
        let refused = Refused {
            window: self.window.clone(),
            webview: self.webview.clone(),
            origin,
            command: refusal.command.clone(),
            target: None,
            code: refusal.error.code,
            reason: refusal.reason.to_string(),
        };
        hook(&self.app, &refused);
    }
}

/// How a command ended: its result, or `None` when it panicked.
type Outcome = Option<Result<Reply, IpcError>>;

/// Who makes a call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Maker {
    /// The page, through a door.
    Page,
    /// The runtime, for the page ([`Gate::call_for_page`]).
    Runtime,
}

/// How a call stops before its command runs.
enum Stop {
    /// Refused: logged and reported to the app's refusal hook.
    Refused(Refusal),
    /// Failed for a reason of the call's own making (JSON nested too deep, no handler): answered only.
    Failed(Refusal),
}

impl From<Refusal> for Stop {
    fn from(refusal: Refusal) -> Stop {
        Stop::Refused(refusal)
    }
}

/// A command's future whose panic, while polled, ends it with `None` instead of unwinding into
/// the runtime: one task per async call, no second one to catch it.
struct CatchUnwind(ReplyFuture);

impl Future for CatchUnwind {
    type Output = Option<Result<Reply, IpcError>>;

    fn poll(mut self: Pin<&mut Self>, context: &mut TaskContext<'_>) -> Poll<Self::Output> {
        match catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(context))) {
            Ok(Poll::Ready(result)) => Poll::Ready(Some(result)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(None),
        }
    }
}

/// The development server's origin, honoured in debug builds only.
pub(crate) fn dev_origin(context: &Context) -> Option<String> {
    if cfg!(debug_assertions) {
        context.info.dev_origin.clone()
    } else {
        None
    }
}

/// Decrements the in-flight count when the call ends, however it ends.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The nesting depth, bounded and linear, before anything parses the body (once, when the
/// command's arguments are read: see `extract::CallInput`).
fn check_json(body: &[u8], limits: &Limits) -> Result<(), IpcError> {
    ipc::check_depth(body, limits.max_json_depth).map_err(|_| {
        IpcError::new(
            ErrorCode::BadRequest,
            format!(
                "the JSON is nested deeper than {} levels",
                limits.max_json_depth
            ),
        )
    })
}

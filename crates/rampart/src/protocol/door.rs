//! `ipc://localhost/<command>`: the one door from the page to the system.
//!
//! In order, before anything runs: the request's head (POST, an `Origin` header, a known
//! command name, a Content-Type) through `rampart_core::ipc::check_request`; the decision of the
//! [`Authority`] from the facts the engine reports (this webview's label and the `Origin` header
//! of the frame that made the request); the webview's [`ApiToken`]; only then the body, read
//! within the limit; the JSON nesting depth and syntax; the calls in flight for this webview.
//! Then the command runs, on a worker thread, never on the GTK thread. A panic in a command
//! becomes an `internal` error for that call.
//!
//! A request whose origin, command or grant is refused never has its body read, and neither
//! does one without the token: WebKitGTK crashes reading some bodies (see [`super::token`]).
//!
//! WebKit sends no CORS preflight for custom schemes, so CORS protects nothing here: the door
//! checks the origin itself, and sets `Access-Control-Allow-Origin` (to the calling origin,
//! never `*`) only for calls whose origin the app accepts, so other frames cannot even read the
//! error.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rampart_core::acl::Authority;
use rampart_core::ipc::{
    self, BodyKind, Call, CallOrigin, ErrorCode, IpcError, Limits, RequestFacts,
};
use wry::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue};
use wry::http::{Response, StatusCode};

use super::response;
use crate::app_handle::AppHandle;
use crate::builder::Shared;
use crate::channel::Channels;
use crate::command::{Handlers, Invocation, Registered, Response as CommandResponse};
use crate::context::Context;
use crate::refused::{RefusalHook, Refused};
use crate::state::States;

pub(crate) use super::token::ApiToken;

/// The door of one webview.
pub(crate) struct Door {
    authority: Arc<Authority>,
    handlers: Arc<Handlers>,
    limits: Limits,
    app: AppHandle,
    window: String,
    webview: String,
    /// Calls of this webview that are running.
    in_flight: Arc<AtomicUsize>,
    /// Where commands run: tokio's blocking pool, whose threads are reused.
    runtime: tokio::runtime::Handle,
    states: Arc<States>,
    channels: Arc<Channels>,
    on_refused: Option<RefusalHook>,
    /// The origin that counts as the app's own besides `app://localhost`: the development
    /// server of `[dev] url`, in debug builds only.
    dev_origin: Option<String>,
    /// Carried by every request the API injected into this webview makes.
    token: ApiToken,
}

/// A request as a door adapter hands it over: its head, and a way to read its body.
pub(crate) struct Incoming<'a, B> {
    /// Method, path, `Origin` and `Content-Type`, as the engine reports them.
    pub head: RequestFacts<'a>,
    /// The request's [`TOKEN_HEADER`](super::token::TOKEN_HEADER), if any.
    pub token: Option<&'a [u8]>,
    /// Reads at most the given number of bytes of the body (`Err`: why it cannot). Called only
    /// for a granted call that carries the webview's token.
    pub body: B,
}

/// A refused request: the error, and the origin allowed to read it (None: nobody may).
type Refusal = (IpcError, Option<String>);

/// Where a door sends its answer: wry's responder, or a test's channel.
pub(crate) type Respond = Box<dyn FnOnce(Response<Cow<'static, [u8]>>) + Send>;

impl Door {
    /// The door of the webview `label` (whose window has the same label), with a fresh token.
    pub fn new(
        context: &Context,
        shared: &Shared,
        app: &AppHandle,
        label: &str,
    ) -> Result<Door, String> {
        Ok(Door {
            authority: context.authority.clone(),
            handlers: shared.handlers.clone(),
            limits: shared.limits,
            runtime: shared.runtime.handle().clone(),
            states: shared.states.clone(),
            channels: shared.channels.clone(),
            on_refused: shared.on_refused.clone(),
            dev_origin: dev_origin(context),
            app: app.clone(),
            window: label.to_string(),
            webview: label.to_string(),
            in_flight: Arc::new(AtomicUsize::new(0)),
            token: ApiToken::generate()?,
        })
    }

    /// The token the API injected into this webview sends.
    pub fn token(&self) -> &ApiToken {
        &self.token
    }

    /// Handles one request (on the GTK thread, for WebKit); the command runs elsewhere and
    /// `respond` is called once, from whichever thread finishes.
    pub fn handle<B>(
        &self,
        incoming: Incoming<'_, B>,
        respond: impl FnOnce(Response<Cow<'static, [u8]>>) + Send + 'static,
    ) where
        B: FnOnce(usize) -> Result<Vec<u8>, String>,
    {
        match self.admit(incoming) {
            Ok((call, handler, body)) => self.run(call, handler, body, Box::new(respond)),
            Err((error, origin)) => respond(error_response(&error, origin.as_deref())),
        }
    }

    /// Every check that comes before running anything, and the body once they passed.
    fn admit<B>(&self, incoming: Incoming<'_, B>) -> Result<(Call, Registered, Vec<u8>), Refusal>
    where
        B: FnOnce(usize) -> Result<Vec<u8>, String>,
    {
        let facts = incoming.head;
        let dev_origin = self.dev_origin.as_deref();
        let call = ipc::check_request(&facts, dev_origin.as_slice()).map_err(|error| {
            self.log_refusal(&facts, &error);
            self.report(&facts, None, error.code, error.code.as_str());
            // The app's own pages may read why their request was refused; nobody else may.
            let own_page = [ipc::APP_ORIGIN]
                .iter()
                .chain(&dev_origin)
                .find(|own| facts.origin_header == Some(own.as_bytes()));
            (error, own_page.map(|own| own.to_string()))
        })?;
        let readable = matches!(call.origin, CallOrigin::Local).then(|| call.allow_origin.clone());
        let decision_facts = call.facts(&self.window, &self.webview);
        if let Err(denial) = self.authority.decide(decision_facts, &call.command) {
            let detail = cfg!(debug_assertions).then(|| {
                self.authority
                    .explain(decision_facts, &call.command, None)
                    .to_string()
            });
            let error = IpcError::from_denial(&denial, detail.as_deref());
            tracing::warn!(
                window = %self.window, webview = %self.webview, origin = ?call.origin,
                command = %call.command, reason = denial.code(), "IPC call denied"
            );
            self.report(&facts, Some(&call.command), error.code, denial.code());
            return Err((error, readable));
        }
        let readable = Some(call.allow_origin.clone());
        let Some(handler) = self.handlers.get(&call.command).cloned() else {
            let error = IpcError::new(
                ErrorCode::NotFound,
                "this command is granted but no handler is registered (is its plugin enabled?)",
            );
            return Err((error, readable));
        };
        if !self.token.matches(incoming.token) {
            let error = IpcError::bad_request(
                "call commands through window.__RAMPART__.invoke: the door reads a request's \
                 body only when it comes from the API the app injected into this page",
            );
            self.log_refusal(&facts, &error);
            self.report(&facts, Some(&call.command), error.code, "no_api_token");
            return Err((error, readable));
        }
        let body = (incoming.body)(ipc::read_limit(&self.limits)).map_err(|reason| {
            let error = IpcError::bad_request(format!("the request body cannot be read: {reason}"));
            (error, readable.clone())
        })?;
        ipc::check_body(&call, body.len(), &self.limits).map_err(|error| {
            self.log_refusal(&facts, &error);
            self.report(&facts, Some(&call.command), error.code, error.code.as_str());
            (error, readable.clone())
        })?;
        if let BodyKind::Json = call.body {
            check_json(&body, &self.limits).map_err(|e| (e, readable.clone()))?;
        }
        Ok((call, handler, body))
    }

    fn run(&self, call: Call, handler: Registered, body: Vec<u8>, respond: Respond) {
        let origin = call.allow_origin.clone();
        let in_flight = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        let guard = InFlight(self.in_flight.clone());
        if in_flight > self.limits.max_in_flight {
            drop(guard);
            let error = IpcError::new(
                ErrorCode::Busy,
                format!(
                    "more than {} calls in flight; retry later",
                    self.limits.max_in_flight
                ),
            );
            return respond(error_response(&error, Some(&origin)));
        }
        let invocation = Invocation {
            command: call.command,
            window: self.window.clone(),
            webview: self.webview.clone(),
            origin: call.origin,
            body,
            kind: call.body,
            authority: self.authority.clone(),
            app: self.app.clone(),
            states: self.states.clone(),
            channels: self.channels.clone(),
        };
        let command = invocation.command.clone();
        // `None` means the command panicked.
        let finish = move |result: Option<Result<CommandResponse, IpcError>>| {
            let _guard = guard;
            let result = result.unwrap_or_else(|| {
                tracing::error!(%command, "command panicked");
                Err(IpcError::new(ErrorCode::Internal, "the command failed"))
            });
            respond(success_or_error(result, &origin));
        };
        match handler {
            Registered::Blocking(handler) => {
                self.runtime.spawn_blocking(move || {
                    finish(catch_unwind(AssertUnwindSafe(|| handler(invocation))).ok());
                });
            }
            Registered::Async(handler) => {
                let runtime = self.runtime.clone();
                self.runtime.spawn(async move {
                    // Polled in a task of its own, so that a panic arrives as a JoinError.
                    let result = match catch_unwind(AssertUnwindSafe(|| handler(invocation))) {
                        Ok(future) => runtime.spawn(future).await.ok(),
                        Err(_) => None,
                    };
                    finish(result);
                });
            }
        }
    }

    /// Tells the app's refusal hook, if it has one.
    fn report(
        &self,
        facts: &RequestFacts<'_>,
        command: Option<&str>,
        code: ErrorCode,
        reason: &str,
    ) {
        let Some(hook) = &self.on_refused else {
            return;
        };
        let refused = Refused {
            window: self.window.clone(),
            webview: self.webview.clone(),
            origin: facts
                .origin_header
                .map(|o| String::from_utf8_lossy(o).into_owned()),
            command: command.map(str::to_string),
            code,
            reason: reason.to_string(),
        };
        hook(&self.app, &refused);
    }

    fn log_refusal(&self, facts: &RequestFacts<'_>, error: &IpcError) {
        tracing::warn!(
            window = %self.window, webview = %self.webview, method = facts.method,
            origin = ?facts.origin_header.map(String::from_utf8_lossy),
            code = error.code.as_str(), message = %error.message, "IPC request refused"
        );
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

fn success_or_error(
    result: Result<CommandResponse, IpcError>,
    origin: &str,
) -> Response<Cow<'static, [u8]>> {
    match result {
        Ok(CommandResponse::Json(bytes)) => {
            with_origin(response(StatusCode::OK, "application/json", bytes), origin)
        }
        Ok(CommandResponse::Bytes(bytes)) => with_origin(
            response(StatusCode::OK, "application/octet-stream", bytes),
            origin,
        ),
        Ok(CommandResponse::Error { error, data }) => {
            error_with_data_response(&error, &data, origin)
        }
        Err(error) => error_response(&error, Some(origin)),
    }
}

/// A command's own error: `{"code", "message", "data"}`, with the code's status.
fn error_with_data_response(
    error: &IpcError,
    data: &serde_json::Value,
    origin: &str,
) -> Response<Cow<'static, [u8]>> {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        code: ErrorCode,
        message: &'a str,
        data: &'a serde_json::Value,
    }
    let body = Body {
        code: error.code,
        message: &error.message,
        data,
    };
    match serde_json::to_vec(&body) {
        Ok(body) => {
            let status = StatusCode::from_u16(error.code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            with_origin(response(status, "application/json", body), origin)
        }
        Err(_) => error_response(error, Some(origin)),
    }
}

/// Decrements the in-flight count when the call ends, however it ends.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Depth first (bounded, linear), then syntax, without building anything.
fn check_json(body: &[u8], limits: &Limits) -> Result<(), IpcError> {
    if body.is_empty() {
        return Ok(());
    }
    ipc::check_depth(body, limits.max_json_depth).map_err(|_| {
        IpcError::new(
            ErrorCode::BadRequest,
            format!(
                "the JSON is nested deeper than {} levels",
                limits.max_json_depth
            ),
        )
    })?;
    serde_json::from_slice::<serde::de::IgnoredAny>(body)
        .map(|_| ())
        .map_err(|e| IpcError::new(ErrorCode::BadRequest, format!("malformed JSON: {e}")))
}

pub(crate) fn error_response(
    error: &IpcError,
    origin: Option<&str>,
) -> Response<Cow<'static, [u8]>> {
    let status =
        StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let response = response(status, "application/json", error.to_json());
    match origin {
        Some(origin) => with_origin(response, origin),
        None => response,
    }
}

fn with_origin(
    mut response: Response<Cow<'static, [u8]>>,
    origin: &str,
) -> Response<Cow<'static, [u8]>> {
    if let Ok(value) = HeaderValue::from_str(origin) {
        response
            .headers_mut()
            .insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    response
}

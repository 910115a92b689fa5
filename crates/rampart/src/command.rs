//! Commands: what a handler receives and returns.
//!
//! A handler is a plain function of an [`Invocation`]. It reads its arguments by type
//! ([`Invocation::args`]), the raw request bytes ([`Invocation::take_bytes`]), the calling
//! webview's label, and the scope the call was granted ([`Invocation::scope`]). It returns a
//! [`Response`] or an [`IpcError`], which reaches the page as an error object with a stable code:
//! `{"code": "denied", "message": "..."}`. A [`Response::error`] adds the command's own data:
//! `{"code": "internal", "message": "...", "data": <any JSON>}`.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use rampart_core::acl::Scope;
use rampart_core::ipc::{BodyKind, CallGrant, ErrorCode, IpcError};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::app_handle::AppHandle;
use crate::bytes::{self, Bytes};
use crate::caller::CallScope;
use crate::channel::Channels;
use crate::state::States;

/// A command handler that runs to completion on a worker thread.
pub type Handler = dyn Fn(Invocation) -> Result<Response, IpcError> + Send + Sync;

/// What an async handler returns.
pub type CommandFuture = Pin<Box<dyn Future<Output = Result<Response, IpcError>> + Send>>;

/// A command handler that returns a future, run on the app's tokio runtime.
pub type AsyncHandler = dyn Fn(Invocation) -> CommandFuture + Send + Sync;

/// A registered handler.
#[derive(Clone)]
pub(crate) enum Registered {
    /// Runs on tokio's blocking pool: it may block without holding up other calls.
    Blocking(Arc<Handler>),
    /// Runs as a task on the tokio runtime.
    Async(Arc<AsyncHandler>),
}

impl Registered {
    /// A handler that runs to completion on a worker thread.
    pub(crate) fn blocking<F>(handler: F) -> Registered
    where
        F: Fn(Invocation) -> Result<Response, IpcError> + Send + Sync + 'static,
    {
        Registered::Blocking(Arc::new(handler))
    }

    /// A handler that returns a future, polled on the app's tokio runtime.
    pub(crate) fn asynchronous<F, Fut>(handler: F) -> Registered
    where
        F: Fn(Invocation) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response, IpcError>> + Send + 'static,
    {
        let boxed = move |call: Invocation| -> CommandFuture { Box::pin(handler(call)) };
        Registered::Async(Arc::new(boxed))
    }
}

/// The registered handlers, by the name the page calls them with.
pub(crate) type Handlers = BTreeMap<String, Registered>;

/// One granted call, handed to its command with the grant that let it in.
pub struct Invocation {
    pub(crate) grant: CallGrant,
    pub(crate) body: Vec<u8>,
    pub(crate) kind: BodyKind,
    pub(crate) app: AppHandle,
    pub(crate) states: Arc<States>,
    pub(crate) channels: Arc<Channels>,
}

impl Invocation {
    /// The arguments, deserialized from the JSON object the page sent.
    pub fn args<T: DeserializeOwned>(&self) -> Result<T, IpcError> {
        if self.kind == BodyKind::Raw {
            return Err(IpcError::new(
                ErrorCode::BadRequest,
                "this command takes JSON arguments",
            ));
        }
        let body: &[u8] = if self.body.is_empty() {
            b"{}"
        } else {
            &self.body
        };
        serde_json::from_slice(body)
            .map_err(|e| IpcError::new(ErrorCode::BadRequest, format!("invalid arguments: {e}")))
    }

    /// The managed state of type `T` (see [`Builder::manage`](crate::Builder::manage)).
    pub fn state<T: Send + Sync + 'static>(&self) -> Result<Arc<T>, IpcError> {
        self.states.get::<T>()
    }

    /// The request body as sent (JSON text or raw bytes).
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// The raw bytes the page sent (a `Uint8Array`, `application/octet-stream`), moved out of
    /// the invocation: [`bytes`](Invocation::bytes) is empty afterwards. `bad_request` if the
    /// page sent JSON.
    pub fn take_bytes(&mut self) -> Result<Bytes, IpcError> {
        bytes::check_raw(self.kind)?;
        Ok(Bytes(std::mem::take(&mut self.body)))
    }

    /// Whether the page sent JSON or raw bytes.
    pub(crate) fn body_kind(&self) -> BodyKind {
        self.kind
    }

    /// The command's name.
    pub fn command(&self) -> &str {
        self.grant.command()
    }

    /// The label of the calling webview.
    pub fn webview_label(&self) -> &str {
        self.grant.webview()
    }

    /// The label of the calling window.
    pub fn window_label(&self) -> &str {
        self.grant.window()
    }

    /// The grant this call runs with: its facts and its scope.
    pub fn grant(&self) -> &CallGrant {
        &self.grant
    }

    /// The app, to emit events or exit.
    pub fn app(&self) -> &AppHandle {
        &self.app
    }

    /// The directories `$APPDATA`, `$HOME`, ... stood for when the scopes were resolved: check
    /// paths with these (`CheckedPath::new(path, call.base_dirs())`).
    pub fn base_dirs(&self) -> &rampart_core::scope::BaseDirs {
        self.grant.authority().dirs()
    }

    /// The scope this call was granted: the scope rules of exactly the capabilities that match
    /// its facts. Check every path, URL or program against it.
    pub fn scope(&self) -> Scope<'_, '_> {
        self.grant.scope()
    }

    /// The scope this call was granted, as an owned value a command can keep (see
    /// [`CallScope`]).
    pub fn call_scope(&self) -> CallScope {
        CallScope::new(self.grant.clone())
    }
}

/// What a command returns to the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// JSON text.
    Json(Vec<u8>),
    /// Raw bytes (the page receives a `Uint8Array`).
    Bytes(Vec<u8>),
    /// An error of the command's own, with data for the page (see [`Response::error`]): the
    /// page receives `{"code", "message", "data"}` with the code's HTTP status, and the call
    /// rejects.
    Error {
        /// The code and message.
        error: IpcError,
        /// The command's error, as JSON.
        data: serde_json::Value,
    },
}

impl Response {
    /// `value` as JSON.
    pub fn json<T: Serialize>(value: &T) -> Result<Response, IpcError> {
        serde_json::to_vec(value).map(Response::Json).map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("the result cannot be sent: {e}"),
            )
        })
    }

    /// Nothing (the page receives `null`).
    pub fn empty() -> Response {
        Response::Json(b"null".to_vec())
    }

    /// The command's own error `data`, under `code`: the call rejects, and the page receives
    /// `{"code": code, "message": ..., "data": data}`. The message is `data` itself when it
    /// serializes to a JSON string, else a fixed text. `#[rampart::command]` answers this way
    /// (with [`ErrorCode::Internal`]) for an `Err(e)` whose `e` is `Serialize` but not
    /// `Into<IpcError>`.
    pub fn error<E: Serialize + ?Sized>(code: ErrorCode, data: &E) -> Result<Response, IpcError> {
        let data = serde_json::to_value(data)
            .map_err(|e| IpcError::internal(format!("the command's error cannot be sent: {e}")))?;
        let message = match &data {
            serde_json::Value::String(text) => text.clone(),
            _ => "the command returned an error".to_string(),
        };
        Ok(Response::Error {
            error: IpcError::new(code, message),
            data,
        })
    }
}

/// A command ready to register: its name and its handler. Made by `#[rampart::command]`.
pub struct Registration {
    pub(crate) name: &'static str,
    pub(crate) handler: Registered,
}

impl Registration {
    /// A command that runs to completion on a worker thread.
    pub fn blocking<F>(name: &'static str, handler: F) -> Registration
    where
        F: Fn(Invocation) -> Result<Response, IpcError> + Send + Sync + 'static,
    {
        Registration {
            name,
            handler: Registered::blocking(handler),
        }
    }

    /// A command whose handler returns a future, run on the app's tokio runtime.
    pub fn asynchronous<F, Fut>(name: &'static str, handler: F) -> Registration
    where
        F: Fn(Invocation) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response, IpcError>> + Send + 'static,
    {
        Registration {
            name,
            handler: Registered::asynchronous(handler),
        }
    }
}

/// A function made a command by `#[rampart::command]`.
pub trait Command {
    /// The command, ready to register.
    fn registration() -> Registration;
}

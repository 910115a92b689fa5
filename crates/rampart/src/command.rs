//! Commands: what a handler receives and returns, and the set of commands an app or a plugin
//! registers.
//!
//! A handler is a function of an [`Invocation`]: plain data about the call (its grant — the
//! command, the caller, the scope —, its body, the app). `#[rampart::command]` turns a plain
//! function into one, extracting each parameter by its type ([`FromCall`](crate::FromCall)).
//! It returns a [`Reply`] or an [`IpcError`], which reaches the page as an error object with a
//! stable code: `{"code": "denied", "message": "..."}`. A [`Reply::error`] adds the command's
//! own data: `{"code": "internal", "message": "...", "data": <any JSON>}`.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use rampart_core::acl::{Scope, ScopeRule};
use rampart_core::ipc::{BodyKind, CallGrant, ErrorCode, IpcError};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::app_handle::AppHandle;
use crate::bytes::{self, Bytes};
use crate::caller::CallScope;
use crate::channel::Channels;
use crate::state::States;

/// What an async handler returns.
pub type ReplyFuture = Pin<Box<dyn Future<Output = Result<Reply, IpcError>> + Send>>;

/// How a command runs.
#[derive(Clone)]
pub enum Handler {
    /// To completion, on the app's blocking pool: it may block without holding up other calls.
    Blocking(Arc<dyn Fn(Invocation) -> Result<Reply, IpcError> + Send + Sync>),
    /// As a task on the app's tokio runtime.
    Async(Arc<dyn Fn(Invocation) -> ReplyFuture + Send + Sync>),
    /// At once, on the thread the call came in on (the GTK thread): the runtime's own quick
    /// commands only, which never block (a registry's lock and nothing else).
    #[doc(hidden)]
    Inline(Arc<dyn Fn(Invocation) -> Result<Reply, IpcError> + Send + Sync>),
}

/// A command: the name pages call it by, and its handler.
#[derive(Clone)]
pub struct Command {
    pub(crate) name: String,
    pub(crate) handler: Handler,
}

impl Command {
    /// The command `name`, run to completion on a worker thread.
    pub fn blocking<F>(name: impl Into<String>, handler: F) -> Command
    where
        F: Fn(Invocation) -> Result<Reply, IpcError> + Send + Sync + 'static,
    {
        Command {
            name: name.into(),
            handler: Handler::Blocking(Arc::new(handler)),
        }
    }

    /// The command `name`, whose handler returns a future, polled on the app's tokio runtime.
    pub fn asynchronous<F, Fut>(name: impl Into<String>, handler: F) -> Command
    where
        F: Fn(Invocation) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Reply, IpcError>> + Send + 'static,
    {
        let boxed = move |call: Invocation| -> ReplyFuture { Box::pin(handler(call)) };
        Command {
            name: name.into(),
            handler: Handler::Async(Arc::new(boxed)),
        }
    }

    /// The command `name`, run at once on the thread the call came in on: for the runtime's
    /// own commands that never block.
    pub(crate) fn inline<F>(name: impl Into<String>, handler: F) -> Command
    where
        F: Fn(Invocation) -> Result<Reply, IpcError> + Send + Sync + 'static,
    {
        Command {
            name: name.into(),
            handler: Handler::Inline(Arc::new(handler)),
        }
    }

    /// The command's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A function made a command by `#[rampart::command]`; `rampart::commands![...]` collects them.
pub trait IntoCommand {
    /// The command, named after the function.
    fn command() -> Command;
}

/// Handlers by the names pages call them with.
pub(crate) type Handlers = BTreeMap<String, Handler>;

/// What registers commands: the app's [`Builder`](crate::Builder) and a
/// [`Plugin`](crate::Plugin) share these methods (bring the trait into scope:
/// `use rampart::Commands;`).
pub trait Commands: Sized {
    /// Where the commands go.
    #[doc(hidden)]
    fn handlers(&mut self) -> &mut Handlers;

    /// Registers commands made with `#[rampart::command]`: `.commands(commands![greet, save])`.
    fn commands(mut self, commands: impl IntoIterator<Item = Command>) -> Self {
        for command in commands {
            self.handlers().insert(command.name, command.handler);
        }
        self
    }

    /// Registers the handler of the command `name`, as a closure over its [`Invocation`].
    /// (Most commands read better as functions with `#[rampart::command]`.)
    fn command<F>(self, name: &str, handler: F) -> Self
    where
        F: Fn(Invocation) -> Result<Reply, IpcError> + Send + Sync + 'static,
    {
        self.commands([Command::blocking(name, handler)])
    }

    /// Registers an async handler of the command `name`: it runs as a task on the app's tokio
    /// runtime, off the GTK thread, and a slow one never holds up other calls.
    fn async_command<F, Fut>(self, name: &str, handler: F) -> Self
    where
        F: Fn(Invocation) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Reply, IpcError>> + Send + 'static,
    {
        self.commands([Command::asynchronous(name, handler)])
    }
}

/// One granted call, handed to its command with the grant that let it in.
pub struct Invocation {
    pub(crate) grant: CallGrant,
    pub(crate) body: Vec<u8>,
    pub(crate) kind: BodyKind,
    pub(crate) app: AppHandle,
    pub(crate) states: Arc<States>,
    pub(crate) channels: Arc<Channels>,
    /// Allow rules this webview was given at run time (paths picked in dialogs).
    pub(crate) picked: Arc<Vec<ScopeRule>>,
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

    /// Whether the page sent JSON, raw bytes or nothing.
    pub fn body_kind(&self) -> BodyKind {
        self.kind
    }

    /// The body, moved out of the invocation (empty afterwards), for a [`CallInput`](crate::CallInput).
    pub fn take_body(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.body)
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
        self.grant.scope().with_picked(&self.picked)
    }

    /// The scope this call was granted, as an owned value a command can keep (see
    /// [`CallScope`]).
    pub fn call_scope(&self) -> CallScope {
        CallScope::new(self.grant.clone(), self.picked.clone())
    }
}

/// What a command answers the page with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// JSON text.
    Json(Vec<u8>),
    /// Raw bytes (the page receives a `Uint8Array`).
    Bytes(Vec<u8>),
    /// An error of the command's own, with data for the page (see [`Reply::error`]): the
    /// page receives `{"code", "message", "data"}` with the code's HTTP status, and the call
    /// rejects.
    Error {
        /// The code and message.
        error: IpcError,
        /// The command's error, as JSON.
        data: serde_json::Value,
    },
}

impl Reply {
    /// `value` as JSON.
    pub fn json<T: Serialize>(value: &T) -> Result<Reply, IpcError> {
        serde_json::to_vec(value).map(Reply::Json).map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("the result cannot be sent: {e}"),
            )
        })
    }

    /// Nothing (the page receives `null`).
    pub fn empty() -> Reply {
        Reply::Json(b"null".to_vec())
    }

    /// The command's own error `data`, under `code`: the call rejects, and the page receives
    /// `{"code": code, "message": ..., "data": data}`. The message is `data` itself when it
    /// serializes to a JSON string, else a fixed text. `#[rampart::command]` answers this way
    /// (with [`ErrorCode::Internal`]) for an `Err(e)` whose `e` is `Serialize` but not
    /// `Into<IpcError>`.
    pub fn error<E: Serialize + ?Sized>(code: ErrorCode, data: &E) -> Result<Reply, IpcError> {
        let data = serde_json::to_value(data)
            .map_err(|e| IpcError::internal(format!("the command's error cannot be sent: {e}")))?;
        let message = match &data {
            serde_json::Value::String(text) => text.clone(),
            _ => "the command returned an error".to_string(),
        };
        Ok(Reply::Error {
            error: IpcError::new(code, message),
            data,
        })
    }
}

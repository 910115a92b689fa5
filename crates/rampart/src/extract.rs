//! How a command's parameters get their values: [`FromCall`], by trait resolution, so that
//! `#[rampart::command]` needs to know nothing about a parameter but its name and type.
//!
//! A parameter either reads the call's parts ([`State<T>`], [`AppHandle`], the caller's
//! [`Webview`](crate::Webview) and [`Window`](crate::Window), the call's
//! [`CallScope`](crate::CallScope), `&Invocation`), or takes from the body: a JSON argument by
//! its name (every `T: DeserializeOwned`, and a [`Channel<T>`](crate::Channel) the page passed),
//! or the whole raw body ([`Bytes`](crate::Bytes)). The JSON body is parsed once, when the first
//! argument is asked for; arguments the command does not take are refused, as are JSON
//! arguments beside raw bytes (a compile error). Adding an extractor is one `impl FromCall`.
//!
//! ```
//! use rampart::{CallInput, FromCall, IpcError};
//!
//! /// The command being called, as an extractor of the app's own.
//! struct CommandName(String);
//!
//! impl FromCall<'_> for CommandName {
//!     fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
//!         Ok(CommandName(input.call().command().to_string()))
//!     }
//! }
//! ```

use std::ops::Deref;
use std::sync::Arc;

use rampart_core::ipc::{BodyKind, IpcError};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::app_handle::AppHandle;
use crate::command::Invocation;

/// What a parameter takes from a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// Only the call's parts (facts, state, the app): any number of these.
    Parts,
    /// A JSON argument, by the parameter's name.
    Argument,
    /// The whole raw body: once, and then no JSON argument.
    Body,
}

/// A value a command parameter gets from its call.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a command parameter",
    label = "neither a JSON argument nor an extractor",
    note = "a parameter is a JSON argument (an owned type that implements `serde::Deserialize`: `String`, not `&str`) or an extractor (`State<T>`, `AppHandle`, `Webview`, `Window`, `CallScope`, `Bytes`, `Channel<T>`, `&Invocation`, or a type implementing `rampart::FromCall`)"
)]
pub trait FromCall<'c>: Sized {
    /// What the parameter takes; [`Takes::Parts`] unless the extractor reads the body.
    const TAKES: Takes = Takes::Parts;

    /// The value of the parameter named `name` (in camelCase, as the page writes it), or the
    /// error that refuses the call before the command runs.
    fn from_call(input: &mut CallInput<'c>, name: &'static str) -> Result<Self, IpcError>;
}

/// A call being taken apart for its command's parameters: its parts, and its body until a
/// parameter takes it.
pub struct CallInput<'c> {
    call: &'c Invocation,
    kind: BodyKind,
    body: Option<Vec<u8>>,
    arguments: Option<Map<String, Value>>,
}

impl<'c> CallInput<'c> {
    /// `call`, whose `body` was moved out of it ([`Invocation::take_body`]).
    pub fn new(call: &'c Invocation, body: Vec<u8>) -> CallInput<'c> {
        CallInput {
            kind: call.body_kind(),
            call,
            body: Some(body),
            arguments: None,
        }
    }

    /// The call's parts.
    pub fn call(&self) -> &'c Invocation {
        self.call
    }

    /// The JSON argument `name`, if the page sent it. The body is parsed once, on the first
    /// ask; `bad_request` if it is raw bytes or not a JSON object.
    pub fn argument(&mut self, name: &str) -> Result<Option<Value>, IpcError> {
        Ok(self.arguments()?.remove(name))
    }

    /// The raw body, moved out; `bad_request` if the page sent JSON.
    pub fn take_body(&mut self) -> Result<Vec<u8>, IpcError> {
        crate::bytes::check_raw(self.kind)?;
        self.body
            .take()
            .ok_or_else(|| IpcError::internal("the body was taken twice"))
    }

    /// Checks what no parameter took: JSON arguments the command has no parameter for are
    /// `bad_request`, and so is raw bytes sent to a command that takes none.
    pub fn finish(mut self) -> Result<(), IpcError> {
        if self.kind == BodyKind::Raw {
            return match self.body {
                Some(_) => Err(IpcError::bad_request("this command takes JSON arguments")),
                None => Ok(()),
            };
        }
        let left = self.arguments()?;
        match left.keys().next() {
            None => Ok(()),
            Some(unknown) => Err(IpcError::bad_request(format!(
                "invalid arguments: unknown argument `{}`",
                unknown.escape_debug()
            ))),
        }
    }

    fn arguments(&mut self) -> Result<&mut Map<String, Value>, IpcError> {
        if self.arguments.is_none() {
            let parsed = parse_arguments(self.kind, self.body.take().unwrap_or_default())?;
            self.arguments = Some(parsed);
        }
        Ok(self.arguments.get_or_insert_default())
    }
}

/// The JSON object of named arguments: `{}` for an empty body.
fn parse_arguments(kind: BodyKind, body: Vec<u8>) -> Result<Map<String, Value>, IpcError> {
    if kind == BodyKind::Raw {
        return Err(IpcError::bad_request("this command takes JSON arguments"));
    }
    if body.is_empty() {
        return Ok(Map::new());
    }
    serde_json::from_slice(&body)
        .map_err(|e| IpcError::bad_request(format!("invalid arguments: {e}")))
}

/// Every deserializable type is a JSON argument, read under the parameter's name; a missing
/// one is `null` to it (so `Option<T>` is optional).
impl<T: DeserializeOwned> FromCall<'_> for T {
    const TAKES: Takes = Takes::Argument;

    fn from_call(input: &mut CallInput<'_>, name: &'static str) -> Result<Self, IpcError> {
        match input.argument(name)? {
            Some(value) => serde_json::from_value(value)
                .map_err(|e| IpcError::bad_request(format!("invalid arguments: `{name}`: {e}"))),
            None => serde_json::from_value(Value::Null).map_err(|_| {
                IpcError::bad_request(format!("invalid arguments: missing argument `{name}`"))
            }),
        }
    }
}

/// `true` if `takes` (a command's parameters, in order) is a valid combination: raw bytes at
/// most once, and then no JSON argument. `#[rampart::command]` checks it at compile time.
#[doc(hidden)]
pub const fn valid_parameters(takes: &[Takes]) -> bool {
    let (mut bodies, mut arguments, mut i) = (0, 0, 0);
    while i < takes.len() {
        match takes[i] {
            Takes::Body => bodies += 1,
            Takes::Argument => arguments += 1,
            Takes::Parts => {}
        }
        i += 1;
    }
    bodies == 0 || (bodies == 1 && arguments == 0)
}

/// The invocation itself, for what no extractor gives.
impl<'c> FromCall<'c> for &'c Invocation {
    fn from_call(input: &mut CallInput<'c>, _name: &'static str) -> Result<Self, IpcError> {
        Ok(input.call())
    }
}

/// Managed state of type `T` (see [`Builder::manage`](crate::Builder::manage)).
pub struct State<T>(Arc<T>);

impl<T> Deref for State<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Send + Sync + 'static> FromCall<'_> for State<T> {
    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        input.call().state::<T>().map(State)
    }
}

impl FromCall<'_> for AppHandle {
    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        Ok(input.call().app().clone())
    }
}

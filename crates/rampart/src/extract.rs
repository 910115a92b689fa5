//! Values a command receives by type rather than from the page's arguments.
//!
//! Every [`FromInvocation`] type is an extractor: [`State<T>`], [`AppHandle`], the caller's
//! [`Webview`](crate::Webview) and [`Window`](crate::Window), the call's
//! [`CallScope`](crate::CallScope), the raw body as [`Bytes`](crate::Bytes). An app can add its
//! own; `#[rampart::command]` extracts it when the parameter is marked `#[extract]`.

use std::ops::Deref;
use std::sync::Arc;

use rampart_core::ipc::IpcError;

use crate::app_handle::AppHandle;
use crate::command::Invocation;

/// A value a command parameter can be extracted from its invocation as.
pub trait FromInvocation: Sized {
    /// Extracts the value, or refuses the call with an error.
    fn from_invocation(call: &Invocation) -> Result<Self, IpcError>;
}

/// Managed state of type `T` (see [`Builder::manage`](crate::Builder::manage)).
pub struct State<T>(Arc<T>);

impl<T> Deref for State<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Send + Sync + 'static> FromInvocation for State<T> {
    fn from_invocation(call: &Invocation) -> Result<Self, IpcError> {
        call.state::<T>().map(State)
    }
}

impl FromInvocation for AppHandle {
    fn from_invocation(call: &Invocation) -> Result<Self, IpcError> {
        Ok(call.app().clone())
    }
}

//! A handle to the running app, usable from any thread.

use std::fmt;
use std::sync::{Arc, Mutex};

use rampart_core::ipc::{ErrorCode, IpcError};
use serde::Serialize;

use crate::events::{Emitted, checked_name};

/// Events the runtime sends to its own event loop.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum UserEvent {
    /// Leave the event loop with this exit code.
    Exit(i32),
    /// Deliver an event to the webviews that listen to it.
    Emit(Emitted),
}

/// A handle to the running app. Cheap to clone; usable from any thread.
#[derive(Clone)]
pub struct AppHandle {
    send: Arc<Mutex<dyn FnMut(UserEvent) + Send>>,
}

impl fmt::Debug for AppHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppHandle")
    }
}

impl AppHandle {
    /// A handle whose events go to `send` (the event loop's proxy, or a test's recorder).
    pub(crate) fn new(send: impl FnMut(UserEvent) + Send + 'static) -> Self {
        Self {
            send: Arc::new(Mutex::new(send)),
        }
    }

    /// Closes every window and ends the process with `code`.
    pub fn exit(&self, code: i32) {
        self.send_event(UserEvent::Exit(code));
    }

    /// Sends `event` with `payload` to every webview granted to hear it and listening to it.
    pub fn emit<T: Serialize>(&self, event: &str, payload: &T) -> Result<(), IpcError> {
        self.emit_to_target(None, event, payload)
    }

    /// Sends `event` with `payload` to the webview `label`, if it is granted to hear it and
    /// listening to it.
    pub fn emit_to<T: Serialize>(
        &self,
        label: &str,
        event: &str,
        payload: &T,
    ) -> Result<(), IpcError> {
        self.emit_to_target(Some(label.to_string()), event, payload)
    }

    fn emit_to_target<T: Serialize>(
        &self,
        target: Option<String>,
        event: &str,
        payload: &T,
    ) -> Result<(), IpcError> {
        checked_name(event)?;
        let payload = serde_json::to_value(payload).map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("the payload cannot be sent: {e}"),
            )
        })?;
        self.send_event(UserEvent::Emit(Emitted {
            target,
            event: event.to_string(),
            payload,
        }));
        Ok(())
    }

    fn send_event(&self, event: UserEvent) {
        match self.send.lock() {
            Ok(mut send) => send(event),
            Err(_) => tracing::error!(?event, "the app handle is poisoned; event dropped"),
        }
    }
}

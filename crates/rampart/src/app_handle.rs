//! A handle to the running app, usable from any thread.

use std::fmt;
use std::sync::{Arc, Mutex};

/// Events the runtime sends to its own event loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UserEvent {
    /// Leave the event loop with this exit code.
    Exit(i32),
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

    fn send_event(&self, event: UserEvent) {
        match self.send.lock() {
            Ok(mut send) => send(event),
            Err(_) => tracing::error!(?event, "the app handle is poisoned; event dropped"),
        }
    }
}

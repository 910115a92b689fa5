//! A handle to the running app, usable from any thread.

use tao::event_loop::EventLoopProxy;

/// Events the runtime sends to its own event loop.
#[derive(Debug)]
pub(crate) enum UserEvent {
    /// Leave the event loop with this exit code.
    Exit(i32),
}

/// A handle to the running app. Cheap to clone; usable from any thread.
#[derive(Clone)]
pub struct AppHandle {
    pub(crate) proxy: EventLoopProxy<UserEvent>,
}

impl AppHandle {
    /// Closes every window and ends the process with `code`.
    pub fn exit(&self, code: i32) {
        if self.proxy.send_event(UserEvent::Exit(code)).is_err() {
            // The event loop is already gone: the process is ending anyway.
            tracing::debug!("exit requested after the event loop ended");
        }
    }
}

//! What happens to a window, for the app's hooks ([`Builder::on_window_event`]): moved,
//! resized, focused, asked to close (which a hook may refuse) and closed. The window's own page
//! hears the same (but its closing) as the event [`WINDOW_EVENT`], if its capabilities grant
//! listening to it; no other page does.
//!
//! [`Builder::on_window_event`]: crate::Builder::on_window_event

use std::cell::Cell;
use std::sync::Arc;

use crate::window_control::WindowHandle;

/// Something that happened to a window. Sizes and positions are logical pixels.
#[derive(Debug)]
#[non_exhaustive]
pub enum WindowEvent {
    /// It moved: its outer top-left corner.
    Moved {
        /// Its x.
        x: f64,
        /// Its y.
        y: f64,
    },
    /// It was resized: its inner size.
    Resized {
        /// The inner width.
        width: f64,
        /// The inner height.
        height: f64,
    },
    /// It gained (`true`) or lost the focus.
    Focused(bool),
    /// The person (the title bar's button, a key) or the app ([`WindowHandle::close`], a page's
    /// `window:allow-close`) asked to close it; [`CloseRequest::prevent_close`] keeps it open.
    CloseRequested(CloseRequest),
    /// It closed: its page is gone.
    Destroyed,
}

/// The event a window's own page hears about it: `{ "event": "resized", "width", "height" }`,
/// `{ "event": "moved", "x", "y" }`, `{ "event": "focused", "focused" }`,
/// `{ "event": "close-requested", "prevented" }`.
pub const WINDOW_EVENT: &str = "rampart:window";

impl WindowEvent {
    /// What the window's page hears, if anything.
    fn payload(&self) -> Option<serde_json::Value> {
        Some(match self {
            WindowEvent::Moved { x, y } => serde_json::json!({ "event": "moved", "x": x, "y": y }),
            WindowEvent::Resized { width, height } => {
                serde_json::json!({ "event": "resized", "width": width, "height": height })
            }
            WindowEvent::Focused(focused) => {
                serde_json::json!({ "event": "focused", "focused": focused })
            }
            WindowEvent::CloseRequested(request) => serde_json::json!({
                "event": "close-requested",
                "prevented": request.is_prevented(),
            }),
            WindowEvent::Destroyed => return None,
        })
    }
}

/// A request to close a window, which any hook may refuse.
#[derive(Debug, Default)]
pub struct CloseRequest {
    prevented: Cell<bool>,
}

impl CloseRequest {
    /// Keeps the window open (to ask about unsaved work first, say; close it later with
    /// [`WindowHandle::destroy`], which asks no hook).
    pub fn prevent_close(&self) {
        self.prevented.set(true);
    }

    /// Whether a hook kept the window open.
    pub fn is_prevented(&self) -> bool {
        self.prevented.get()
    }
}

/// A hook of [`Builder::on_window_event`](crate::Builder::on_window_event).
pub(crate) type WindowHook = dyn Fn(&WindowHandle, &WindowEvent) + Send + Sync;

/// The app's window hooks, called in the order they were added.
#[derive(Clone, Default)]
pub(crate) struct WindowHooks(Vec<Arc<WindowHook>>);

impl WindowHooks {
    /// Adds `hook`.
    pub(crate) fn push(&mut self, hook: Arc<WindowHook>) {
        self.0.push(hook);
    }

    /// Tells every hook that `event` happened to `window`, then the window's page.
    pub(crate) fn notify(&self, window: &WindowHandle, event: &WindowEvent) {
        for hook in &self.0 {
            hook(window, event);
        }
        if let Some(payload) = event.payload()
            && let Err(error) = window.app().emit_to(window.label(), WINDOW_EVENT, &payload)
        {
            tracing::error!(%error, "cannot tell a page about its window");
        }
    }

    /// Asks every hook whether `window` may close: `false` when one prevented it.
    pub(crate) fn may_close(&self, window: &WindowHandle) -> bool {
        let event = WindowEvent::CloseRequested(CloseRequest::default());
        self.notify(window, &event);
        !matches!(event, WindowEvent::CloseRequested(request) if request.is_prevented())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::app_handle::AppHandle;

    #[test]
    fn one_hook_that_prevents_keeps_the_window_open_and_every_hook_hears() {
        let heard = Arc::new(Mutex::new(Vec::new()));
        let mut hooks = WindowHooks::default();
        for (name, prevent) in [("first", true), ("second", false)] {
            let heard = heard.clone();
            hooks.push(Arc::new(
                move |window: &WindowHandle, event: &WindowEvent| {
                    if let WindowEvent::CloseRequested(request) = event {
                        if prevent && window.label() == "main" {
                            request.prevent_close();
                        }
                        heard.lock().expect("lock").push(name);
                    }
                },
            ));
        }
        let app = AppHandle::new(|_| {});
        let main = WindowHandle::new(app.clone(), "main".into());
        let other = WindowHandle::new(app, "other".into());
        assert!(!hooks.may_close(&main));
        assert!(hooks.may_close(&other));
        assert!(WindowHooks::default().may_close(&main));
        assert_eq!(
            *heard.lock().expect("lock"),
            ["first", "second", "first", "second"]
        );
    }
}

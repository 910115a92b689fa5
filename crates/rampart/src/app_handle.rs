//! A handle to the running app, usable from any thread.

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rampart_core::acl::Authority;
use rampart_core::app::{AppInfo, WindowSpec};
use rampart_core::ipc::{ErrorCode, IpcError};
use serde::Serialize;

use crate::context::Context;
use crate::events::{AppListeners, Emitted, EventMessage, checked_name};
use crate::new_window::NewWindow;
use crate::picks::{PickedPath, Picks};
use crate::window_control::{WindowHandle, WindowOp};

/// How long [`AppHandle::save_screenshot`] waits for the window system.
const CAPTURE_TIMEOUT: Duration = Duration::from_secs(10);

/// Events the runtime sends to its own event loop.
#[derive(Debug)]
pub(crate) enum UserEvent {
    /// Leave the event loop with this exit code.
    Exit(i32),
    /// Deliver an event to the webviews that listen to it.
    Emit(Emitted),
    /// Save a PNG of a window's contents, and say how it went.
    Capture(Capture),
    /// Open this window — declared, from a template, or built at run time — or focus it, if
    /// it is open.
    OpenWindow(Box<WindowSpec>),
    /// A menu item with this id was chosen.
    Menu(String),
    /// Change (or ask about) the open window with this label.
    Window(String, WindowOp),
    /// Run this on the GTK thread (native dialogs).
    #[cfg(any(feature = "dialog", feature = "clipboard"))]
    OnMain(MainTask),
}

/// Work for the GTK thread.
#[cfg(any(feature = "dialog", feature = "clipboard"))]
pub(crate) struct MainTask(pub Box<dyn FnOnce() + Send>);

#[cfg(any(feature = "dialog", feature = "clipboard"))]
impl fmt::Debug for MainTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MainTask")
    }
}

/// A request to capture one window.
#[derive(Debug)]
pub(crate) struct Capture {
    pub label: String,
    pub path: PathBuf,
    pub done: mpsc::Sender<Result<(), String>>,
}

/// A handle to the running app. Cheap to clone; usable from any thread.
#[derive(Clone)]
pub struct AppHandle {
    send: Arc<Mutex<dyn FnMut(UserEvent) + Send>>,
    listeners: Arc<AppListeners>,
    /// The app's identity and windows, and its access control (`None` only for handles made
    /// in unit tests).
    app: Option<(Arc<AppInfo>, Arc<Authority>)>,
    /// The labels of the windows built at run time.
    built: Arc<Mutex<BTreeSet<String>>>,
    /// Paths picked in dialogs, per webview.
    pub(crate) picks: Arc<Picks>,
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
            listeners: Arc::default(),
            app: None,
            built: Arc::default(),
            picks: Arc::default(),
        }
    }

    /// Runs `work` on the GTK thread, where native dialogs and the clipboard live; its result
    /// arrives on the receiver (wait on it from a command, never from the GTK thread).
    #[cfg(any(feature = "dialog", feature = "clipboard"))]
    pub(crate) fn on_main<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> mpsc::Receiver<T> {
        let (sender, receiver) = mpsc::channel();
        self.send_event(UserEvent::OnMain(MainTask(Box::new(move || {
            // The command may have stopped waiting.
            let _ = sender.send(work());
        }))));
        receiver
    }

    /// The same handle, over the app's table of picked paths.
    pub(crate) fn with_picks(mut self, picks: Arc<Picks>) -> Self {
        self.picks = picks;
        self
    }

    /// The paths a person picked in dialogs of the webview `label`, which its path scopes
    /// allow for the rest of the run.
    pub fn picked_paths(&self, label: &str) -> Vec<PickedPath> {
        self.picks.list(label)
    }

    /// Takes back from the webview `label` a path picked in one of its dialogs: its scopes no
    /// longer allow it. Whether the webview held it.
    pub fn revoke_picked(&self, label: &str, path: impl AsRef<std::path::Path>) -> bool {
        self.picks.revoke(label, path.as_ref())
    }

    /// The same handle, for the app of `context`: its windows and its access control.
    pub(crate) fn for_app(mut self, context: &Context) -> Self {
        self.app = Some((context.info.clone(), context.authority.clone()));
        self
    }

    /// The window `label` as `Rampart.toml` declares it (or a template it opens from).
    fn declared(&self, label: &str) -> Option<WindowSpec> {
        self.app.as_ref().and_then(|(info, _)| info.window(label))
    }

    /// Whether the window `label` was built at run time.
    fn was_built(&self, label: &str) -> bool {
        self.built.lock().is_ok_and(|built| built.contains(label))
    }

    /// Builds and opens a window under a label `Rampart.toml` does not declare (or brings it
    /// to the front if it is open), from any thread. Its webview gets no capability unless the
    /// window says it may ([`NewWindow::with_capabilities`]): a label a capability names is
    /// refused otherwise (`denied`). A declared label is `bad_request` (open it with
    /// [`AppHandle::open_window`]), and so are a label, page or size a `[[window]]` could not
    /// have. A page of the app that is not in `dist/` opens as "not found".
    pub fn create_window(&self, window: NewWindow) -> Result<WindowHandle, IpcError> {
        let label = window.label().to_string();
        if self.declared(&label).is_some() {
            return Err(IpcError::bad_request(format!(
                "`{label}` is declared in Rampart.toml: open it with open_window"
            )));
        }
        let (_, authority) = self
            .app
            .as_ref()
            .ok_or_else(|| IpcError::internal("this handle belongs to no running app"))?;
        let spec = window.spec(authority)?;
        if let Ok(mut built) = self.built.lock() {
            built.insert(label.clone());
        }
        self.send_event(UserEvent::OpenWindow(Box::new(spec)));
        Ok(WindowHandle::new(self.clone(), label))
    }

    /// Opens the window `label` declared in `Rampart.toml` (typically with `create = false`),
    /// or one from a template whose label (`note-*`) matches it (`note-7`: the template's page,
    /// size and rules), or brings it to the front if it is open. Its webview gets exactly the
    /// capabilities that name its label. An undeclared label is an error: windows are declared,
    /// not made up.
    pub fn open_window(&self, label: &str) -> Result<(), IpcError> {
        let spec = self.declared(label).ok_or_else(|| {
            IpcError::new(
                ErrorCode::NotFound,
                format!(
                    "no window `{label}` is declared in Rampart.toml: add a [[window]] with this label, or a template whose label (`prefix*`) matches it"
                ),
            )
        })?;
        self.send_event(UserEvent::OpenWindow(Box::new(spec)));
        Ok(())
    }

    /// The window `label` declared in `Rampart.toml`, to change from any thread (its title,
    /// size, position, state; closing it). An undeclared label is an error.
    pub fn window(&self, label: &str) -> Result<WindowHandle, IpcError> {
        if self.declared(label).is_none() && !self.was_built(label) {
            return Err(IpcError::new(
                ErrorCode::NotFound,
                format!("no window `{label}` is declared in Rampart.toml"),
            ));
        }
        Ok(WindowHandle::new(self.clone(), label.to_string()))
    }

    /// Closes every window and ends the process with `code`.
    pub fn exit(&self, code: i32) {
        self.send_event(UserEvent::Exit(code));
    }

    /// Sends `event` with `payload` to every webview granted to hear it and listening to it,
    /// and to the app's own listeners ([`AppHandle::listen`]).
    pub fn emit<T: Serialize>(&self, event: &str, payload: &T) -> Result<(), IpcError> {
        self.emit_from(None, None, event, payload)
    }

    /// Sends `event` with `payload` to the webview `label`, if it is granted to hear it and
    /// listening to it. The app's own listeners do not hear it.
    pub fn emit_to<T: Serialize>(
        &self,
        label: &str,
        event: &str,
        payload: &T,
    ) -> Result<(), IpcError> {
        self.emit_from(None, Some(label.to_string()), event, payload)
    }

    /// Calls `handler` for every `event` emitted to all (by Rust, or by a page granted to emit
    /// it). The handler runs on the thread that emitted: keep it short, or hand the work to a
    /// thread of its own. Page events carry the sending webview's label in
    /// [`EventMessage::source`]: their payload is page input, to be checked like any argument.
    pub fn listen(&self, event: &str, handler: impl Fn(&EventMessage) + Send + Sync + 'static) {
        self.listeners.add(event, Arc::new(handler));
    }

    /// Saves a PNG of the window `label` (its contents as shown on screen) to `path`.
    ///
    /// It waits for the GTK thread: call it from a command or a thread of your own, not from
    /// the set-up hook or a listener running on the GTK thread.
    pub fn save_screenshot(&self, label: &str, path: impl Into<PathBuf>) -> Result<(), IpcError> {
        let (done, result) = mpsc::channel();
        self.send_event(UserEvent::Capture(Capture {
            label: label.to_string(),
            path: path.into(),
            done,
        }));
        let failed = |message: String| IpcError::new(ErrorCode::Internal, message);
        match result.recv_timeout(CAPTURE_TIMEOUT) {
            Ok(outcome) => outcome.map_err(failed),
            Err(_) => Err(failed(format!(
                "the window `{label}` was not captured within {CAPTURE_TIMEOUT:?}"
            ))),
        }
    }

    /// Emits on behalf of `source` (a webview's label; None for Rust).
    pub(crate) fn emit_from<T: Serialize>(
        &self,
        source: Option<&str>,
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
        let emitted = Emitted {
            target,
            event: event.to_string(),
            payload,
        };
        if emitted.target.is_none() {
            self.listeners.deliver(&EventMessage {
                event: emitted.event.clone(),
                payload: emitted.payload.clone(),
                source: source.map(str::to_string),
            });
        }
        self.send_event(UserEvent::Emit(emitted));
        Ok(())
    }

    pub(crate) fn send_event(&self, event: UserEvent) {
        match self.send.lock() {
            Ok(mut send) => send(event),
            Err(_) => tracing::error!(?event, "the app handle is poisoned; event dropped"),
        }
    }
}

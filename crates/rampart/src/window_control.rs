//! Controlling a window from any thread: [`WindowHandle`] (from
//! [`AppHandle::window`](crate::AppHandle::window)) sends each change to the event loop, which
//! applies it on the GTK thread to the open window of that label.

use std::sync::mpsc;
use std::time::Duration;

use rampart_core::ipc::IpcError;
use serde::Serialize;

use crate::app_handle::{AppHandle, UserEvent};
use crate::menu::{Menu, PopupBuild};

/// How long [`WindowHandle::state`] waits for the window system.
const STATE_TIMEOUT: Duration = Duration::from_secs(10);

/// A change to a window, or a question about it.
#[derive(Debug)]
pub(crate) enum WindowOp {
    Title(String),
    Size(f64, f64),
    MinSize(Option<(f64, f64)>),
    MaxSize(Option<(f64, f64)>),
    Position(f64, f64),
    Resizable(bool),
    Fullscreen(bool),
    Maximized(bool),
    Minimize,
    Visible(bool),
    Focus,
    Close,
    Destroy,
    PopupMenu(PopupBuild),
    State(mpsc::Sender<Result<WindowState, String>>),
}

/// What a window looks like now (sizes and positions in logical pixels).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowState {
    /// The title.
    pub title: String,
    /// The inner width.
    pub width: f64,
    /// The inner height.
    pub height: f64,
    /// The outer position's x.
    pub x: f64,
    /// The outer position's y.
    pub y: f64,
    /// Whether it is maximized.
    pub maximized: bool,
    /// Whether it is full screen.
    pub fullscreen: bool,
    /// Whether it is shown.
    pub visible: bool,
    /// Whether it can be resized.
    pub resizable: bool,
}

/// A window declared in `Rampart.toml`, to change from any thread. Changes to a window that is
/// not open are dropped (open it with [`AppHandle::open_window`]).
#[derive(Clone, Debug)]
pub struct WindowHandle {
    app: AppHandle,
    label: String,
}

impl WindowHandle {
    pub(crate) fn new(app: AppHandle, label: String) -> WindowHandle {
        WindowHandle { app, label }
    }

    /// The window's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The app the window belongs to.
    pub fn app(&self) -> &AppHandle {
        &self.app
    }

    fn send(&self, op: WindowOp) {
        self.app
            .send_event(UserEvent::Window(self.label.clone(), op));
    }

    /// Sets the title.
    pub fn set_title(&self, title: &str) {
        self.send(WindowOp::Title(title.to_string()));
    }

    /// Sets the inner size, in logical pixels.
    pub fn set_size(&self, width: f64, height: f64) {
        self.send(WindowOp::Size(width, height));
    }

    /// Sets (or, with `None`, removes) the smallest inner size.
    pub fn set_min_size(&self, size: Option<(f64, f64)>) {
        self.send(WindowOp::MinSize(size));
    }

    /// Sets (or, with `None`, removes) the largest inner size.
    pub fn set_max_size(&self, size: Option<(f64, f64)>) {
        self.send(WindowOp::MaxSize(size));
    }

    /// Moves the window (its outer top-left corner), in logical pixels.
    pub fn set_position(&self, x: f64, y: f64) {
        self.send(WindowOp::Position(x, y));
    }

    /// Lets the person resize the window, or not.
    pub fn set_resizable(&self, resizable: bool) {
        self.send(WindowOp::Resizable(resizable));
    }

    /// Makes the window full screen, or not.
    pub fn set_fullscreen(&self, fullscreen: bool) {
        self.send(WindowOp::Fullscreen(fullscreen));
    }

    /// Maximizes the window.
    pub fn maximize(&self) {
        self.send(WindowOp::Maximized(true));
    }

    /// Restores a maximized window.
    pub fn unmaximize(&self) {
        self.send(WindowOp::Maximized(false));
    }

    /// Minimizes the window.
    pub fn minimize(&self) {
        self.send(WindowOp::Minimize);
    }

    /// Shows the window.
    pub fn show(&self) {
        self.send(WindowOp::Visible(true));
    }

    /// Hides the window.
    pub fn hide(&self) {
        self.send(WindowOp::Visible(false));
    }

    /// Brings the window to the front and gives it the focus.
    pub fn set_focus(&self) {
        self.send(WindowOp::Focus);
    }

    /// Asks to close the window: the app's window hooks may keep it open
    /// ([`CloseRequest::prevent_close`](crate::CloseRequest::prevent_close)); otherwise it
    /// closes, and the app exits when it was the last one.
    pub fn close(&self) {
        self.send(WindowOp::Close);
    }

    /// Closes the window without asking the window hooks (after a hook prevented a close and
    /// the person confirmed, say).
    pub fn destroy(&self) {
        self.send(WindowOp::Destroy);
    }

    /// Shows a context menu at the pointer in the window: `build` makes it on the GTK thread
    /// (muda's types are not `Send`). A chosen item reaches the menu hooks and the pages like
    /// one of the menu bar ([`crate::menu`]).
    ///
    /// ```no_run
    /// # fn show(window: &rampart::WindowHandle) {
    /// use rampart::menu::{Menu, MenuItem};
    /// window.popup_menu(|| {
    ///     let menu = Menu::new();
    ///     menu.append(&MenuItem::with_id("rename", "Rename", true, None))?;
    ///     Ok(menu)
    /// });
    /// # }
    /// ```
    pub fn popup_menu<F>(&self, build: F)
    where
        F: FnOnce() -> Result<Menu, muda::Error> + Send + 'static,
    {
        self.send(WindowOp::PopupMenu(PopupBuild(Box::new(build))));
    }

    /// What the window looks like now. It waits for the GTK thread: call it from a command or
    /// a thread of your own, not from the set-up hook or a listener on the GTK thread.
    pub fn state(&self) -> Result<WindowState, IpcError> {
        let (sender, receiver) = mpsc::channel();
        self.send(WindowOp::State(sender));
        match receiver.recv_timeout(STATE_TIMEOUT) {
            Ok(state) => state.map_err(IpcError::not_found),
            Err(_) => Err(IpcError::internal(format!(
                "the window `{}` did not answer within {STATE_TIMEOUT:?}",
                self.label
            ))),
        }
    }
}

//! Menus: the app's menu bar in every window ([`Builder::menu`]) and context menus
//! ([`WindowHandle::popup_menu`]), built with [muda](https://docs.rs/muda), re-exported here.
//! A chosen item reaches the app's menu hooks ([`Builder::on_menu_event`]) with its id, and the
//! pages as the event [`MENU_EVENT`] (`{ "id": "..." }`) — only those whose capabilities grant
//! listening to it, like any event.
//!
//! [`Builder::menu`]: crate::Builder::menu
//! [`Builder::on_menu_event`]: crate::Builder::on_menu_event
//! [`WindowHandle::popup_menu`]: crate::WindowHandle::popup_menu

use std::fmt;
use std::sync::Arc;

pub use muda::{
    CheckMenuItem, Error, IsMenuItem, Menu, MenuId, MenuItem, PredefinedMenuItem, Submenu,
    accelerator,
};
use muda::{ContextMenu, MenuEvent};
use tao::platform::unix::WindowExtUnix;
use tao::window::Window;

use crate::app_handle::{AppHandle, UserEvent};

/// The event pages hear when a menu item is chosen: `{ "id": "<the item's id>" }`.
pub const MENU_EVENT: &str = "rampart:menu";

/// Builds the menu bar, on the GTK thread once it is ready ([`crate::Builder::menu`]).
pub(crate) type MenuBuild = dyn FnOnce() -> Result<Menu, muda::Error>;

/// A hook of [`crate::Builder::on_menu_event`]: the app and the chosen item's id.
pub(crate) type MenuHook = dyn Fn(&AppHandle, &str) + Send + Sync;

/// Builds a context menu, on the GTK thread ([`crate::WindowHandle::popup_menu`]).
pub(crate) struct PopupBuild(pub Box<dyn FnOnce() -> Result<Menu, muda::Error> + Send>);

impl fmt::Debug for PopupBuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PopupBuild")
    }
}

/// The event loop's menus: the bar every window gets, the context menu shown last (kept alive
/// while it may be open), and the hooks.
pub(crate) struct Menus {
    bar: Option<Menu>,
    context: Option<Menu>,
    hooks: Vec<Arc<MenuHook>>,
}

impl Menus {
    /// Builds the bar (if the app has one) and routes muda's events into the event loop.
    pub(crate) fn start(
        build: Option<Box<MenuBuild>>,
        hooks: Vec<Arc<MenuHook>>,
        app: &AppHandle,
    ) -> Result<Menus, String> {
        let bar = build
            .map(|build| build())
            .transpose()
            .map_err(|e| format!("cannot build the menu bar: {e}"))?;
        let app = app.clone();
        MenuEvent::set_event_handler(Some(move |event: MenuEvent| {
            app.send_event(UserEvent::Menu(event.id.0));
        }));
        Ok(Menus {
            bar,
            context: None,
            hooks,
        })
    }

    /// Puts the menu bar at the top of `window`'s `container`.
    pub(crate) fn attach(&self, window: &Window, container: &gtk::Box) -> Result<(), String> {
        match &self.bar {
            Some(bar) => bar
                .init_for_gtk_window(window.gtk_window(), Some(container))
                .map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }

    /// Builds a context menu and shows it at the pointer in `window`.
    pub(crate) fn popup(&mut self, window: &Window, build: PopupBuild) {
        match (build.0)() {
            Ok(menu) => {
                let gtk_window: &gtk::Window = window.gtk_window().as_ref();
                menu.show_context_menu_for_gtk_window(gtk_window, None);
                self.context = Some(menu);
            }
            Err(error) => tracing::error!(%error, "cannot build a context menu"),
        }
    }

    /// An item was chosen: the hooks, then the pages that listen.
    pub(crate) fn chosen(&self, app: &AppHandle, id: &str) {
        for hook in &self.hooks {
            hook(app, id);
        }
        if let Err(error) = app.emit(MENU_EVENT, &serde_json::json!({ "id": id })) {
            tracing::error!(%error, "cannot deliver a menu event");
        }
    }
}

//! The builder an app author starts from: commands, state, hooks and limits, checked before
//! anything opens.

use std::fmt;
use std::sync::Arc;

use rampart_core::ipc::Limits;
use wry::http::{Request, Response as HttpResponse};

use crate::app_handle::AppHandle;
use crate::channel::Channels;
use crate::command::{Commands, Handlers};
use crate::context::Context;
use crate::events::Listeners;
use crate::lockdown;
use crate::menu::{Menu, MenuBuild, MenuHook};
use crate::picks::Picks;
use crate::plugin::{PageHook, Plugin};
use crate::plugins;
use crate::protocol::assets::Site;
use crate::refused::{RefusalHook, Refused};
use crate::state::States;
use crate::window_control::WindowHandle;
use crate::window_events::{WindowEvent, WindowHooks};
use crate::windows;

/// Builds and runs an app: its command handlers, then [`Builder::run`] with its [`Context`].
///
/// ```no_run
/// use rampart::{Builder, Commands, Context, Reply};
///
/// let context = Context::from_dir("examples/notes").expect("valid configuration");
/// Builder::new()
///     .command("list_notes", |_call| Reply::json(&["groceries", "ideas"]))
///     .run(context)
///     .expect("the app starts");
/// ```
#[derive(Default)]
pub struct Builder {
    handlers: Handlers,
    plugins: Vec<Plugin>,
    limits: Limits,
    protocols: Vec<(String, Arc<ProtocolHandler>)>,
    states: States,
    pub(crate) setup: Option<Box<SetupHook>>,
    on_refused: Option<RefusalHook>,
    window_hooks: WindowHooks,
    pub(crate) menu: Option<Box<MenuBuild>>,
    menu_hooks: Vec<Arc<MenuHook>>,
    #[cfg(feature = "tray")]
    pub(crate) tray: Option<Box<crate::tray::TrayBuild>>,
    test_certificates: Vec<(String, String)>,
}

/// The set-up hook: runs once the windows exist, before the event loop.
pub(crate) type SetupHook = dyn FnOnce(&AppHandle) -> Result<(), String>;

/// The handler of an app-defined scheme.
pub(crate) type ProtocolHandler = dyn Fn(&Request<Vec<u8>>) -> HttpResponse<Vec<u8>> + Send + Sync;

/// Whether `scheme` may be registered with [`Builder::protocol`].
fn valid_scheme(scheme: &str) -> bool {
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c))
        && ![
            "app",
            "asset",
            "isolation",
            "ipc",
            "http",
            "https",
            "file",
            "data",
            "blob",
            "about",
            "javascript",
        ]
        .contains(&scheme)
}

/// What every door of an app shares: the handlers, the limits, and the runtime commands run on.
pub(crate) struct Shared {
    pub handlers: Arc<Handlers>,
    pub limits: Limits,
    pub runtime: tokio::runtime::Runtime,
    pub protocols: Vec<(String, Arc<ProtocolHandler>)>,
    pub states: Arc<States>,
    pub listeners: Arc<Listeners>,
    pub channels: Arc<Channels>,
    /// Paths picked in dialogs, per webview (the dialog plugin adds them).
    pub picks: Arc<Picks>,
    /// What runs when a webview's page goes away (another page loads, its window closes, the
    /// app exits): its event listeners forgotten, and each plugin's hook.
    pub page_hooks: Vec<Arc<PageHook>>,
    pub on_refused: Option<RefusalHook>,
    /// The app's window hooks (`Builder::on_window_event`).
    pub window_hooks: WindowHooks,
    /// The app's pages, with this launch's nonce.
    pub site: Arc<Site>,
    /// Test-only certificates every webview trusts: (host, PEM), each checked to parse
    /// (`Builder::test_trust_certificate`).
    pub test_certificates: Vec<(String, String)>,
}

/// Why an app could not start.
#[derive(Debug)]
pub enum StartError {
    /// Commands registered here and `[app] commands` in `Rampart.toml` disagree.
    Commands(String),
    /// The window system or the WebView could not be set up.
    Platform(String),
    /// The app's set-up hook ([`Builder::setup`]) failed.
    Setup(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Commands(message) | StartError::Platform(message) => f.write_str(message),
            StartError::Setup(message) => write!(f, "the app's set-up failed: {message}"),
        }
    }
}

impl std::error::Error for StartError {}

/// The app's own commands: each must be listed in `[app] commands` and granted by a
/// capability before any page can call it.
impl Commands for Builder {
    fn handlers(&mut self) -> &mut Handlers {
        &mut self.handlers
    }
}

impl Builder {
    /// A builder with no commands and the default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Manages `state`: every command can read it with [`Invocation::state`]. One value per
    /// type; a later value of the same type replaces the earlier one.
    pub fn manage<T: Send + Sync + 'static>(mut self, state: T) -> Self {
        self.states.insert(state);
        self
    }

    /// Serves an app-defined scheme (`scheme://...`) to every webview, with `handler`.
    ///
    /// Requests to it are not checked by the access control: serve only what any page may
    /// see (static, public content). Anything that touches the system belongs in a command.
    /// A page from this scheme is a foreign origin to the door: it gets no command unless a
    /// capability names its origin. `app` and `ipc` are the runtime's own and refused here, as
    /// are names that are not lowercase URL schemes. The request's body is always empty:
    /// WebKitGTK crashes the app reading some bodies (a page's `Blob`), so none is read.
    pub fn protocol<F>(mut self, scheme: &str, handler: F) -> Self
    where
        F: Fn(&Request<Vec<u8>>) -> HttpResponse<Vec<u8>> + Send + Sync + 'static,
    {
        self.protocols.push((scheme.to_string(), Arc::new(handler)));
        self
    }

    /// Test-only: makes every webview trust the TLS certificate `pem` for `host`, so that an
    /// end-to-end test can serve a remote window's page from a local https server. Debug builds
    /// only; not for apps.
    #[doc(hidden)]
    #[cfg(debug_assertions)]
    pub fn test_trust_certificate(mut self, host: &str, pem: &str) -> Self {
        self.test_certificates
            .push((host.to_string(), pem.to_string()));
        self
    }

    /// Registers a plugin's commands (`plugin:<name>|<command>`). The plugin's manifest must
    /// declare each of them; pages reach them only through the permissions it defines.
    pub fn plugin(mut self, plugin: Plugin) -> Self {
        self.plugins.push(plugin);
        self
    }

    /// Runs `setup` once the windows exist and before the first event is handled, on the GTK
    /// thread: register [`AppHandle::listen`] handlers, start background threads. An `Err`
    /// stops the app before it shows anything: [`Builder::run`] returns it.
    pub fn setup<F>(mut self, setup: F) -> Self
    where
        F: FnOnce(&AppHandle) -> Result<(), String> + 'static,
    {
        self.setup = Some(Box::new(setup));
        self
    }

    /// Calls `hook` for every call the door refuses before anything runs (by a check of the
    /// request or by the access control), every call a command refuses itself (`denied`: its
    /// scope said no), and everything the window guard and the asset scheme refuse: a security
    /// log, a counter, an alert. It runs on the thread that refused (the GTK thread, or a
    /// command's worker); keep it short (emitting an event is fine). Refusals are logged through
    /// `tracing` whether or not there is a hook.
    pub fn on_refused<F>(mut self, hook: F) -> Self
    where
        F: Fn(&AppHandle, &Refused) + Send + Sync + 'static,
    {
        self.on_refused = Some(Arc::new(hook));
        self
    }

    /// Calls `hook` for what happens to the app's windows ([`WindowEvent`]): moved, resized,
    /// focused, asked to close — a hook may refuse with [`CloseRequest::prevent_close`] — and
    /// closed. It runs on the GTK thread as the event happens (a resize by hand reports often):
    /// keep it short, and do not wait there for the window ([`WindowHandle::state`]). Hooks run
    /// in the order they were added.
    ///
    /// ```no_run
    /// # use rampart::{Builder, WindowEvent};
    /// Builder::new().on_window_event(|window, event| {
    ///     if let WindowEvent::CloseRequested(request) = event {
    ///         // Hide rather than close; the app keeps running in the background.
    ///         request.prevent_close();
    ///         window.hide();
    ///     }
    /// });
    /// ```
    ///
    /// [`CloseRequest::prevent_close`]: crate::CloseRequest::prevent_close
    /// [`WindowHandle::state`]: crate::WindowHandle::state
    pub fn on_window_event<F>(mut self, hook: F) -> Self
    where
        F: Fn(&WindowHandle, &WindowEvent) + Send + Sync + 'static,
    {
        self.window_hooks.push(Arc::new(hook));
        self
    }

    /// Gives every window the menu bar `build` makes (with [`crate::menu`]'s types, from muda);
    /// it runs on the GTK thread once the app starts, and an `Err` stops the start.
    ///
    /// ```no_run
    /// use rampart::Builder;
    /// use rampart::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
    /// Builder::new().menu(|| {
    ///     let file = Submenu::with_items(
    ///         "File",
    ///         true,
    ///         &[
    ///             &MenuItem::with_id("new-note", "New note", true, None),
    ///             &PredefinedMenuItem::separator(),
    ///             &MenuItem::with_id("quit", "Quit", true, None),
    ///         ],
    ///     )?;
    ///     Menu::with_items(&[&file])
    /// });
    /// ```
    pub fn menu<F>(mut self, build: F) -> Self
    where
        F: FnOnce() -> Result<Menu, muda::Error> + 'static,
    {
        self.menu = Some(Box::new(build));
        self
    }

    /// Shows the tray icon `build` makes (with [`crate::tray`]'s types, from tray-icon; its menu
    /// a [`crate::menu::Menu`], whose items reach [`Builder::on_menu_event`]). It runs on the
    /// GTK thread once the app starts; an `Err` stops the start. A machine without the
    /// AppIndicator library runs the app without the icon, with a warning
    /// ([`crate::tray::is_supported`] tells beforehand).
    ///
    /// ```no_run
    /// use rampart::Builder;
    /// use rampart::menu::{Menu, MenuItem};
    /// use rampart::tray::{Icon, TrayIconBuilder};
    /// Builder::new().tray(|| {
    ///     let menu = Menu::with_items(&[&MenuItem::with_id("show", "Show notes", true, None)])?;
    ///     let icon = Icon::from_rgba(vec![0x3a; 16 * 16 * 4], 16, 16)?;
    ///     Ok(TrayIconBuilder::new()
    ///         .with_menu(Box::new(menu))
    ///         .with_icon(icon)
    ///         .with_tooltip("Rampart Notes")
    ///         .build()?)
    /// });
    /// ```
    #[cfg(feature = "tray")]
    pub fn tray<F>(mut self, build: F) -> Self
    where
        F: FnOnce() -> Result<crate::tray::TrayIcon, Box<dyn std::error::Error>> + 'static,
    {
        self.tray = Some(Box::new(build));
        self
    }

    /// Calls `hook` with the id of every menu item chosen, from the menu bar or a context
    /// menu, on the GTK thread. The pages hear it too, as the event
    /// [`MENU_EVENT`](crate::menu::MENU_EVENT), where their capabilities grant listening to it.
    pub fn on_menu_event<F>(mut self, hook: F) -> Self
    where
        F: Fn(&AppHandle, &str) + Send + Sync + 'static,
    {
        self.menu_hooks.push(Arc::new(hook));
        self
    }

    /// Replaces the default limits on request bodies, JSON depth and calls in flight.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The checks `run` makes before opening anything, and what the doors share.
    pub(crate) fn prepare(mut self, context: &Context) -> Result<Shared, StartError> {
        for command in &context.commands {
            if self.handlers.contains_key(&command.name) {
                return Err(StartError::Commands(format!(
                    "the command `{}` is registered twice: by generate_context! and on the Builder",
                    command.name
                )));
            }
            self.handlers
                .insert(command.name.clone(), command.handler.clone());
        }
        self.check_commands(context)?;
        if let Some((scheme, _)) = self.protocols.iter().find(|(s, _)| !valid_scheme(s)) {
            return Err(StartError::Commands(format!(
                "`{scheme}` cannot be registered as a scheme: use a lowercase URL scheme other than app, asset, isolation, ipc, http, https, file, data, blob, about and javascript"
            )));
        }
        self.limits.validate().map_err(StartError::Commands)?;
        let mut runtime = tokio::runtime::Builder::new_multi_thread();
        runtime
            .worker_threads(2)
            .thread_name("rampart-worker")
            .enable_time();
        // The http plugin's client does its I/O on this runtime.
        #[cfg(feature = "http")]
        runtime.enable_io();
        let runtime = runtime
            .build()
            .map_err(|e| StartError::Platform(format!("cannot start the command runtime: {e}")))?;
        let listeners = Arc::new(Listeners::default());
        let channels = Arc::new(Channels::default());
        let mut handlers = self.handlers;
        for plugin in plugins::runtime_plugins(&listeners, &channels) {
            let commands = plugin
                .runtime(context.authority())
                .map_err(StartError::Commands)?;
            handlers.extend(commands);
        }
        let forget = listeners.clone();
        let mut page_hooks: Vec<Arc<PageHook>> = vec![Arc::new(move |label| forget.clear(label))];
        let mut names = Vec::new();
        for mut plugin in self.plugins {
            if names.contains(&plugin.name().to_string()) {
                return Err(StartError::Commands(format!(
                    "plugin `{}` is registered twice",
                    plugin.name()
                )));
            }
            names.push(plugin.name().to_string());
            page_hooks.extend(plugin.take_page_hooks());
            let commands = plugin
                .checked(context.authority())
                .map_err(StartError::Commands)?;
            handlers.extend(commands);
        }
        for (host, pem) in &self.test_certificates {
            webkit2gtk::gio::TlsCertificate::from_pem(pem).map_err(|e| {
                StartError::Platform(format!("the test certificate for {host}: {e}"))
            })?;
        }
        Ok(Shared {
            test_certificates: self.test_certificates,
            site: Arc::new(Site::new(context).map_err(StartError::Platform)?),
            listeners,
            channels,
            picks: Arc::default(),
            page_hooks,
            on_refused: self.on_refused,
            window_hooks: self.window_hooks,
            states: Arc::new(self.states),
            protocols: self.protocols,
            handlers: Arc::new(handlers),
            limits: self.limits,
            runtime,
        })
    }

    /// Opens the app's windows and runs until the last one closes (or [`AppHandle::exit`]).
    /// Returns only on a start-up error; otherwise the process ends with the event loop.
    ///
    /// First it locks the WebView down (see SECURITY.md): the web process's sandbox on (unless
    /// `[security] sandbox = false`), and in release builds the environment's inspector and
    /// engine switches removed. That changes the process environment, so call `run` from `main`
    /// before starting threads of your own.
    pub fn run(mut self, context: Context) -> Result<(), StartError> {
        if !context.info.sandbox {
            tracing::warn!(
                "the WebKit web process runs without its sandbox ([security] sandbox = false)"
            );
        }
        lockdown::apply(context.info.sandbox).map_err(StartError::Platform)?;
        let setup = self.setup.take();
        let menu = self.menu.take();
        let menu_hooks = std::mem::take(&mut self.menu_hooks);
        #[cfg(feature = "tray")]
        let tray = self.tray.take();
        let shared = self.prepare(&context)?;
        let extras = windows::Extras {
            setup,
            menu,
            menu_hooks,
            #[cfg(feature = "tray")]
            tray,
        };
        windows::run(context, shared, extras)
    }

    /// Every registered command is listed in `[app] commands`, and every listed one has a
    /// handler: a mismatch is a mistake that must not reach users.
    fn check_commands(&self, context: &Context) -> Result<(), StartError> {
        let listed = &context.info.commands;
        let unlisted: Vec<&str> = self
            .handlers
            .keys()
            .filter(|name| !listed.contains(name))
            .map(String::as_str)
            .collect();
        let unhandled: Vec<&str> = listed
            .iter()
            .filter(|name| !self.handlers.contains_key(*name))
            .map(String::as_str)
            .collect();
        let mut problems = Vec::new();
        if !unlisted.is_empty() {
            problems.push(format!(
                "these commands have handlers but are not in `[app] commands` of Rampart.toml: {}",
                unlisted.join(", ")
            ));
        }
        if !unhandled.is_empty() {
            problems.push(format!(
                "these commands are in `[app] commands` of Rampart.toml but have no handler: {}",
                unhandled.join(", ")
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StartError::Commands(problems.join("; ")))
        }
    }
}

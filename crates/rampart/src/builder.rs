//! The builder an app author starts from, and the event loop it runs.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use rampart_core::ipc::{IpcError, Limits};
use tao::dpi::LogicalSize;
use tao::event::{Event, WindowEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::unix::WindowExtUnix;
use tao::window::{Window, WindowBuilder, WindowId};
use wry::http::{Request, Response as HttpResponse};
use wry::{PageLoadEvent, WebView, WebViewBuilder, WebViewBuilderExtUnix};

use crate::app_handle::{AppHandle, Capture, UserEvent};
use crate::channel::{self, Channels};
use crate::command::{
    AsyncHandler, CommandFuture, Handler, Handlers, Invocation, Registered, Registration, Response,
};
use crate::context::Context;
use crate::events::{self, Listeners};
use crate::protocol::{assets, door::Door};
use crate::refused::{RefusalHook, Refused};
use crate::screenshot;
use crate::state::States;

/// The script injected into every page before its own scripts: the frozen `window.__RAMPART__`.
/// Built from the TypeScript in `js/src` by `npm run build` and checked in (`scripts/js.sh` fails
/// when it is stale), so building the crate needs no Node.
const INJECTED_SCRIPT: &str = include_str!("../../../js/dist/inject.js");

/// The script injected into every frame: stops app pages framed by a foreign origin.
const FRAME_GUARD: &str = include_str!("../../../js/frame-guard.js");

/// Builds and runs an app: its command handlers, then [`Builder::run`] with its [`Context`].
///
/// ```no_run
/// use rampart::{Builder, Context, Response};
///
/// let context = Context::from_dir("examples/notes").expect("valid configuration");
/// Builder::new()
///     .command("list_notes", |_call| Response::json(&["groceries", "ideas"]))
///     .run(context)
///     .expect("the app starts");
/// ```
#[derive(Default)]
pub struct Builder {
    handlers: Handlers,
    limits: Limits,
    protocols: Vec<(String, Arc<ProtocolHandler>)>,
    states: States,
    pub(crate) setup: Option<Box<SetupHook>>,
    on_refused: Option<RefusalHook>,
}

/// The set-up hook: runs once the windows exist, before the event loop.
pub(crate) type SetupHook = dyn FnOnce(&AppHandle) -> Result<(), String>;

/// The handler of an app-defined scheme.
type ProtocolHandler = dyn Fn(&Request<Vec<u8>>) -> HttpResponse<Vec<u8>> + Send + Sync;

/// Where a window's `page` is loaded from: the app's own scheme, or in debug builds the
/// development server of `[dev] url`.
fn page_url(context: &Context, page: &str) -> String {
    let base = crate::protocol::door::dev_origin(context);
    format!("{}/{page}", base.as_deref().unwrap_or("app://localhost"))
}

/// Whether `scheme` may be registered with [`Builder::protocol`].
fn valid_scheme(scheme: &str) -> bool {
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c))
        && ![
            "app",
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
    pub on_refused: Option<RefusalHook>,
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

impl Builder {
    /// A builder with no commands and the default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers commands made with `#[rampart::command]`: `.commands(commands![greet, save])`.
    pub fn commands(mut self, commands: impl IntoIterator<Item = Registration>) -> Self {
        for command in commands {
            self.handlers
                .insert(command.name.to_string(), command.handler);
        }
        self
    }

    /// Registers the handler of the app command `name`, as a closure over its [`Invocation`].
    /// (Most commands read better as functions with `#[rampart::command]`.) It must be listed
    /// in `[app] commands` and granted by a capability before any page can call it.
    pub fn command<F>(mut self, name: &str, handler: F) -> Self
    where
        F: Fn(Invocation) -> Result<Response, IpcError> + Send + Sync + 'static,
    {
        let handler = Arc::new(handler) as Arc<Handler>;
        self.handlers
            .insert(name.to_string(), Registered::Blocking(handler));
        self
    }

    /// Registers an async handler for the app command `name`: it runs as a task on the app's
    /// tokio runtime, off the GTK thread, and a slow one never holds up other calls.
    pub fn async_command<F, Fut>(mut self, name: &str, handler: F) -> Self
    where
        F: Fn(Invocation) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response, IpcError>> + Send + 'static,
    {
        let boxed = move |call: Invocation| -> CommandFuture { Box::pin(handler(call)) };
        let handler = Arc::new(boxed) as Arc<AsyncHandler>;
        self.handlers
            .insert(name.to_string(), Registered::Async(handler));
        self
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
    /// are names that are not lowercase URL schemes.
    pub fn protocol<F>(mut self, scheme: &str, handler: F) -> Self
    where
        F: Fn(&Request<Vec<u8>>) -> HttpResponse<Vec<u8>> + Send + Sync + 'static,
    {
        self.protocols.push((scheme.to_string(), Arc::new(handler)));
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

    /// Calls `hook` for every call the door refuses before anything runs, by a check of the
    /// request or by the access control: a security log, a counter, an alert. It runs on the
    /// GTK thread; keep it short (emitting an event is fine). Refusals are logged through
    /// `tracing` whether or not there is a hook.
    pub fn on_refused<F>(mut self, hook: F) -> Self
    where
        F: Fn(&AppHandle, &Refused) + Send + Sync + 'static,
    {
        self.on_refused = Some(Arc::new(hook));
        self
    }

    /// Replaces the default limits on request bodies, JSON depth and calls in flight.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The checks `run` makes before opening anything, and what the doors share.
    pub(crate) fn prepare(self, context: &Context) -> Result<Shared, StartError> {
        self.check_commands(context)?;
        if let Some((scheme, _)) = self.protocols.iter().find(|(s, _)| !valid_scheme(s)) {
            return Err(StartError::Commands(format!(
                "`{scheme}` cannot be registered as a scheme: use a lowercase URL scheme other than app, ipc, http, https, file, data, blob, about and javascript"
            )));
        }
        self.limits.validate().map_err(StartError::Commands)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("rampart-worker")
            .enable_time()
            .build()
            .map_err(|e| StartError::Platform(format!("cannot start the command runtime: {e}")))?;
        let listeners = Arc::new(Listeners::default());
        let channels = Arc::new(Channels::default());
        let mut handlers = self.handlers;
        let plugins = events::plugin_commands(&listeners)
            .into_iter()
            .chain(channel::plugin_commands(&channels));
        for command in plugins {
            let (name, handler) = command.into_parts();
            handlers.insert(name.to_string(), handler);
        }
        Ok(Shared {
            listeners,
            channels,
            on_refused: self.on_refused,
            states: Arc::new(self.states),
            protocols: self.protocols,
            handlers: Arc::new(handlers),
            limits: self.limits,
            runtime,
        })
    }

    /// Opens the app's windows and runs until the last one closes (or [`AppHandle::exit`]).
    /// Returns only on a start-up error; otherwise the process ends with the event loop.
    pub fn run(mut self, context: Context) -> Result<(), StartError> {
        let setup = self.setup.take();
        let shared = self.prepare(&context)?;
        let event_loop = EventLoopBuilder::<UserEvent>::with_user_event().build();
        let proxy = event_loop.create_proxy();
        let app = AppHandle::new(move |event| {
            if proxy.send_event(event).is_err() {
                tracing::debug!("the event loop has ended; an event was dropped");
            }
        });
        let mut windows: BTreeMap<WindowId, (String, Window, WebView)> = BTreeMap::new();
        for spec in &context.info.windows {
            let window = WindowBuilder::new()
                .with_title(&spec.title)
                .with_inner_size(LogicalSize::new(spec.width, spec.height))
                .build(&event_loop)
                .map_err(|e| {
                    StartError::Platform(format!("cannot open window `{}`: {e}", spec.label))
                })?;
            let door = Door::new(&context, &shared, &app, &spec.label);
            let assets_root = context.assets.clone();
            let container = window
                .default_vbox()
                .ok_or_else(|| StartError::Platform("the window has no GTK container".into()))?;
            let mut builder = WebViewBuilder::new().with_id(&spec.label);
            for (scheme, handler) in &shared.protocols {
                let handler = handler.clone();
                builder = builder.with_asynchronous_custom_protocol(
                    scheme.clone(),
                    move |_, request, responder| {
                        responder.respond(handler(&request).map(Cow::Owned));
                    },
                );
            }
            let listeners = shared.listeners.clone();
            let label = spec.label.clone();
            let webview = builder
                .with_on_page_load_handler(move |event, _| {
                    if matches!(event, PageLoadEvent::Started) {
                        listeners.clear(&label);
                    }
                })
                .with_initialization_script(INJECTED_SCRIPT)
                .with_initialization_script_for_main_only(FRAME_GUARD, false)
                .with_asynchronous_custom_protocol("app".into(), move |_, request, responder| {
                    responder.respond(assets::serve(&assets_root, &request));
                })
                .with_asynchronous_custom_protocol("ipc".into(), move |_, request, responder| {
                    door.handle(request, move |response| responder.respond(response));
                })
                .with_url(page_url(&context, &spec.page))
                .build_gtk(container)
                .map_err(|e| {
                    StartError::Platform(format!(
                        "cannot create the webview of `{}`: {e}",
                        spec.label
                    ))
                })?;
            windows.insert(window.id(), (spec.label.clone(), window, webview));
        }
        if windows.is_empty() {
            return Err(StartError::Commands(
                "Rampart.toml declares no window: add `[[window]]` with `label = \"main\"`".into(),
            ));
        }
        if let Some(setup) = setup {
            setup(&app).map_err(|e| StartError::Setup(e.to_string()))?;
        }
        event_loop.run(move |event, _, control_flow| {
            // The command runtime lives as long as the event loop.
            let _ = &shared.runtime;
            *control_flow = ControlFlow::Wait;
            match event {
                Event::WindowEvent {
                    event: WindowEvent::CloseRequested,
                    window_id,
                    ..
                } => {
                    windows.remove(&window_id);
                    if windows.is_empty() {
                        *control_flow = ControlFlow::Exit;
                    }
                }
                Event::UserEvent(UserEvent::Emit(emitted)) => {
                    let recipients = shared
                        .listeners
                        .recipients(emitted.target.as_deref(), &emitted.event);
                    let script = events::dispatch_script(&emitted);
                    for (label, _, webview) in windows.values() {
                        if recipients.contains(label)
                            && let Err(error) = webview.evaluate_script(&script)
                        {
                            tracing::error!(%label, %error, "cannot deliver an event");
                        }
                    }
                }
                Event::UserEvent(UserEvent::Capture(Capture { label, path, done })) => {
                    let window = windows.values().find(|(l, _, _)| *l == label);
                    let outcome = match window {
                        Some((_, window, _)) => screenshot::save_png(window, &path),
                        None => Err(format!("there is no window `{label}`")),
                    };
                    // The caller may have stopped waiting.
                    let _ = done.send(outcome);
                }
                Event::UserEvent(UserEvent::Exit(code)) => {
                    windows.clear();
                    *control_flow = ControlFlow::ExitWithCode(code);
                }
                _ => {}
            }
        })
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

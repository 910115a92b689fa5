//! The app's windows, each with one webview, and the event loop that drives them on the GTK
//! thread: opening windows (at start-up, or later with [`AppHandle::open_window`]), delivering
//! events, captures, and exit.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rampart_core::app::{WindowPage, WindowSpec};
use rampart_core::ipc::APP_ORIGIN;
use rampart_core::scope::app_state_dir;
use tao::dpi::{LogicalPosition, LogicalSize};
use tao::event::{Event, WindowEvent as TaoEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder, EventLoopWindowTarget};
use tao::platform::unix::WindowExtUnix;
use tao::window::{Window, WindowBuilder, WindowId};
use webkit2gtk::{SettingsExt, WebContextExt, WebViewExt};
use wry::{
    PageLoadEvent, WebContext, WebView, WebViewBuilder, WebViewBuilderExtUnix, WebViewExtUnix,
};

use crate::app_handle::{AppHandle, Capture, UserEvent};
use crate::builder::{SetupHook, Shared, StartError};
use crate::context::Context;
use crate::events;
use crate::gate::{self, Gate};
use crate::guard::Guard;
use crate::isolation::Isolation;
use crate::menu::{MenuBuild, MenuHook, Menus};
use crate::protocol::isolation_scheme::IsolationScheme;
use crate::protocol::{asset_scheme::AssetScheme, ipc::IpcDoor, message::MessageDoor};
use crate::screenshot;
use crate::scripts;
use crate::window_control::{WindowHandle, WindowOp, WindowState};
use crate::window_events::WindowEvent;
use crate::window_memory::WindowMemory;

/// An open window and its webview.
struct Open {
    label: String,
    window: Window,
    webview: WebView,
}

/// What the app gives the event loop besides its context: the set-up hook, the menu bar and
/// its hooks, the tray icon.
pub(crate) struct Extras {
    pub setup: Option<Box<SetupHook>>,
    pub menu: Option<Box<MenuBuild>>,
    pub menu_hooks: Vec<Arc<MenuHook>>,
    #[cfg(feature = "tray")]
    pub tray: Option<Box<crate::tray::TrayBuild>>,
}

/// Opens the windows that open at start-up, runs the set-up hook, then the event loop until
/// the last window closes or the app exits.
pub(crate) fn run(context: Context, shared: Shared, extras: Extras) -> Result<(), StartError> {
    let Extras {
        setup,
        menu,
        menu_hooks,
        #[cfg(feature = "tray")]
        tray,
    } = extras;
    let event_loop = EventLoopBuilder::<UserEvent>::with_user_event().build();
    let proxy = event_loop.create_proxy();
    let app = AppHandle::new(move |event| {
        if proxy.send_event(event).is_err() {
            tracing::debug!("the event loop has ended; an event was dropped");
        }
    })
    .for_app(&context)
    .with_picks(shared.picks.clone());
    let mut menus = Menus::start(menu, menu_hooks, &app).map_err(StartError::Setup)?;
    // The icon lives as long as the event loop.
    #[cfg(feature = "tray")]
    let tray = tray
        .map(crate::tray::start)
        .transpose()
        .map_err(StartError::Setup)?
        .flatten();
    let mut memory = WindowMemory::load(&context.info.windows, context.authority().dirs());
    let mut windows: BTreeMap<WindowId, Open> = BTreeMap::new();
    for spec in context.info.windows.iter().filter(|w| w.open_at_start) {
        let open = open(spec, &event_loop, &context, &shared, &app, &menus, &memory)?;
        windows.insert(open.window.id(), open);
    }
    if windows.is_empty() {
        return Err(StartError::Commands(
            "Rampart.toml declares no window that opens at start-up: add `[[window]]` with `label = \"main\"`".into(),
        ));
    }
    if let Some(setup) = setup {
        setup(&app).map_err(StartError::Setup)?;
    }
    event_loop.run(move |event, target, control_flow| {
        // The command runtime (and the tray icon) live as long as the event loop.
        let _ = &shared.runtime;
        #[cfg(feature = "tray")]
        let _ = &tray;
        *control_flow = ControlFlow::Wait;
        match event {
            Event::WindowEvent {
                event, window_id, ..
            } => {
                let Some(open) = windows.get(&window_id) else {
                    return;
                };
                let scale = open.window.scale_factor();
                let happened = match event {
                    TaoEvent::CloseRequested => None,
                    TaoEvent::Moved(at) => {
                        let at = at.to_logical::<f64>(scale);
                        Some(WindowEvent::Moved { x: at.x, y: at.y })
                    }
                    TaoEvent::Resized(size) => {
                        let size = size.to_logical::<f64>(scale);
                        let (width, height) = (size.width, size.height);
                        Some(WindowEvent::Resized { width, height })
                    }
                    TaoEvent::Focused(focused) => Some(WindowEvent::Focused(focused)),
                    // Pointer, keyboard and the like: nothing for the hooks.
                    _ => return,
                };
                let handle = WindowHandle::new(app.clone(), open.label.clone());
                let hooks = &shared.window_hooks;
                match happened {
                    Some(happened) => hooks.notify(&handle, &happened),
                    None if hooks.may_close(&handle) => {
                        close(
                            &mut windows,
                            window_id,
                            &shared,
                            &handle,
                            &mut memory,
                            control_flow,
                        );
                    }
                    None => {}
                }
            }
            Event::UserEvent(UserEvent::Emit(emitted)) => {
                let recipients = shared
                    .listeners
                    .recipients(emitted.target.as_deref(), &emitted.event);
                let script = events::dispatch_script(&emitted);
                for open in windows.values() {
                    if recipients.contains(&open.label)
                        && let Err(error) = open.webview.evaluate_script(&script)
                    {
                        tracing::error!(label = %open.label, %error, "cannot deliver an event");
                    }
                }
            }
            Event::UserEvent(UserEvent::OpenWindow(spec)) => {
                if let Some(open) = windows.values().find(|o| o.label == spec.label) {
                    open.window.set_focus();
                    return;
                }
                match open(&spec, target, &context, &shared, &app, &menus, &memory) {
                    Ok(open) => {
                        windows.insert(open.window.id(), open);
                    }
                    Err(error) => {
                        tracing::error!(label = %spec.label, %error, "cannot open a window")
                    }
                }
            }
            Event::UserEvent(UserEvent::Window(label, op)) => {
                let found = windows
                    .iter()
                    .find(|(_, o)| o.label == label)
                    .map(|(id, _)| *id);
                let handle = WindowHandle::new(app.clone(), label.clone());
                match (found, op) {
                    (Some(id), op @ (WindowOp::Close | WindowOp::Destroy)) => {
                        // `close` asks the hooks; `destroy` does not.
                        let asks = matches!(op, WindowOp::Close);
                        if !asks || shared.window_hooks.may_close(&handle) {
                            close(
                                &mut windows,
                                id,
                                &shared,
                                &handle,
                                &mut memory,
                                control_flow,
                            );
                        }
                    }
                    (Some(id), WindowOp::PopupMenu(build)) => {
                        if let Some(open) = windows.get(&id) {
                            menus.popup(&open.window, build);
                        }
                    }
                    (Some(id), op) => {
                        if let Some(open) = windows.get(&id) {
                            apply(&open.window, op);
                        }
                    }
                    (None, WindowOp::State(reply)) => {
                        let _ = reply.send(Err(format!("the window `{label}` is not open")));
                    }
                    (None, _) => {}
                }
            }
            Event::UserEvent(UserEvent::Menu(id)) => menus.chosen(&app, &id),
            Event::UserEvent(UserEvent::Capture(Capture { label, path, done })) => {
                let outcome = match windows.values().find(|o| o.label == label) {
                    Some(open) => screenshot::save_png(&open.window, &path),
                    None => Err(format!("there is no open window `{label}`")),
                };
                // The caller may have stopped waiting.
                let _ = done.send(outcome);
            }
            #[cfg(any(feature = "dialog", feature = "clipboard"))]
            Event::UserEvent(UserEvent::OnMain(task)) => (task.0)(),
            Event::UserEvent(UserEvent::Exit(code)) => {
                for open in windows.values() {
                    memory.remember(&open.label, &state_of(&open.window));
                    page_gone(&shared, &open.label);
                    let handle = WindowHandle::new(app.clone(), open.label.clone());
                    shared.window_hooks.notify(&handle, &WindowEvent::Destroyed);
                }
                memory.save();
                windows.clear();
                *control_flow = ControlFlow::ExitWithCode(code);
            }
            _ => {}
        }
    })
}

/// Closes the window `id`: its state remembered (if it asks), its page gone, the hooks told,
/// and the app ended with its last window.
fn close(
    windows: &mut BTreeMap<WindowId, Open>,
    id: WindowId,
    shared: &Shared,
    handle: &WindowHandle,
    memory: &mut WindowMemory,
    control_flow: &mut ControlFlow,
) {
    if let Some(closed) = windows.remove(&id) {
        memory.remember(&closed.label, &state_of(&closed.window));
        memory.save();
        page_gone(shared, &closed.label);
        shared.window_hooks.notify(handle, &WindowEvent::Destroyed);
    }
    if windows.is_empty() {
        *control_flow = ControlFlow::Exit;
    }
}

/// Applies `op` to `window`.
fn apply(window: &Window, op: WindowOp) {
    let size = |(width, height): (f64, f64)| LogicalSize::new(width, height);
    match op {
        WindowOp::Title(title) => window.set_title(&title),
        WindowOp::Size(width, height) => window.set_inner_size(LogicalSize::new(width, height)),
        WindowOp::MinSize(min) => window.set_min_inner_size(min.map(size)),
        WindowOp::MaxSize(max) => window.set_max_inner_size(max.map(size)),
        WindowOp::Position(x, y) => window.set_outer_position(LogicalPosition::new(x, y)),
        WindowOp::Resizable(resizable) => window.set_resizable(resizable),
        WindowOp::Fullscreen(on) => {
            window.set_fullscreen(on.then_some(tao::window::Fullscreen::Borderless(None)));
        }
        WindowOp::Maximized(on) => window.set_maximized(on),
        WindowOp::Minimize => window.set_minimized(true),
        WindowOp::Visible(visible) => window.set_visible(visible),
        WindowOp::Focus => window.set_focus(),
        // Closing removes the window from the loop's table (see `run`).
        WindowOp::Close | WindowOp::Destroy => {}
        // Context menus live in the loop's `Menus` (see `run`).
        WindowOp::PopupMenu(_) => {}
        WindowOp::State(reply) => {
            let _ = reply.send(Ok(state_of(window)));
        }
    }
}

/// What `window` looks like now, in logical pixels (its position `0, 0` where the window
/// system does not say).
pub(crate) fn state_of(window: &Window) -> WindowState {
    let scale = window.scale_factor();
    let inner = window.inner_size().to_logical::<f64>(scale);
    let position = window
        .outer_position()
        .map(|p| p.to_logical::<f64>(scale))
        .unwrap_or(LogicalPosition::new(0.0, 0.0));
    WindowState {
        title: window.title(),
        width: inner.width,
        height: inner.height,
        x: position.x,
        y: position.y,
        maximized: window.is_maximized(),
        fullscreen: window.fullscreen().is_some(),
        visible: window.is_visible(),
        resizable: window.is_resizable(),
    }
}

/// Runs every page-unload hook for the webview `label`, whose page is going away.
fn page_gone(shared: &Shared, label: &str) {
    for hook in &shared.page_hooks {
        hook(label);
    }
}

/// Opens the window `spec` and its webview, with the app's schemes and injected scripts.
fn open(
    spec: &WindowSpec,
    target: &EventLoopWindowTarget<UserEvent>,
    context: &Context,
    shared: &Shared,
    app: &AppHandle,
    menus: &Menus,
    memory: &WindowMemory,
) -> Result<Open, StartError> {
    let label = &spec.label;
    let platform = |what: &str, error: &dyn std::fmt::Display| {
        StartError::Platform(format!("cannot create the {what} of `{label}`: {error}"))
    };
    let builder = WindowBuilder::new()
        .with_title(&spec.title)
        .with_inner_size(LogicalSize::new(spec.width, spec.height));
    let window = memory
        .restore(spec, target, builder)
        .build(target)
        .map_err(|e| platform("window", &e))?;
    let dev_origin = gate::dev_origin(context);
    let (isolation, frame_script) = match &context.info.isolation {
        Some(settings) if settings.applies_to(label, &spec.page) => {
            let (isolation, frame_script) = Isolation::generate(label, dev_origin.as_deref())
                .map_err(|e| platform("isolation key", &e))?;
            (Some(Arc::new(isolation)), Some(frame_script))
        }
        _ => (None, None),
    };
    let mut gate = Gate::new(context, shared, app, label);
    if let Some(isolation) = &isolation {
        gate = gate.with_isolation(isolation.clone());
    }
    let gate = Arc::new(gate);
    let door = IpcDoor::new(gate.clone()).map_err(|e| platform("IPC door", &e))?;
    let site = shared.site.clone();
    let assets = AssetScheme::new(context, spec, app, shared.on_refused.clone());
    let isolation_files = context.isolation.clone().map(IsolationScheme::new);
    let container = window
        .default_vbox()
        .ok_or_else(|| platform("GTK container", &"the window has none"))?;
    menus
        .attach(&window, container)
        .map_err(|e| platform("menu bar", &e))?;
    let guard = Guard::new(
        label,
        gate.clone(),
        spec.guard.clone(),
        // A remote window may go only where its configuration lists (its own origin included):
        // not even to the app's pages, which a remote page could otherwise open in it.
        match &spec.page {
            WindowPage::Local(_) => own_origins(context),
            WindowPage::Remote(_) => Vec::new(),
        },
        context.policy().clone(),
        app.clone(),
        shared.on_refused.clone(),
    );
    // The engine's site data (storage, cookies, cache) of this app, in `<state dir>/webview`:
    // every app's pages have the origin `app://localhost`, so WebKit's default (a folder named
    // after the program) would share it between apps of the same name; and no base directory a
    // scope can name holds it, so the fs plugin never reaches the cookies and cached responses
    // of the origins the app's windows visited. WebKit's default without a state directory.
    let site_data = app_state_dir(&context.info.identifier, |var| std::env::var_os(var))
        .map(|state| state.join("webview"));
    let mut web_context = WebContext::new(site_data);
    let mut builder =
        guard.on_builder(WebViewBuilder::new_with_web_context(&mut web_context).with_id(label));
    for (scheme, handler) in &shared.protocols {
        let handler = handler.clone();
        builder = builder.with_asynchronous_custom_protocol(
            scheme.clone(),
            move |_, request, responder| {
                responder.respond(handler(&request).map(Cow::Owned));
            },
        );
    }
    if let Some(files) = isolation_files {
        builder = builder
            .with_asynchronous_custom_protocol("isolation".into(), move |_, request, responder| {
                responder.respond(files.serve(&request))
            });
    }
    let page_hooks = shared.page_hooks.clone();
    let page_label = label.clone();
    let webview = builder
        .with_on_page_load_handler(move |event, _| {
            if matches!(event, PageLoadEvent::Started) {
                for hook in &page_hooks {
                    hook(&page_label);
                }
            }
        })
        .with_asynchronous_custom_protocol("app".into(), move |_, request, responder| {
            responder.respond(site.serve(&request));
        })
        .with_asynchronous_custom_protocol("asset".into(), move |_, request, responder| {
            responder.respond(assets.serve(&request));
        })
        .build_gtk(container)
        .map_err(|e| platform("webview", &e))?;
    guard.on_webview(&webview);
    if let Some(web_context) = webview.webview().context() {
        for (host, pem) in &shared.test_certificates {
            if let Ok(certificate) = webkit2gtk::gio::TlsCertificate::from_pem(pem) {
                web_context.allow_tls_certificate_for_host(&certificate, host);
            }
        }
    }
    // Devtools (the inspector, "Inspect Element") exist in debug builds only.
    if let Some(settings) = WebViewExt::settings(&webview.webview()) {
        settings.set_enable_developer_extras(cfg!(debug_assertions));
        // Debug builds print the pages' console to stdout with RAMPART_CONSOLE set.
        settings.set_enable_write_console_messages_to_stdout(
            cfg!(debug_assertions) && std::env::var_os("RAMPART_CONSOLE").is_some(),
        );
    }
    // The scripts, then the two doors, before the page loads.
    scripts::install(
        &webview,
        door.token(),
        frame_script.as_deref(),
        dev_origin.as_deref(),
    )
    .map_err(|e| platform("scripts", &e))?;
    door.serve(&webview).map_err(|e| platform("IPC door", &e))?;
    MessageDoor::new(gate)
        .serve(&webview)
        .map_err(|e| platform("message door", &e))?;
    webview
        .load_url(&page_url(context, &spec.page))
        .map_err(|e| platform("page", &e))?;
    Ok(Open {
        label: label.clone(),
        window,
        webview,
    })
}

/// The app's own origins: its scheme's, and in a debug build its dev server's.
fn own_origins(context: &Context) -> Vec<String> {
    let mut own = vec![APP_ORIGIN.to_string()];
    own.extend(gate::dev_origin(context));
    own
}

/// Where a window's `page` is loaded from: the app's own scheme, or in debug builds the
/// development server of `[dev] url`.
fn page_url(context: &Context, page: &WindowPage) -> String {
    match page {
        WindowPage::Local(path) => {
            let base = gate::dev_origin(context);
            format!("{}/{path}", base.as_deref().unwrap_or(APP_ORIGIN))
        }
        WindowPage::Remote(url) => url.to_string(),
    }
}

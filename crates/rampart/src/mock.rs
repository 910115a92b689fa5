//! A mock runtime: the real `ipc://` door, gate, Authority and command handlers, without a
//! WebView.
//!
//! It sends requests shaped as the engine sends them (method, `Origin` header, Content-Type,
//! the API's token or not, body) to the door of a webview, and returns what the page would
//! receive. Use it for fast tests of commands and
//! access control together; the end-to-end suite (`tests/e2e`) covers what only the engine can
//! show (which `Origin` a frame really gets).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rampart_core::app::WindowSpec;
use rampart_core::ipc::{APP_ORIGIN, RequestParts};
use wry::http::header::CONTENT_TYPE;

use crate::app_handle::{AppHandle, UserEvent};
use crate::builder::{Builder, StartError};
use crate::context::Context;
use crate::gate::{Body, BodyError, Gate};
use crate::isolation::Isolation;
use crate::protocol::asset_scheme::AssetScheme;
use crate::protocol::ipc::IpcDoor;
use crate::window_control::WindowOp;

/// How long a mock call may take before it counts as hung.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// An app whose webviews exist only as doors.
pub struct MockApp {
    doors: BTreeMap<String, IpcDoor>,
    /// The sealing keys of the webviews that run with the isolation pattern.
    isolations: BTreeMap<String, Arc<Isolation>>,
    asset_schemes: BTreeMap<String, AssetScheme>,
    exits: Arc<Mutex<Vec<i32>>>,
    opened: Arc<Mutex<Vec<String>>>,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
    window_changes: Arc<Mutex<Vec<(String, String)>>>,
    app: AppHandle,
    /// Keeps the command runtime alive; runs the page-unload hooks.
    shared: crate::builder::Shared,
    /// The app, for the windows opened later.
    context: Context,
}

/// An event delivered to a webview: its label, the event, the payload.
pub type Delivery = (String, String, serde_json::Value);

/// What the page would receive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockResponse {
    /// The HTTP status: 200, or the error code's status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The `Access-Control-Allow-Origin` header, if any (without it, a page cannot read the
    /// response).
    pub allow_origin: Option<String>,
    /// The body.
    pub body: Vec<u8>,
    /// Whether the door read the request's body: only for a granted call that carries the
    /// webview's API token.
    pub body_read: bool,
}

impl MockResponse {
    /// The body as JSON (`null` if it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The error code, for an error response.
    pub fn error_code(&self) -> Option<String> {
        (self.status != 200)
            .then(|| self.json()["code"].as_str().map(str::to_string))
            .flatten()
    }
}

/// What the asset scheme answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockAsset {
    /// The HTTP status: 200, 206 for a range, or an error's.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The `Content-Range` header of a ranged answer.
    pub content_range: Option<String>,
    /// The `Content-Security-Policy` header.
    pub policy: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// One request as the engine would deliver it.
#[derive(Clone, Debug)]
pub struct MockRequest<'a> {
    /// The HTTP method (`POST` for every real call).
    pub method: &'a str,
    /// The `Origin` header the engine attached, if any.
    pub origin: Option<&'a str>,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
    /// The command, as it appears in the URL path (percent-encoded if need be).
    pub command: &'a str,
    /// Whether the request carries the webview's API token, as every request of
    /// `window.__RAMPART__.invoke` does (a page's own `fetch` cannot).
    pub api_token: bool,
    /// The body.
    pub body: Vec<u8>,
}

impl<'a> MockRequest<'a> {
    /// A JSON call from the app's own page, as `invoke` makes it.
    pub fn invoke(command: &'a str, args: serde_json::Value) -> Self {
        Self {
            method: "POST",
            origin: Some(APP_ORIGIN),
            content_type: Some("application/json"),
            command,
            api_token: true,
            body: args.to_string().into_bytes(),
        }
    }
}

impl MockApp {
    /// Makes the same start-up checks as [`Builder::run`] and one door per `[[window]]` (a
    /// template's windows get theirs from [`MockApp::open_window`]).
    /// Runs the builder's set-up hook, if any, as `run` does once the windows exist.
    pub fn new(mut builder: Builder, context: Context) -> Result<MockApp, StartError> {
        let setup = builder.setup.take();
        let shared = builder.prepare(&context)?;
        let exits = Arc::new(Mutex::new(Vec::new()));
        let deliveries = Arc::new(Mutex::new(Vec::new()));
        let opened = Arc::new(Mutex::new(Vec::new()));
        let (recorded_exits, recorded_deliveries) = (exits.clone(), deliveries.clone());
        let recorded_opened = opened.clone();
        let window_changes = Arc::new(Mutex::new(Vec::new()));
        let recorded_changes = window_changes.clone();
        let listeners = shared.listeners.clone();
        let app = AppHandle::new(move |event| match event {
            UserEvent::Exit(code) => {
                if let Ok(mut exits) = recorded_exits.lock() {
                    exits.push(code);
                }
            }
            UserEvent::Emit(emitted) => {
                let recipients = listeners.recipients(emitted.target.as_deref(), &emitted.event);
                if let Ok(mut deliveries) = recorded_deliveries.lock() {
                    for label in recipients {
                        deliveries.push((label, emitted.event.clone(), emitted.payload.clone()));
                    }
                }
            }
            UserEvent::OpenWindow(spec) => {
                if let Ok(mut opened) = recorded_opened.lock() {
                    opened.push(spec.label);
                }
            }
            UserEvent::Window(label, WindowOp::State(reply)) => {
                let _ = reply.send(Err(format!("the mock app has no window `{label}` to ask")));
            }
            UserEvent::Window(label, op) => {
                if let Ok(mut changes) = recorded_changes.lock() {
                    changes.push((label, format!("{op:?}")));
                }
            }
            // The mock has no GTK thread: the work runs where it was sent from.
            #[cfg(any(feature = "dialog", feature = "clipboard"))]
            UserEvent::OnMain(task) => (task.0)(),
            // The mock has no menus to choose from.
            UserEvent::Menu(_) => {}
            UserEvent::Capture(capture) => {
                let _ = capture
                    .done
                    .send(Err("the mock app has no windows to capture".into()));
            }
        })
        .for_app(&context)
        .with_picks(shared.picks.clone());
        let mut mock = MockApp {
            window_changes,
            app,
            doors: BTreeMap::new(),
            isolations: BTreeMap::new(),
            asset_schemes: BTreeMap::new(),
            exits,
            opened,
            deliveries,
            shared,
            context,
        };
        // A template has no window of its own: its windows get doors when `open_window` opens
        // them, as the runtime does.
        let declared: Vec<WindowSpec> = mock
            .context
            .info
            .windows
            .iter()
            .filter(|w| !w.is_template())
            .cloned()
            .collect();
        for spec in &declared {
            mock.add_webview(spec)?;
        }
        if let Some(setup) = setup {
            setup(&mock.app).map_err(StartError::Setup)?;
        }
        Ok(mock)
    }

    /// Gives the window `spec` its webview's door, asset scheme and isolation key.
    fn add_webview(&mut self, spec: &WindowSpec) -> Result<(), StartError> {
        let label = &spec.label;
        let mut gate = Gate::new(&self.context, &self.shared, &self.app, label);
        if let Some(settings) = &self.context.info.isolation
            && settings.applies_to(label, &spec.page)
        {
            // The mock has no WebKit to give the frame script to.
            let (isolation, _frame_script) =
                Isolation::generate(label, gate.dev_origin()).map_err(StartError::Platform)?;
            let isolation = Arc::new(isolation);
            gate = gate.with_isolation(isolation.clone());
            self.isolations.insert(label.clone(), isolation);
        }
        let door = IpcDoor::new(Arc::new(gate)).map_err(StartError::Platform)?;
        self.doors.insert(label.clone(), door);
        let scheme = AssetScheme::new(
            &self.context,
            spec,
            &self.app,
            self.shared.on_refused.clone(),
        );
        self.asset_schemes.insert(label.clone(), scheme);
        Ok(())
    }

    /// Opens the window `label` as the runtime would — one `Rampart.toml` declares, or one from
    /// a template (`note-7` from `note-*`) — so that calls can be made as its page. An
    /// undeclared label is an error.
    pub fn open_window(&mut self, label: &str) -> Result<(), StartError> {
        let spec = self.context.info.window(label).ok_or_else(|| {
            StartError::Commands(format!("no window `{label}` is declared in Rampart.toml"))
        })?;
        if !self.doors.contains_key(label) {
            self.add_webview(&spec)?;
        }
        Ok(())
    }

    /// A JSON call from the app's own page in webview `webview`.
    pub fn invoke(&self, webview: &str, command: &str, args: serde_json::Value) -> MockResponse {
        self.request(webview, MockRequest::invoke(command, args))
    }

    /// Sends `request` to the door of `webview` and waits for the answer.
    ///
    /// # Panics
    /// If there is no such webview, or the call does not answer within 30 seconds: both are
    /// test failures.
    pub fn request(&self, webview: &str, request: MockRequest<'_>) -> MockResponse {
        let door = self
            .doors
            .get(webview)
            .unwrap_or_else(|| panic!("no webview `{webview}` in Rampart.toml"));
        let (sender, receiver) = mpsc::channel();
        let path = format!("/{}", request.command);
        let body_read = Arc::new(AtomicBool::new(false));
        let parts = RequestParts {
            method: request.method,
            path: &path,
            origin_header: request.origin.map(str::as_bytes),
            content_type: request.content_type,
        };
        let token = request.api_token.then(|| door.token().as_str().as_bytes());
        let read = body_read.clone();
        let body = MockBody {
            bytes: &request.body,
            read: &read,
        };
        door.handle(parts, token, body, move |response| {
            let header = |name| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v: &wry::http::HeaderValue| v.to_str().ok())
                    .map(str::to_string)
            };
            let answer = MockResponse {
                status: response.status().as_u16(),
                content_type: header(CONTENT_TYPE).unwrap_or_default(),
                allow_origin: header(wry::http::header::ACCESS_CONTROL_ALLOW_ORIGIN),
                body: response.body().to_vec(),
                body_read: body_read.load(Ordering::SeqCst),
            };
            // The test may have given up waiting; nothing to do then.
            let _ = sender.send(answer);
        });
        receiver.recv_timeout(CALL_TIMEOUT).unwrap_or_else(|_| {
            panic!(
                "`{}` did not answer within {CALL_TIMEOUT:?}",
                request.command
            )
        })
    }

    /// Requests `url` (`asset://localhost/...`) from the asset scheme of `webview`, with a
    /// `Range` header if given, as an `<img>` or `<video>` of its page would.
    ///
    /// # Panics
    /// If there is no such webview, or `url` is not a URL: both are test failures.
    pub fn asset(&self, webview: &str, url: &str, range: Option<&str>) -> MockAsset {
        let scheme = self
            .asset_schemes
            .get(webview)
            .unwrap_or_else(|| panic!("no webview `{webview}` in Rampart.toml"));
        let mut request = wry::http::Request::get(url);
        if let Some(range) = range {
            request = request.header(wry::http::header::RANGE, range);
        }
        let request = request
            .body(Vec::new())
            .unwrap_or_else(|e| panic!("`{url}`: {e}"));
        let response = scheme.serve(&request);
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &wry::http::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        MockAsset {
            status: response.status().as_u16(),
            content_type: header(CONTENT_TYPE).unwrap_or_default(),
            content_range: header(wry::http::header::CONTENT_RANGE),
            policy: header(wry::http::header::CONTENT_SECURITY_POLICY),
            body: response.body().to_vec(),
        }
    }

    /// A call sealed with `webview`'s key, as its isolation frame would: the framed plaintext
    /// of `head` (`{"command", "webview", "session", "counter", "time", "args"}`, or `"bytes": true`) and `data`, for
    /// a request with the Content-Type `application/x-rampart-sealed`.
    ///
    /// # Panics
    /// If `webview` does not run with the isolation pattern: a test failure.
    pub fn seal(&self, webview: &str, head: &str, data: &[u8]) -> Vec<u8> {
        let isolation = self
            .isolations
            .get(webview)
            .unwrap_or_else(|| panic!("`{webview}` does not run with the isolation pattern"));
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).unwrap_or_else(|e| panic!("no randomness: {e}"));
        let plaintext = rampart_core::ipc::framed::join(head.as_bytes(), data);
        isolation.seal_for_tests(&nonce, &plaintext)
    }

    /// What happens when `webview`'s page goes away (a navigation, a reload, its window
    /// closing): its event listeners are forgotten and every plugin's page-unload hook runs
    /// (open files closed, processes killed, ...).
    pub fn page_unload(&self, webview: &str) {
        for hook in &self.shared.page_hooks {
            hook(webview);
        }
    }

    /// The app's handle, to emit events as the app would.
    pub fn app_handle(&self) -> &AppHandle {
        &self.app
    }

    /// Every event delivered so far: (webview, event, payload), in order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries
            .lock()
            .map(|d| d.clone())
            .unwrap_or_default()
    }

    /// The changes asked of windows (`AppHandle::window`, the window plugin), in order: the
    /// label and the change, as `Title("x")`, `Size(400.0, 300.0)`, `Close`, ...
    pub fn window_changes(&self) -> Vec<(String, String)> {
        self.window_changes
            .lock()
            .map(|c| c.clone())
            .unwrap_or_default()
    }

    /// The windows the app asked to open with [`AppHandle::open_window`], in order.
    pub fn open_requests(&self) -> Vec<String> {
        self.opened.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// The exit codes commands asked for with [`AppHandle::exit`].
    pub fn exit_requests(&self) -> Vec<i32> {
        self.exits.lock().map(|e| e.clone()).unwrap_or_default()
    }
}

/// A mock request's body, and whether the door read it.
struct MockBody<'a> {
    bytes: &'a [u8],
    read: &'a AtomicBool,
}

impl Body for MockBody<'_> {
    fn read(self, max: usize) -> Result<Vec<u8>, BodyError> {
        self.read.store(true, Ordering::SeqCst);
        Ok(self.bytes.iter().copied().take(max).collect())
    }
}

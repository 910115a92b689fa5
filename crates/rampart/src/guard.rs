//! The window guard: what a page may do beyond calling commands, enforced on its webview — where
//! it navigates, new windows, downloads, dropped files, web permissions and full screen — by the
//! rules of its `[[window]]` ([`rampart_core::navigation::WindowGuard`]). Every refusal is
//! logged and reported to the app's refusal hook, and the page stays as it was.
//!
//! Navigation is decided twice, because WebKitGTK does not say which frame a navigation is for:
//! when it is about to be made (anything the window may reach neither at top level nor as a
//! frame is refused before a request leaves), and when its response arrives (a top-level
//! document from anywhere but the app, a listed origin or a local document is refused). So a
//! sub-frame's navigation never changes what the window's origin is.

use std::sync::Arc;

use rampart_core::csp::Policy;
use rampart_core::ipc::{BodyKind, CallFacts, ErrorCode, serialized_origin};
use rampart_core::navigation::{
    Destination, ExternalLinks, NewWindows, WebPermission, WindowGuard,
};
use webkit2gtk::gio;
use webkit2gtk::glib::prelude::{Cast, ObjectExt};
use webkit2gtk::{
    NavigationPolicyDecision, NavigationPolicyDecisionExt, PermissionRequest, PermissionRequestExt,
    PolicyDecision, PolicyDecisionExt, PolicyDecisionType, ResponsePolicyDecision,
    ResponsePolicyDecisionExt, SettingsExt, URIRequestExt, UserMediaPermissionRequest,
    UserMediaPermissionRequestExt, WebViewExt,
};
use wry::{DragDropEvent, WebViewBuilder, WebViewExtUnix};

use crate::app_handle::AppHandle;
use crate::command::Reply;
use crate::gate::{Gate, Incoming, JsonText};
use crate::refused::{RefusalHook, Refused};

/// The opener's command a refused link is routed to.
const OPEN_URL: &str = "plugin:opener|open_url";

/// One window's guard.
pub(crate) struct Guard {
    window: String,
    /// The window's gate: where a refused link goes when it is routed to the opener.
    gate: Arc<Gate>,
    rules: WindowGuard,
    /// The app's own origins: `app://localhost`, and a debug build's dev server.
    own: Vec<String>,
    policy: Policy,
    app: AppHandle,
    on_refused: Option<RefusalHook>,
}

impl Guard {
    /// The guard of `window`.
    pub(crate) fn new(
        window: &str,
        gate: Arc<Gate>,
        rules: WindowGuard,
        own: Vec<String>,
        policy: Policy,
        app: AppHandle,
        on_refused: Option<RefusalHook>,
    ) -> Arc<Guard> {
        Arc::new(Guard {
            window: window.to_string(),
            gate,
            rules,
            own,
            policy,
            app,
            on_refused,
        })
    }

    /// The handlers that must be on the builder: downloads and dropped files.
    pub(crate) fn on_builder<'a>(
        self: &Arc<Self>,
        builder: WebViewBuilder<'a>,
    ) -> WebViewBuilder<'a> {
        let downloads = self.clone();
        let drops = self.clone();
        builder
            .with_download_started_handler(move |url, _path| {
                downloads.rules.downloads || {
                    downloads.refuse("download_refused", &url);
                    false
                }
            })
            .with_drag_drop_handler(move |event| {
                if drops.rules.drag_drop {
                    return false;
                }
                if let DragDropEvent::Drop { paths, .. } = &event {
                    let first = paths.first().map(|p| p.display().to_string());
                    drops.refuse("drop_refused", first.as_deref().unwrap_or("a drop"));
                }
                true
            })
    }

    /// Connects the rest to the built webview: navigation, new windows, permissions, full screen.
    pub(crate) fn on_webview(self: &Arc<Self>, webview: &wry::WebView) {
        let view = webview.webview();
        // Without this, WebKit's popup blocker drops a `window.open` made outside a click before
        // anyone hears of it; with it, every request for a window comes to `decide`, which
        // refuses it (or hands it to the browser) and reports it.
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_javascript_can_open_windows_automatically(true);
        }
        let decisions = self.clone();
        view.connect_decide_policy(move |view, decision, kind| {
            decisions.decide(view, decision, kind)
        });
        // `window.open` asks for the window directly, without a policy decision.
        let windows = self.clone();
        view.connect_create(move |_, action| {
            let url = action
                .request()
                .and_then(|r| r.uri())
                .map(|u| u.to_string())
                .unwrap_or_default();
            windows.new_window(&url, action.is_user_gesture());
            None
        });
        let permissions = self.clone();
        view.connect_permission_request(move |_, request| {
            permissions.permission(request);
            true
        });
        let fullscreen = self.clone();
        view.connect_enter_fullscreen(move |_| {
            if fullscreen.rules.grants(WebPermission::Fullscreen) {
                return false;
            }
            fullscreen.refuse("permission_refused", WebPermission::Fullscreen.name());
            true
        });
    }

    /// A policy decision: true when the guard made it.
    fn decide(
        self: &Arc<Self>,
        view: &webkit2gtk::WebView,
        decision: &PolicyDecision,
        kind: PolicyDecisionType,
    ) -> bool {
        match kind {
            PolicyDecisionType::NavigationAction => {
                let url = navigation_url(decision);
                if self.destination(&url) != Destination::Refused {
                    return false;
                }
                decision.ignore();
                self.refused_navigation(view, &url);
                true
            }
            PolicyDecisionType::NewWindowAction => {
                let url = navigation_url(decision);
                let user_gesture = decision
                    .downcast_ref::<NavigationPolicyDecision>()
                    .and_then(|d| d.navigation_action())
                    .is_some_and(|action| action.is_user_gesture());
                decision.ignore();
                self.new_window(&url, user_gesture);
                true
            }
            PolicyDecisionType::Response => {
                let Some(response) = decision.downcast_ref::<ResponsePolicyDecision>() else {
                    return false;
                };
                if !response.is_main_frame_main_resource() {
                    return false;
                }
                let url = response
                    .request()
                    .and_then(|r| r.uri())
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                if self.destination(&url).top_level() {
                    return false;
                }
                decision.ignore();
                self.refused_navigation(view, &url);
                true
            }
            _ => false,
        }
    }

    /// A top-level navigation the window refused: reported, or, when the window routes its
    /// external links to the opener, handed to `plugin:opener|open_url` through the window's
    /// gate as a call the runtime makes for its page (`Gate::call_for_page`: the access control
    /// and the opener's scope decide; the isolation pattern's application is not asked, as the
    /// page made no call; a refusal there is reported once, as the navigation's).
    fn refused_navigation(self: &Arc<Self>, view: &webkit2gtk::WebView, url: &str) {
        // The call is the page's: it carries the origin of the document the window shows.
        let origin = view
            .uri()
            .and_then(|uri| url::Url::parse(&uri).ok())
            .map(|url| serialized_origin(&url));
        let (ExternalLinks::Opener, Some(origin)) = (self.rules.external_links, origin) else {
            return self.refuse("navigation_refused", url);
        };
        let args = serde_json::json!({ "url": url }).to_string();
        let incoming = Incoming {
            origin: Some(origin.as_bytes()),
            facts: CallFacts::new(
                OPEN_URL,
                Some(origin.as_bytes()),
                self.gate.dev_origin().as_slice(),
                BodyKind::Json,
            ),
            body: JsonText(&args),
        };
        let guard = self.clone();
        let url = url.to_string();
        self.gate.call_for_page(incoming, move |answer| {
            if matches!(answer.outcome, Err(_) | Ok(Reply::Error { .. })) {
                guard.refuse("navigation_refused", &url);
            }
        });
    }

    fn destination(&self, url: &str) -> Destination {
        self.rules.destination(url, &self.own, &self.policy)
    }

    /// `window.open` or a `target=_blank` link: refused, or, when the window says so, an https
    /// URL the user asked for (a click, a key) handed to the browser: a page cannot open the
    /// browser on its own.
    fn new_window(&self, url: &str, user_gesture: bool) {
        let browser = self.rules.new_windows == NewWindows::Browser;
        if browser && user_gesture && url.starts_with("https://") {
            if let Err(error) =
                gio::AppInfo::launch_default_for_uri(url, None::<&gio::AppLaunchContext>)
            {
                tracing::warn!(url, %error, "cannot open the browser");
            }
            return;
        }
        self.refuse("new_window_refused", url);
    }

    /// Allows a web permission the window grants; denies (and reports) the rest.
    fn permission(&self, request: &PermissionRequest) {
        let wanted = permissions_of(request);
        if !wanted.is_empty() && wanted.iter().all(|p| self.rules.grants(*p)) {
            request.allow();
            return;
        }
        request.deny();
        let names: Vec<&str> = wanted.iter().map(|p| p.name()).collect();
        let target = if names.is_empty() {
            request.type_().name().to_string()
        } else {
            names.join("+")
        };
        self.refuse("permission_refused", &target);
    }

    /// Logs a refusal and tells the app's refusal hook.
    fn refuse(&self, reason: &str, target: &str) {
        tracing::warn!(window = %self.window, reason, target, "refused");
        let Some(hook) = &self.on_refused else {
            return;
        };
        let refused = Refused {
            window: self.window.clone(),
            webview: self.window.clone(),
            origin: None,
            command: None,
            target: Some(target.to_string()),
            code: ErrorCode::Denied,
            reason: reason.to_string(),
        };
        hook(&self.app, &refused);
    }
}

/// The URL a navigation decision is about.
fn navigation_url(decision: &PolicyDecision) -> String {
    decision
        .downcast_ref::<NavigationPolicyDecision>()
        .and_then(|d| d.navigation_action())
        .and_then(|action| action.request())
        .and_then(|r| r.uri())
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// The web permissions a request asks for (none: a kind the guard does not know, always
/// denied). Kinds are told apart by their type name, so that those the bindings lack (such as
/// the clipboard's) are known too.
fn permissions_of(request: &PermissionRequest) -> Vec<WebPermission> {
    if let Some(media) = request.downcast_ref::<UserMediaPermissionRequest>() {
        let mut wanted = Vec::new();
        if media.is_for_audio_device() {
            wanted.push(WebPermission::Microphone);
        }
        if media.is_for_video_device() {
            wanted.push(WebPermission::Camera);
        }
        if wanted.is_empty() {
            wanted.push(WebPermission::DisplayCapture);
        }
        return wanted;
    }
    let permission = match request.type_().name() {
        "WebKitGeolocationPermissionRequest" => WebPermission::Geolocation,
        "WebKitNotificationPermissionRequest" => WebPermission::Notifications,
        "WebKitPointerLockPermissionRequest" => WebPermission::PointerLock,
        "WebKitDeviceInfoPermissionRequest" => WebPermission::DeviceInfo,
        "WebKitMediaKeySystemPermissionRequest" => WebPermission::MediaKeys,
        "WebKitWebsiteDataAccessPermissionRequest" => WebPermission::WebsiteData,
        "WebKitClipboardPermissionRequest" => WebPermission::ClipboardRead,
        _ => return Vec::new(),
    };
    vec![permission]
}

//! What the app learns of what it refused a page ([`Builder::on_refused`](crate::Builder::on_refused)):
//! calls its doors refused, and what the window guard refused (navigations, new windows,
//! downloads, dropped files, web permissions).

use std::sync::Arc;

use rampart_core::ipc::ErrorCode;
use serde::Serialize;

use crate::app_handle::AppHandle;

/// Something refused to a page: a call the door refused before anything ran (by a check of the
/// request — method, `Origin`, size — or by the access control), or an action of the page the
/// window guard refused. Everything in it comes from the engine or the decision, except
/// `command` and `target`, which the page chose (`command` is validated).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Refused {
    /// The label of the window the request came from.
    pub window: String,
    /// The label of the webview the request came from.
    pub webview: String,
    /// The `Origin` header the engine attached (`app://localhost` for the app's own pages,
    /// `null` for opaque frames), or `None` when there was none.
    pub origin: Option<String>,
    /// The command asked for, when the request named a well-formed one.
    pub command: Option<String>,
    /// What the page tried to reach: the URL of a navigation, new window or download, a
    /// dropped file, the web permission (`geolocation`), an `asset://` path, or for
    /// `command_denied` the command's message.
    pub target: Option<String>,
    /// The error code the page received.
    pub code: ErrorCode,
    /// Why: the decision's reason (`not_granted`, `denied`, `origin_not_allowed`,
    /// `unknown_command`), the request check that failed (`bad_request`, `too_large`), what the
    /// guard refused (`navigation_refused`, `new_window_refused`, `download_refused`,
    /// `drop_refused`, `permission_refused`), a command that refused the call itself
    /// (`command_denied`: its scope refused a path, a URL or a program; `target` is its message,
    /// which names what the page sent), or an `asset://` request (`not_granted`,
    /// `scope_denied`).
    pub reason: String,
}

/// The app's hook for refused calls.
pub(crate) type RefusalHook = Arc<dyn Fn(&AppHandle, &Refused) + Send + Sync>;

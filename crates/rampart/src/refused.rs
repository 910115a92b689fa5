//! What the app learns of the calls its door refused ([`Builder::on_refused`](crate::Builder::on_refused)).

use std::sync::Arc;

use rampart_core::ipc::ErrorCode;
use serde::Serialize;

use crate::app_handle::AppHandle;

/// A call the door refused before anything ran: by a check of the request (method, `Origin`,
/// size) or by the access control. Everything in it comes from the engine or the decision,
/// except `command`, which is the name the page asked for (validated, but chosen by the page).
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
    /// The error code the page received.
    pub code: ErrorCode,
    /// Why: the decision's reason (`not_granted`, `denied`, `origin_not_allowed`,
    /// `unknown_command`) or the request check that failed (`bad_request`, `too_large`).
    pub reason: String,
}

/// The app's hook for refused calls.
pub(crate) type RefusalHook = Arc<dyn Fn(&AppHandle, &Refused) + Send + Sync>;

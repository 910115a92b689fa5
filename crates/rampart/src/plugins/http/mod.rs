//! The `http` plugin (cargo feature `http`): requests from the page to the URLs the call's URL
//! scope allows, made by the app with reqwest (rustls, the system's roots; no OpenSSL).
//!
//! - `fetch`: a framed body (`rampart_core::ipc::framed`), head `{ url, method?, headers?,
//!   timeoutMs?, maxResponseBytes?, requestId? }`, then the request body; it answers a framed
//!   body, head `{ status, url, redirected, headers }`, then the response body.
//! - `cancel { requestId }`: ends this page's request of that id.
//!
//! Every hop is checked: the URL against the scope (deny before allow; userinfo never matches;
//! `http` only where a rule names it), then the address connected to: only public addresses,
//! unless the matching allow rule says `local-network = true` — checked in the resolver the
//! client connects with (so DNS rebinding gets nowhere) and on IP literals. Redirects are
//! followed by the plugin, each one checked again, at most [`MAX_REDIRECTS`], with credentials
//! dropped when the origin changes. No proxy is used (neither the page nor the environment
//! chooses one). The page may not set `Host`, hop-by-hop or proxy headers. Time and size are
//! bounded: [`DEFAULT_TIMEOUT`] (at most [`MAX_TIMEOUT`]) for the whole exchange, and
//! [`DEFAULT_MAX_RESPONSE`] (at most [`MAX_RESPONSE`]) bytes of response body.
//!
//! Requests belong to their page: every one is cancelled when it goes away. Errors name the URL the
//! page sent, nothing of the scope.

mod addresses;
mod fetch;

use std::sync::Arc;
use std::time::Duration;

use rampart_core::ipc::IpcError;
use reqwest::Client;
use serde::Deserialize;
use tokio::task::AbortHandle;

use crate::command::{Commands, Reply};
use crate::page_table::{PageTable, shown_id};
use crate::plugin::Plugin;

/// The most redirects one request follows.
pub const MAX_REDIRECTS: usize = 10;

/// How long a request may take, unless the page asks for less or more.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest a page may ask a request to take.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(300);

/// How many bytes of response body a request reads, unless the page asks for more or less.
pub const DEFAULT_MAX_RESPONSE: u64 = 16 * 1024 * 1024;

/// The most bytes of response body a page may ask for.
pub const MAX_RESPONSE: u64 = 256 * 1024 * 1024;

/// How the plugin's clients are made.
#[derive(Clone, Default)]
pub struct Options {
    extra_roots: Vec<reqwest::Certificate>,
}

impl Options {
    /// Trusts `pem` as a root certificate, in debug builds only: for tests against a local
    /// server with a certificate made at test time.
    #[cfg(debug_assertions)]
    #[doc(hidden)]
    pub fn test_trust_certificate(mut self, pem: &str) -> Result<Options, String> {
        let certificate = reqwest::Certificate::from_pem(pem.as_bytes())
            .map_err(|e| format!("not a PEM certificate: {e}"))?;
        self.extra_roots.push(certificate);
        Ok(self)
    }
}

/// The two clients: one that connects to public addresses only, one that may also reach the
/// local network (for rules that opt in).
pub(super) struct Clients {
    public: Client,
    local: Client,
}

/// Requests in flight, by webview, then by the page's request id (or one of the plugin's, for a
/// request the page cannot cancel by name): every one is cancelled when its page goes away.
#[derive(Default)]
pub(super) struct InFlight(PageTable<AbortHandle>);

impl InFlight {
    /// Keeps `handle` as `webview`'s request `id`.
    fn insert(&self, webview: &str, id: &str, handle: AbortHandle) -> Result<(), IpcError> {
        self.0
            .insert(webview, id, handle, usize::MAX)
            .map_err(|handle| {
                handle.abort();
                IpcError::bad_request(format!(
                    "a request `{}` is already in flight in this page",
                    shown_id(id)
                ))
            })
    }

    /// Forgets `webview`'s request `id`, the task `task` (it ended).
    fn forget(&self, webview: &str, id: &str, task: tokio::task::Id) {
        self.0.remove_if(webview, id, |handle| handle.id() == task);
    }

    fn cancel(&self, webview: &str, id: &str) -> bool {
        self.0.remove(webview, id).map(|h| h.abort()).is_some()
    }

    fn cancel_all(&self, webview: &str) {
        for handle in self.0.take_all(webview) {
            handle.abort();
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CancelArgs {
    request_id: String,
}

/// The plugin, trusting the system's root certificates.
pub fn plugin() -> Plugin {
    plugin_with(Options::default())
}

/// The plugin, made with `options`. If its clients cannot be built (TLS cannot start), every
/// `fetch` answers why.
pub fn plugin_with(options: Options) -> Plugin {
    let clients = fetch::client(&options, false)
        .and_then(|public| Ok((public, fetch::client(&options, true)?)))
        .map(|(public, local)| Arc::new(Clients { public, local }));
    if let Err(error) = &clients {
        tracing::error!(%error, "the http plugin cannot build its client");
    }
    let in_flight = Arc::new(InFlight::default());
    let (cancelling, unloading) = (in_flight.clone(), in_flight.clone());
    Plugin::new("http")
        .on_page_unload(move |webview| unloading.cancel_all(webview))
        .async_command("fetch", move |call| {
            fetch::fetch(call, clients.clone(), in_flight.clone())
        })
        .command("cancel", move |call| {
            let args: CancelArgs = call.args()?;
            if cancelling.cancel(call.webview_label(), &args.request_id) {
                Ok(Reply::empty())
            } else {
                Err(IpcError::not_found(format!(
                    "no request `{}` in flight in this page",
                    args.request_id
                        .chars()
                        .take(64)
                        .collect::<String>()
                        .escape_debug()
                )))
            }
        })
}

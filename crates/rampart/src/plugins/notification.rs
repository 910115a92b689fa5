//! The `notification` plugin (cargo feature `notification`): `notify { title, body? }` shows a
//! desktop notification under the app's name; `is_permission_granted` and `request_permission`
//! answer whether the calling window may (its capabilities decide: nothing prompts the person).
//!
//! A page cannot make it more than text: the title and body are bounded, the body's markup is
//! escaped (notification services read `<a>` and `<img>` in bodies, which would let a page
//! make them fetch URLs or show files), no icon or action comes from the page, and each
//! webview shows at most [`BURST`] notifications per [`BURST_SPAN`] (`busy` beyond), so a
//! compromised page cannot flood the desktop.
//!
//! [`Desktop`] sends to the freedesktop notification service on the session bus (GLib's D-Bus
//! client), and can be used from Rust directly.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gtk::gio;
use gtk::glib::{self, ToVariant};
use rampart_core::ipc::IpcError;
use serde::Deserialize;

use crate::command::{Commands, Invocation, Reply};
use crate::plugin::Plugin;

/// The longest title a page may show, in characters.
pub const MAX_TITLE: usize = 256;

/// The longest body a page may show, in characters.
pub const MAX_BODY: usize = 4096;

/// How many notifications a webview may show within [`BURST_SPAN`].
pub const BURST: usize = 5;

/// The span [`BURST`] counts over.
pub const BURST_SPAN: Duration = Duration::from_secs(10);

/// How long a call to the notification service may take.
const TIMEOUT_MS: i32 = 5000;

/// A notification: what is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// The title (the freedesktop summary), plain text.
    pub title: String,
    /// The body, plain text (escaped before it is sent).
    pub body: String,
}

/// The desktop's notification service (`org.freedesktop.Notifications` on the session bus).
#[derive(Clone, Debug)]
pub struct Desktop {
    app_name: String,
}

impl Desktop {
    /// Notifications shown under `app_name` (what the person sees as the sender).
    pub fn new(app_name: impl Into<String>) -> Desktop {
        Desktop {
            app_name: app_name.into(),
        }
    }

    /// Shows `notification`; the service's id for it, or why it could not be shown (no session
    /// bus, no notification service).
    pub fn show(&self, notification: &Notification) -> Result<u32, String> {
        let bus = gio::bus_get_sync(gio::BusType::Session, None::<&gio::Cancellable>)
            .map_err(|e| format!("no session bus: {e}"))?;
        let hints: HashMap<String, glib::Variant> = HashMap::new();
        let parameters = (
            self.app_name.as_str(),
            0u32,
            "",
            notification.title.as_str(),
            escape_markup(&notification.body),
            Vec::<String>::new(),
            hints,
            -1i32,
        )
            .to_variant();
        let reply = bus
            .call_sync(
                Some("org.freedesktop.Notifications"),
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "Notify",
                Some(&parameters),
                Some(glib::VariantTy::new("(u)").map_err(|e| e.to_string())?),
                gio::DBusCallFlags::NONE,
                TIMEOUT_MS,
                None::<&gio::Cancellable>,
            )
            .map_err(|e| format!("the notification service did not take it: {e}"))?;
        Ok(reply.get::<(u32,)>().map_or(0, |(id,)| id))
    }
}

/// `text` with the characters of the freedesktop body markup escaped, so it shows as written.
fn escape_markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotifyArgs {
    title: String,
    #[serde(default)]
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

/// When each webview last showed notifications, for the rate limit.
#[derive(Default)]
struct Shown(Mutex<HashMap<String, VecDeque<Instant>>>);

impl Shown {
    /// Counts one more for `webview`, unless it showed [`BURST`] within [`BURST_SPAN`].
    fn admit(&self, webview: &str) -> Result<(), IpcError> {
        let mut all = self
            .0
            .lock()
            .map_err(|_| IpcError::internal("the notification plugin failed"))?;
        let now = Instant::now();
        let recent = all.entry(webview.to_string()).or_default();
        while recent
            .front()
            .is_some_and(|at| now.duration_since(*at) >= BURST_SPAN)
        {
            recent.pop_front();
        }
        if recent.len() >= BURST {
            return Err(IpcError::busy(format!(
                "at most {BURST} notifications every {} s: wait before showing another",
                BURST_SPAN.as_secs()
            )));
        }
        recent.push_back(now);
        Ok(())
    }
}

/// Whether the caller may show notifications: `notify` is granted to it.
fn granted(call: &Invocation) -> bool {
    call.grant().also_grants("plugin:notification|notify")
}

/// The plugin, showing notifications on the desktop under `app_name`.
pub fn plugin(app_name: &str) -> Plugin {
    let desktop = Desktop::new(app_name);
    plugin_with(move |notification| desktop.show(notification).map(|_| ()))
}

/// The plugin with `show` in place of the desktop's service (tests, headless runs, another
/// service): it gets each notification a page may show, already checked and bounded.
pub fn plugin_with<F>(show: F) -> Plugin
where
    F: Fn(&Notification) -> Result<(), String> + Send + Sync + 'static,
{
    let shown = Arc::new(Shown::default());
    Plugin::new("notification")
        .command("notify", move |call| {
            let args: NotifyArgs = call.args()?;
            let title_chars = args.title.chars().count();
            if title_chars == 0 || title_chars > MAX_TITLE {
                return Err(IpcError::bad_request(format!(
                    "a notification's title is 1 to {MAX_TITLE} characters"
                )));
            }
            if args.body.chars().count() > MAX_BODY {
                return Err(IpcError::bad_request(format!(
                    "a notification's body is at most {MAX_BODY} characters"
                )));
            }
            shown.admit(call.webview_label())?;
            let notification = Notification {
                title: args.title,
                body: args.body,
            };
            show(&notification).map_err(|reason| {
                tracing::warn!(%reason, "a notification was not shown");
                IpcError::internal("the desktop's notification service is not available")
            })?;
            Ok(Reply::empty())
        })
        .command("is_permission_granted", |call| {
            let NoArgs {} = call.args()?;
            Reply::json(&granted(&call))
        })
        .command("request_permission", |call| {
            let NoArgs {} = call.args()?;
            Reply::json(&if granted(&call) { "granted" } else { "denied" })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_so_it_shows_as_written() {
        assert_eq!(
            escape_markup("<img src=\"file:///etc/passwd\"> & <a href='x'>"),
            "&lt;img src=&quot;file:///etc/passwd&quot;&gt; &amp; &lt;a href=&apos;x&apos;&gt;"
        );
        assert_eq!(escape_markup("plain — ✓"), "plain — ✓");
    }

    #[test]
    fn a_webview_shows_at_most_a_burst_within_the_window() {
        let shown = Shown::default();
        for _ in 0..BURST {
            assert!(shown.admit("main").is_ok());
        }
        let refused = shown.admit("main").expect_err("one too many");
        assert_eq!(refused.code.as_str(), "busy");
        assert!(
            shown.admit("settings").is_ok(),
            "another webview has its own"
        );
    }
}

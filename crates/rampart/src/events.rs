//! Events to the pages that were granted them, from Rust or from a page granted to send them.
//!
//! A page hears an event only after its `listen` call passed the door (the `event` plugin's
//! `listen` command, `plugins::event`, granted by a capability for this webview) and the event's name matched that
//! call's event scope. The registry below is the only way to a page; it is cleared when the
//! page starts loading a new document. Delivery evaluates a fixed function call whose only
//! argument is serialized JSON: nothing from a request or an event name is ever evaluated as
//! code (names are validated too).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use rampart_core::ipc::{ErrorCode, IpcError};
use rampart_core::scope::check_event_name;
use serde::Serialize;

/// Which webview listens to which events.
#[derive(Default)]
pub(crate) struct Listeners {
    by_webview: Mutex<BTreeMap<String, BTreeSet<String>>>,
}

impl Listeners {
    fn with<R>(&self, f: impl FnOnce(&mut BTreeMap<String, BTreeSet<String>>) -> R) -> R {
        match self.by_webview.lock() {
            Ok(mut map) => f(&mut map),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// `webview` listens to `event` from now on.
    pub(crate) fn add(&self, webview: &str, event: &str) {
        self.with(|map| {
            map.entry(webview.to_string())
                .or_default()
                .insert(event.to_string())
        });
    }

    /// `webview` no longer listens to `event`.
    pub(crate) fn remove(&self, webview: &str, event: &str) {
        self.with(|map| map.get_mut(webview).map(|events| events.remove(event)));
    }

    /// Forgets everything `webview` listened to (its page is being replaced).
    pub fn clear(&self, webview: &str) {
        self.with(|map| map.remove(webview));
    }

    /// The webviews that listen to `event`, among `target` (all when None).
    pub fn recipients(&self, target: Option<&str>, event: &str) -> Vec<String> {
        self.with(|map| {
            map.iter()
                .filter(|(label, events)| {
                    target.is_none_or(|t| t == *label) && events.contains(event)
                })
                .map(|(label, _)| label.clone())
                .collect()
        })
    }
}

/// An event as the app's own listeners receive it ([`AppHandle::listen`](crate::AppHandle::listen)).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventMessage {
    /// The event's name.
    pub event: String,
    /// Its payload.
    pub payload: serde_json::Value,
    /// The label of the webview whose page emitted it; None when Rust emitted it.
    pub source: Option<String>,
}

/// A listener of the app's own.
type AppListener = dyn Fn(&EventMessage) + Send + Sync;

/// The app's own listeners, by event name.
#[derive(Default)]
pub(crate) struct AppListeners {
    by_event: Mutex<BTreeMap<String, Vec<Arc<AppListener>>>>,
}

impl AppListeners {
    pub fn add(&self, event: &str, listener: Arc<AppListener>) {
        if let Ok(mut map) = self.by_event.lock() {
            map.entry(event.to_string()).or_default().push(listener);
        }
    }

    /// Calls the listeners of `message.event`, with no lock held (a listener may emit).
    pub fn deliver(&self, message: &EventMessage) {
        let listeners = match self.by_event.lock() {
            Ok(map) => map.get(&message.event).cloned().unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        for listener in listeners {
            listener(message);
        }
    }
}

/// An event on its way to the pages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Emitted {
    /// One webview's label, or None for every webview.
    pub target: Option<String>,
    pub event: String,
    pub payload: serde_json::Value,
}

/// The script that hands `emitted` to a page's listeners: a fixed call with a JSON argument.
pub(crate) fn dispatch_script(emitted: &Emitted) -> String {
    let message = serde_json::json!({ "event": emitted.event, "payload": emitted.payload });
    format!("window.__RAMPART__&&window.__RAMPART__.__dispatch({message});")
}

/// Checks an event name for emitting or listening.
pub(crate) fn checked_name(name: &str) -> Result<(), IpcError> {
    check_event_name(name).map_err(|e| IpcError::new(ErrorCode::BadRequest, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listeners_receive_and_clearing_forgets() {
        let listeners = Listeners::default();
        listeners.add("main", "note-saved");
        listeners.add("other", "progress");
        assert_eq!(
            listeners.recipients(None, "note-saved"),
            vec!["main".to_string()]
        );
        assert!(listeners.recipients(Some("other"), "note-saved").is_empty());
        listeners.clear("main");
        assert!(listeners.recipients(None, "note-saved").is_empty());
    }

    #[test]
    fn the_dispatch_script_carries_data_only() {
        let emitted = Emitted {
            target: None,
            event: "note-saved".into(),
            payload: serde_json::json!({ "title": "\");alert(1);//</script>" }),
        };
        let script = dispatch_script(&emitted);
        assert!(script.starts_with("window.__RAMPART__&&window.__RAMPART__.__dispatch({"));
        let argument = script
            .strip_prefix("window.__RAMPART__&&window.__RAMPART__.__dispatch(")
            .and_then(|s| s.strip_suffix(");"))
            .expect("one call");
        let parsed: serde_json::Value =
            serde_json::from_str(argument).expect("the argument is JSON");
        assert_eq!(parsed["payload"], emitted.payload);
    }
}

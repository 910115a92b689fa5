//! Events reach only the webviews granted to hear them, through the mock runtime.

use rampart::Builder;
use rampart::mock::MockApp;
use serde_json::json;

use crate::support;

fn app() -> MockApp {
    let builder = support::with_placeholders(Builder::new(), &[]);
    MockApp::new(builder, support::context()).unwrap_or_else(|e| panic!("{e}"))
}

fn listen(app: &MockApp, webview: &str, event: &str) -> Option<String> {
    let response = app.invoke(webview, "plugin:event|listen", json!({ "event": event }));
    response.error_code()
}

#[test]
fn an_event_reaches_only_webviews_granted_and_listening() {
    let app = app();
    assert_eq!(listen(&app, "main", "note-saved"), None);
    // settings may call listen, but its scope names no event; secret-event is outside main's.
    assert_eq!(
        listen(&app, "settings", "note-saved").as_deref(),
        Some("denied")
    );
    assert_eq!(
        listen(&app, "main", "secret-event").as_deref(),
        Some("denied")
    );
    let handle = app.app_handle();
    handle
        .emit("note-saved", &json!({ "id": 1 }))
        .expect("valid event");
    handle
        .emit("secret-event", &json!("psst"))
        .expect("valid event");
    handle.emit("note-deleted", &json!(2)).expect("valid event");
    assert_eq!(
        app.deliveries(),
        vec![(
            "main".to_string(),
            "note-saved".to_string(),
            json!({ "id": 1 })
        )]
    );
}

#[test]
fn emit_to_targets_one_webview_and_unlisten_stops_delivery() {
    let app = app();
    assert_eq!(listen(&app, "main", "note-saved"), None);
    let handle = app.app_handle();
    handle
        .emit_to("settings", "note-saved", &1)
        .expect("valid event");
    handle
        .emit_to("main", "note-saved", &2)
        .expect("valid event");
    let unlisten = app.invoke(
        "main",
        "plugin:event|unlisten",
        json!({ "event": "note-saved" }),
    );
    assert_eq!(unlisten.status, 200);
    handle.emit("note-saved", &3).expect("valid event");
    assert_eq!(
        app.deliveries(),
        vec![("main".to_string(), "note-saved".to_string(), json!(2))]
    );
}

#[test]
fn event_names_are_validated() {
    let app = app();
    for name in ["", "a b", "x\");alert(1);//", "é"] {
        assert_eq!(
            listen(&app, "main", name).as_deref(),
            Some("bad_request"),
            "{name:?}"
        );
        assert!(app.app_handle().emit(name, &0).is_err(), "{name:?}");
    }
    assert!(app.deliveries().is_empty());
}

#[test]
fn pages_emit_only_the_events_they_are_granted_to_send() {
    let app = app();
    assert_eq!(listen(&app, "main", "note-saved"), None);
    assert_eq!(listen(&app, "main", "note-deleted"), None);
    let emit = |webview: &str, event: &str| {
        let args = json!({ "event": event, "payload": { "from": webview } });
        app.invoke(webview, "plugin:event|emit", args).error_code()
    };
    assert_eq!(emit("main", "note-saved"), None);
    // Outside main's emit scope (note-saved only), and settings has no emit grant at all.
    assert_eq!(emit("main", "note-deleted").as_deref(), Some("denied"));
    assert_eq!(emit("settings", "note-saved").as_deref(), Some("denied"));
    assert_eq!(
        app.deliveries(),
        vec![(
            "main".to_string(),
            "note-saved".to_string(),
            json!({ "from": "main" })
        )]
    );
}

#[test]
fn an_event_refusal_explains_itself_in_a_debug_build() {
    let app = app();
    let message = |webview: &str, event: &str| {
        app.invoke(webview, "plugin:event|listen", json!({ "event": event }))
            .json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let outside = message("main", "secret-event");
    assert!(
        outside.starts_with("this event is not granted here"),
        "{outside}"
    );
    if cfg!(debug_assertions) {
        assert!(
            outside.contains("`secret-event` is matched by none of"),
            "{outside}"
        );
        assert!(outside.contains("event:allow-listen"), "{outside}");
        assert!(outside.contains("window `main`"), "{outside}");
        let none = message("settings", "note-saved");
        assert!(none.contains("this call has none"), "{none}");
    }
}

//! The notification plugin through the mock door, with a recorder in place of the desktop's
//! service: what a page may show, bounded, rate-limited, and only where its capability grants
//! `notify` (which `is_permission_granted` and `request_permission` answer from).

use std::sync::{Arc, Mutex};

use rampart::Builder;
use rampart::mock::MockApp;
use rampart::plugins::notification::{self, BURST, MAX_BODY, MAX_TITLE, Notification};
use serde_json::json;

use crate::support;

#[test]
fn a_page_shows_what_its_capability_grants_bounded_and_rate_limited() {
    let main = "identifier = \"main-notes\"\nwindows = [\"main\"]\npermissions = [\"notification:default\"]\n";
    // The settings window may ask, and is told no.
    let settings = "identifier = \"settings-notes\"\nwindows = [\"settings\"]\npermissions = [\"notification:allow-is-permission-granted\", \"notification:allow-request-permission\"]\n";
    let context = support::fixture_with(
        "notification",
        "",
        &[
            ("capabilities/notes.toml", main),
            ("capabilities/settings-notes.toml", settings),
        ],
    );
    let shown: Arc<Mutex<Vec<Notification>>> = Arc::default();
    let recorder = shown.clone();
    let plugin = notification::plugin_with(move |n| {
        recorder.lock().expect("lock").push(n.clone());
        Ok(())
    });
    let app = MockApp::new(
        support::with_placeholders(Builder::new().plugin(plugin), &[]),
        context,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let call = |label: &str, command: &str, args: serde_json::Value| {
        app.invoke(label, &format!("plugin:notification|{command}"), args)
    };

    assert_eq!(
        call("main", "is_permission_granted", json!({})).json(),
        json!(true)
    );
    assert_eq!(
        call("main", "request_permission", json!({})).json(),
        json!("granted")
    );
    assert_eq!(
        call("settings", "is_permission_granted", json!({})).json(),
        json!(false)
    );
    assert_eq!(
        call("settings", "request_permission", json!({})).json(),
        json!("denied")
    );
    let refused = call("settings", "notify", json!({ "title": "x" }));
    assert_eq!(refused.error_code().as_deref(), Some("denied"));

    // Bounds, checked before anything is shown; none counts toward the rate limit.
    for bad in [
        json!({ "title": "" }),
        json!({ "title": "t".repeat(MAX_TITLE + 1) }),
        json!({ "title": "t", "body": "b".repeat(MAX_BODY + 1) }),
        json!({ "title": "t", "icon": "/etc/passwd" }),
        json!({ "title": "t", "actions": ["open"] }),
    ] {
        let answer = call("main", "notify", bad.clone());
        assert_eq!(answer.error_code().as_deref(), Some("bad_request"), "{bad}");
    }
    // At the limits exactly, shown.
    let full = json!({ "title": "t".repeat(MAX_TITLE), "body": "b".repeat(MAX_BODY) });
    assert!(call("main", "notify", full).error_code().is_none());
    for i in 1..BURST {
        let answer = call("main", "notify", json!({ "title": format!("note {i}") }));
        assert!(answer.error_code().is_none(), "{i}");
    }
    let flood = call("main", "notify", json!({ "title": "one too many" }));
    assert_eq!(flood.error_code().as_deref(), Some("busy"));
    let shown = shown.lock().expect("lock");
    assert_eq!(shown.len(), BURST);
    assert_eq!(
        shown[1],
        Notification {
            title: "note 1".into(),
            body: String::new()
        }
    );
}

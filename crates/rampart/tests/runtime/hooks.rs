//! The app's hooks, through the mock runtime: the set-up hook, the refusal hook, and the app's
//! own event listeners.

use std::sync::{Arc, Mutex};

use rampart::mock::{MockApp, MockRequest};
use rampart::{Builder, ErrorCode, EventMessage, Refused, StartError};
use serde_json::json;

use crate::support;

/// Everything a hook saw, shared with the test.
type Seen<T> = Arc<Mutex<Vec<T>>>;

fn seen<T>(list: &Seen<T>) -> Vec<T>
where
    T: Clone,
{
    list.lock().map(|l| l.clone()).unwrap_or_default()
}

fn app(builder: Builder) -> MockApp {
    let builder = support::with_placeholders(builder, &[]);
    MockApp::new(builder, support::context()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_refusal_hook_hears_every_refused_call_and_no_granted_one() {
    let refused: Seen<Refused> = Seen::default();
    let record = refused.clone();
    let app = app(Builder::new().on_refused(move |_, r| {
        if let Ok(mut list) = record.lock() {
            list.push(r.clone());
        }
    }));
    assert_eq!(app.invoke("main", "greet", json!({})).status, 200);
    assert_eq!(
        app.invoke("main", "secret", json!({}))
            .error_code()
            .as_deref(),
        Some("denied")
    );
    let no_origin = MockRequest {
        origin: None,
        ..MockRequest::invoke("greet", json!({}))
    };
    assert_ne!(app.request("main", no_origin).status, 200);
    assert_eq!(
        app.invoke("settings", "no_such_command", json!({}))
            .error_code()
            .as_deref(),
        Some("not_found")
    );

    let refused = seen(&refused);
    assert_eq!(refused.len(), 3, "{refused:#?}");
    assert_eq!(
        refused[0],
        Refused {
            window: "main".into(),
            webview: "main".into(),
            origin: Some("app://localhost".into()),
            command: Some("secret".into()),
            target: None,
            code: ErrorCode::Denied,
            reason: "not_granted".into(),
        }
    );
    assert_eq!(refused[1].origin, None);
    assert_eq!(refused[1].command, None);
    assert_eq!(refused[1].code, ErrorCode::Denied);
    assert_eq!(refused[2].webview, "settings");
    assert_eq!(refused[2].reason, "unknown_command");
}

#[test]
fn the_refusal_hook_may_emit_to_a_page() {
    let app = app(Builder::new().on_refused(|app, refused| {
        let _ = app.emit_to("main", "note-refused", refused);
    }));
    assert_eq!(
        app.invoke(
            "main",
            "plugin:event|listen",
            json!({ "event": "note-refused" })
        )
        .status,
        200
    );
    app.invoke("main", "secret", json!({}));
    let deliveries = app.deliveries();
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    assert_eq!(deliveries[0].1, "note-refused");
    assert_eq!(deliveries[0].2["command"], "secret");
    assert_eq!(deliveries[0].2["code"], "denied");
}

#[test]
fn the_app_hears_page_events_with_their_source_and_its_own_broadcasts() {
    let heard: Seen<EventMessage> = Seen::default();
    let record = heard.clone();
    let app = app(Builder::new().setup(move |app| {
        app.listen("note-saved", move |message| {
            if let Ok(mut list) = record.lock() {
                list.push(message.clone());
            }
        });
        Ok(())
    }));
    let emitted = app.invoke(
        "main",
        "plugin:event|emit",
        json!({ "event": "note-saved", "payload": { "id": 3 } }),
    );
    assert_eq!(emitted.status, 200, "{:?}", emitted.json());
    // settings is not granted to emit it: the app's listener never hears the attempt.
    let denied = app.invoke(
        "settings",
        "plugin:event|emit",
        json!({ "event": "note-saved", "payload": { "id": 666 } }),
    );
    assert_eq!(denied.error_code().as_deref(), Some("denied"));
    let handle = app.app_handle();
    handle
        .emit("note-saved", &json!({ "id": 4 }))
        .expect("valid");
    // Sent to one webview only: the app's listeners do not hear it.
    handle
        .emit_to("main", "note-saved", &json!({ "id": 5 }))
        .expect("valid");
    handle.emit("note-deleted", &json!(6)).expect("valid");

    assert_eq!(
        seen(&heard),
        vec![
            EventMessage {
                event: "note-saved".into(),
                payload: json!({ "id": 3 }),
                source: Some("main".into()),
            },
            EventMessage {
                event: "note-saved".into(),
                payload: json!({ "id": 4 }),
                source: None,
            },
        ]
    );
}

#[test]
fn a_failing_setup_stops_the_app_with_its_message() {
    let builder = support::with_placeholders(
        Builder::new().setup(|_| Err("the database is locked".into())),
        &[],
    );
    match MockApp::new(builder, support::context()) {
        Err(StartError::Setup(message)) => assert_eq!(message, "the database is locked"),
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("the app started"),
    }
}

#[test]
fn a_screenshot_without_a_window_is_an_error_not_a_hang() {
    let app = app(Builder::new());
    let error = app
        .app_handle()
        .save_screenshot("main", std::env::temp_dir().join("never.png"))
        .expect_err("the mock has no windows");
    assert_eq!(error.code, ErrorCode::Internal);
}

#[test]
fn only_declared_windows_can_be_opened() {
    let app = app(Builder::new());
    let handle = app.app_handle();
    handle.open_window("settings").expect("declared");
    let error = handle.open_window("popup").expect_err("not declared");
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(error.message.contains("Rampart.toml"), "{}", error.message);
    assert_eq!(app.open_requests(), vec!["settings".to_string()]);
}

#[test]
fn the_refusal_hook_hears_a_command_that_refuses_the_call_itself() {
    let refused: Seen<Refused> = Seen::default();
    let record = refused.clone();
    let capability = "identifier = \"files\"\nwindows = [\"main\"]\npermissions = [\"fs:allow-read-text-file\", { identifier = \"fs:scope\", allow = [{ path = \"$APPDATA/notes/**\" }] }]\n";
    let context =
        support::fixture_with("hook-scope", "", &[("capabilities/files.toml", capability)]);
    let builder = Builder::new()
        .plugin(rampart::plugins::fs::plugin())
        .on_refused(move |_, r| {
            if let Ok(mut list) = record.lock() {
                list.push(r.clone());
            }
        });
    let app = MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    let answer = app.invoke(
        "main",
        "plugin:fs|read_text_file",
        json!({ "path": "/root/.ssh/id_rsa" }),
    );
    assert_eq!(answer.error_code().as_deref(), Some("denied"));
    // A command that fails for another reason is not a refusal.
    let missing = app.invoke(
        "main",
        "plugin:fs|read_text_file",
        json!({ "path": "$APPDATA/notes/none" }),
    );
    assert_eq!(missing.error_code().as_deref(), Some("not_found"));

    let refused = seen(&refused);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(
        refused[0].command.as_deref(),
        Some("plugin:fs|read_text_file")
    );
    assert_eq!(
        (refused[0].reason.as_str(), refused[0].code),
        ("command_denied", ErrorCode::Denied)
    );
    assert_eq!(refused[0].origin.as_deref(), Some("app://localhost"));
    assert_eq!(
        refused[0].target.as_deref(),
        Some("`/root/.ssh/id_rsa` is outside the scope")
    );
}

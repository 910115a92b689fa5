//! The window plugin and `AppHandle::window` through the mock runtime: a page changes only its
//! own window, and only with the permission of each change; bad sizes and unknown arguments are
//! refused; Rust can change any declared window and no undeclared one.

use rampart::Builder;
use rampart::mock::MockApp;
use serde_json::{Value, json};

use crate::support;

fn app() -> MockApp {
    let capability = "identifier = \"windows\"\nwindows = [\"main\"]\npermissions = [\"window:default\", \"window:allow-set-title\", \"window:allow-set-size\", \"window:allow-close\"]\n";
    let context = support::fixture_with("window", "", &[("capabilities/windows.toml", capability)]);
    MockApp::new(support::with_placeholders(Builder::new(), &[]), context)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn call(app: &MockApp, webview: &str, command: &str, args: Value) -> Option<String> {
    app.invoke(webview, &format!("plugin:window|{command}"), args)
        .error_code()
}

#[test]
fn a_page_changes_only_its_own_window_and_only_as_granted() {
    let app = app();
    assert_eq!(
        call(
            &app,
            "main",
            "set_title",
            json!({ "title": "Notes — draft" })
        ),
        None
    );
    assert_eq!(
        call(
            &app,
            "main",
            "set_size",
            json!({ "width": 640, "height": 480 })
        ),
        None
    );
    assert_eq!(call(&app, "main", "close", json!({})), None);
    // Not granted: another change, and anything from `settings`.
    assert_eq!(
        call(&app, "main", "maximize", json!({})).as_deref(),
        Some("denied")
    );
    assert_eq!(
        call(&app, "settings", "set_title", json!({ "title": "x" })).as_deref(),
        Some("denied")
    );
    // Another window cannot be named; sizes and titles are bounded.
    for (command, args) in [
        ("set_title", json!({ "title": "x", "label": "settings" })),
        ("set_title", json!({ "title": "x".repeat(1025) })),
        ("set_size", json!({ "width": 0, "height": 480 })),
        ("set_size", json!({ "width": 1e9, "height": 480 })),
    ] {
        assert_eq!(
            call(&app, "main", command, args.clone()).as_deref(),
            Some("bad_request"),
            "{args}"
        );
    }
    assert_eq!(
        app.window_changes(),
        [
            ("main".to_string(), "Title(\"Notes — draft\")".to_string()),
            ("main".to_string(), "Size(640.0, 480.0)".to_string()),
            ("main".to_string(), "Close".to_string()),
        ]
    );
}

#[test]
fn rust_changes_declared_windows_and_no_other() {
    let app = app();
    let settings = app.app_handle().window("settings").expect("declared");
    settings.set_position(10.0, 20.0);
    settings.maximize();
    assert!(app.app_handle().window("nope").is_err());
    assert_eq!(
        app.window_changes(),
        [
            ("settings".to_string(), "Position(10.0, 20.0)".to_string()),
            ("settings".to_string(), "Maximized(true)".to_string()),
        ]
    );
}

//! The window plugin and `AppHandle::window` through the mock runtime: a page changes its own
//! window, and another only within its window scope, each change with its own permission; it
//! opens a window only within that scope, and one a capability names only by its exact label;
//! bad sizes and unknown arguments are refused; Rust can change any declared window and no
//! undeclared one.

use rampart::mock::MockApp;
use rampart::{Builder, NewWindow};
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
    // Another window only within the window scope, which this capability does not have.
    assert_eq!(
        call(
            &app,
            "main",
            "set_title",
            json!({ "title": "x", "label": "settings" })
        )
        .as_deref(),
        Some("denied")
    );
    // Sizes and titles are bounded; unknown arguments refused.
    for (command, args) in [
        ("set_title", json!({ "title": "x", "window": "settings" })),
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

#[test]
fn another_window_and_opening_one_follow_the_window_scope() {
    let main = r#"identifier = "main-windows"
windows = ["main"]
permissions = [
  { identifier = "window:allow-set-title", allow = [{ window = "settings" }] },
  { identifier = "window:allow-maximize", allow = [{ window = "*" }], deny = [{ window = "settings" }] },
  { identifier = "window:allow-open", allow = [{ window = "note-*" }, { window = "note-1" }, { window = "scratch-*" }] },
]
"#;
    // The note windows have a capability of their own: a page must name one exactly to open it.
    let notes = "identifier = \"notes\"\nwindows = [\"note-*\"]\npermissions = [\"allow-greet\"]\n";
    let templates = "[[window]]\nlabel = \"note-*\"\ncreate = false\n[[window]]\nlabel = \"scratch-*\"\ncreate = false\n";
    let context = support::fixture_with(
        "window-scope",
        templates,
        &[
            ("capabilities/main-windows.toml", main),
            ("capabilities/notes.toml", notes),
        ],
    );
    let mut app = MockApp::new(support::with_placeholders(Builder::new(), &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    // A window from the template runs with the capability naming its label, and no other.
    app.open_window("note-1").expect("from the template");
    assert!(app.open_window("other").is_err());
    let greet = app.invoke("note-1", "greet", json!({ "name": "note" }));
    assert_eq!(greet.error_code(), None, "{greet:?}");
    assert_eq!(
        call(&app, "note-1", "set_title", json!({ "title": "x" })).as_deref(),
        Some("denied")
    );
    let code = |command: &str, args: Value| call(&app, "main", command, args);
    let denied = Some("denied".to_string());
    // Its own window needs no scope; another, a rule naming it.
    assert_eq!(code("set_title", json!({ "title": "Own" })), None);
    assert_eq!(
        code("set_title", json!({ "title": "S", "label": "settings" })),
        None
    );
    assert_eq!(
        code("set_title", json!({ "title": "N", "label": "note-1" })),
        denied
    );
    // Deny rules win over a `*` allow; a label the scope allows must still be declared.
    assert_eq!(code("maximize", json!({ "label": "settings" })), denied);
    assert_eq!(code("maximize", json!({ "label": "note-1" })), None);
    assert_eq!(
        code("maximize", json!({ "label": "nope" })).as_deref(),
        Some("not_found")
    );
    // Opening: a label a capability names needs a rule naming exactly it; others, any rule.
    assert_eq!(code("open", json!({ "label": "note-1" })), None);
    assert_eq!(code("open", json!({ "label": "note-2" })), denied);
    assert_eq!(code("open", json!({ "label": "scratch-3" })), None);
    assert_eq!(code("open", json!({ "label": "settings" })), denied);
    assert_eq!(
        code("open", json!({ "label": "scratch- x" })).as_deref(),
        Some("not_found")
    );
    assert_eq!(
        call(&app, "settings", "open", json!({ "label": "scratch-4" })),
        denied
    );
    assert_eq!(app.open_requests(), ["note-1", "scratch-3"]);
    assert_eq!(
        app.window_changes(),
        [
            ("main".to_string(), "Title(\"Own\")".to_string()),
            ("settings".to_string(), "Title(\"S\")".to_string()),
            ("note-1".to_string(), "Maximized(true)".to_string()),
        ]
    );
}

#[test]
fn windows_built_at_run_time_get_a_capability_only_when_the_app_says_so() {
    let previews =
        "identifier = \"previews\"\nwindows = [\"preview-*\"]\npermissions = [\"allow-greet\"]\n";
    let context = support::fixture_with(
        "window-built",
        "[[window]]\nlabel = \"preview-*\"\ncreate = false\n",
        &[("capabilities/previews.toml", previews)],
    );
    let app = MockApp::new(support::with_placeholders(Builder::new(), &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    let handle = app.app_handle();
    let code = |window: NewWindow| handle.create_window(window).err().map(|e| e.code.as_str());
    // Labels, pages and sizes a [[window]] could not have; declared labels.
    assert_eq!(
        code(NewWindow::new("a b", "index.html")),
        Some("bad_request")
    );
    assert_eq!(
        code(NewWindow::new("help", "http://example.com/")),
        Some("bad_request")
    );
    assert_eq!(
        code(NewWindow::new("help", "../secret.html")),
        Some("bad_request")
    );
    assert_eq!(
        code(NewWindow::new("help", "index.html").size(10.0, 10.0)),
        Some("bad_request")
    );
    assert_eq!(
        code(NewWindow::new("settings", "index.html")),
        Some("bad_request")
    );
    assert_eq!(
        code(NewWindow::new("preview-1", "index.html")),
        Some("bad_request")
    );
    // A label a capability names through a glob (`main*`, which also covers the declared
    // `main`): only when the app says so.
    let globbed =
        "identifier = \"globbed\"\nwindows = [\"main*\"]\npermissions = [\"allow-greet\"]\n";
    drop(app);
    let context = support::fixture_with(
        "window-built-2",
        "",
        &[("capabilities/globbed.toml", globbed)],
    );
    let app = MockApp::new(support::with_placeholders(Builder::new(), &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    let handle = app.app_handle();
    let denied = handle.create_window(NewWindow::new("main-2", "index.html"));
    assert_eq!(denied.err().map(|e| e.code.as_str()), Some("denied"));
    handle
        .create_window(NewWindow::new("main-2", "index.html").with_capabilities())
        .expect("the app says so");
    let help = handle
        .create_window(
            NewWindow::new("help", "index.html")
                .title("Help")
                .size(500.0, 400.0),
        )
        .expect("a label no capability names");
    help.set_title("Help — 2");
    assert!(handle.window("help").is_ok());
    assert_eq!(app.open_requests(), ["main-2", "help"]);
}

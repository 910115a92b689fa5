//! Plugins: their commands are called as `plugin:<name>|<command>`, granted only through the
//! permissions of their manifest, and a plugin must match its manifest to start.

use rampart::mock::MockApp;
use rampart::{Builder, Commands, Context, Plugin, Reply, StartError};
use serde_json::json;

use crate::support;

/// The fixture app with a capability granting main two commands of the built-in `path` plugin.
fn context() -> Context {
    let paths = "identifier = \"paths\"\nwindows = [\"main\"]\npermissions = [\"path:allow-join\", \"path:allow-home-dir\"]\n";
    support::fixture_with("plugins", "", &[("capabilities/paths.toml", paths)])
}

#[rampart::command]
fn join(parts: Vec<String>) -> String {
    parts.join("/")
}

fn path_plugin() -> Plugin {
    Plugin::new("path")
        .commands(rampart::commands![join])
        .command("temp_dir", |_| Reply::json(&"/tmp"))
}

fn start(plugin: Plugin) -> Result<MockApp, StartError> {
    let builder = support::with_placeholders(Builder::new().plugin(plugin), &[]);
    MockApp::new(builder, context())
}

#[test]
fn a_plugin_command_runs_only_where_its_permission_is_granted() {
    let app = start(path_plugin()).unwrap_or_else(|e| panic!("{e}"));
    let joined = app.invoke("main", "plugin:path|join", json!({ "parts": ["a", "b"] }));
    assert_eq!(joined.status, 200, "{:?}", joined.json());
    assert_eq!(joined.json(), json!("a/b"));
    // Registered, but main is not granted it; settings is granted nothing of the plugin.
    let temp = app.invoke("main", "plugin:path|temp_dir", json!({}));
    assert_eq!(temp.error_code().as_deref(), Some("denied"));
    let other = app.invoke("settings", "plugin:path|join", json!({ "parts": [] }));
    assert_eq!(other.error_code().as_deref(), Some("denied"));
    // Granted, declared by the manifest, but no handler registered: not_found, nothing runs.
    let unhandled = app.invoke("main", "plugin:path|home_dir", json!({}));
    assert_eq!(unhandled.error_code().as_deref(), Some("not_found"));
}

fn start_error(plugin: Plugin) -> String {
    match start(plugin) {
        Err(StartError::Commands(message)) => message,
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("the app started"),
    }
}

#[test]
fn a_plugin_must_match_its_manifest() {
    let unknown = start_error(Plugin::new("sftp").command("get", |_| Ok(Reply::empty())));
    assert!(
        unknown.contains("plugin `sftp` has no manifest"),
        "{unknown}"
    );

    let undeclared =
        start_error(Plugin::new("path").command("delete_everything", |_| Ok(Reply::empty())));
    assert!(
        undeclared.contains("does not declare: delete_everything"),
        "{undeclared}"
    );
    assert!(
        undeclared.contains("join"),
        "it names what is declared: {undeclared}"
    );

    let runtime = start_error(Plugin::new("event").command("emit", |_| Ok(Reply::empty())));
    assert!(runtime.contains("the runtime's own"), "{runtime}");

    let builder = support::with_placeholders(
        Builder::new().plugin(path_plugin()).plugin(path_plugin()),
        &[],
    );
    match MockApp::new(builder, context()) {
        Err(StartError::Commands(message)) => assert!(message.contains("registered twice")),
        _ => panic!("a plugin registered twice must not start"),
    }
}

//! Capability files as authors of the best-known framework write them (JSON, with `$schema` and
//! `core:` permissions) load as they are where Rampart has the same thing, and otherwise fail
//! with a diagnostic that names what to write instead.

mod common;

use common::{app, errors, valid};
use rampart_core::acl::Facts;

/// The app's default capability, as its project template writes it, with the core plugins
/// Rampart has.
const DEFAULT_APP: &str = r#"{
  "$schema": "../gen/schemas/desktop-schema.json",
  "identifier": "default",
  "description": "Capability for the main window",
  "windows": ["main"],
  "permissions": ["core:event:default", "core:path:default", "core:window:allow-set-title", "opener:default", "fs:default"]
}"#;

/// A remote-URL capability.
const REMOTE: &str = r#"{
  "$schema": "../gen/schemas/remote-schema.json",
  "identifier": "remote-docs",
  "windows": ["main"],
  "remote": { "urls": ["https://*.tauri.app"] },
  "permissions": ["core:event:allow-listen", { "identifier": "http:default", "allow": [{ "url": "https://*.tauri.app" }] }]
}"#;

/// Plugin scopes, written inline.
const PLUGIN_SCOPES: &str = r#"{
  "identifier": "scopes",
  "windows": ["main", "settings-*"],
  "permissions": [
    "fs:default",
    { "identifier": "fs:scope", "allow": [{ "path": "$APPDATA/databases/*" }], "deny": [{ "path": "$APPDATA/databases/secret*" }] },
    { "identifier": "http:default", "allow": [{ "url": "https://*.tauri.app" }], "deny": [{ "url": "https://private.tauri.app" }] }
  ]
}"#;

#[test]
fn capability_files_of_the_same_shape_load() {
    let authority = valid(app(
        &[],
        &[],
        &[
            ("capabilities/default.json", DEFAULT_APP),
            ("capabilities/remote.json", REMOTE),
            ("capabilities/scopes.json", PLUGIN_SCOPES),
        ],
    ));
    let facts = Facts {
        window: "main",
        webview: "main",
        origin: &rampart_core::acl::Origin::Local,
    };
    // `core:event:default` is Rampart's `event:default`, `core:path:default` its `path:default`,
    // `core:window:allow-set-title` its `window:allow-set-title`.
    for command in [
        "plugin:event|listen",
        "plugin:path|resolve",
        "plugin:window|set_title",
        "plugin:fs|read_file",
    ] {
        assert!(authority.decide(facts, command).is_ok(), "{command}");
    }
}

#[test]
fn core_permissions_rampart_lacks_fail_naming_what_to_write() {
    for (permission, expected) in [
        (
            "core:default",
            "write `event:default`, `path:default` and `window:default`",
        ),
        (
            "core:webview:default",
            "manages webviews, menus and the tray from Rust",
        ),
        (
            "core:tray:default",
            "manages webviews, menus and the tray from Rust",
        ),
        (
            "core:event:allow-everything",
            "Rampart's `event` plugin has no permission",
        ),
        (
            "core:window:allow-fly",
            "Rampart's `window` plugin has no permission",
        ),
        (
            "core:unheard:default",
            "Rampart's core plugins are `event`, `path`, `window` and `channel`",
        ),
    ] {
        let file = format!(
            r#"{{"$schema": "x.json", "identifier": "c", "windows": ["main"], "permissions": ["{permission}"]}}"#
        );
        let text = errors(app(&[], &[], &[("capabilities/c.json", &file)]));
        assert!(
            text.contains(&format!("`{permission}`")),
            "{permission}: {text}"
        );
        assert!(text.contains(expected), "{permission}: {text}");
        assert!(
            text.contains("capabilities/c.json:1:"),
            "{permission}: {text}"
        );
    }
}

#[test]
fn a_tauri_shell_scope_fails_with_what_differs() {
    // Tauri's shell scope names programs by name on PATH and has `sidecar`: Rampart wants a fixed
    // absolute program and knows no sidecars.
    let file = r#"{"identifier": "shell", "windows": ["main"], "permissions": [
      { "identifier": "shell:allow-execute", "allow": [{ "name": "exec-sh", "cmd": "sh", "args": ["-c", { "validator": "\\S+" }], "sidecar": false }] }
    ]}"#;
    let text = errors(app(&[], &[], &[("capabilities/shell.json", file)]));
    assert!(text.contains("sidecar"), "{text}");
}

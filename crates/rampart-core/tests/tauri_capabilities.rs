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

/// A multi-window app: a main window, and settings windows on desktop platforms only.
const MULTI_WINDOW: &str = r#"{
  "$schema": "../gen/schemas/desktop-schema.json",
  "identifier": "settings",
  "description": "Settings windows may change their own title and close",
  "windows": ["settings", "settings-*"],
  "platforms": ["linux", "macOS", "windows"],
  "permissions": ["core:window:default", "core:window:allow-set-title", "core:window:allow-close"]
}"#;

/// The same app's mobile capability, which a desktop build keeps but never grants.
const MOBILE_ONLY: &str = r#"{
  "identifier": "mobile",
  "windows": ["main"],
  "platforms": ["iOS", "android"],
  "permissions": ["fs:default"]
}"#;

#[test]
fn a_multi_window_app_with_platform_capabilities_loads() {
    let authority = valid(app(
        &[],
        &[],
        &[
            ("capabilities/settings.json", MULTI_WINDOW),
            ("capabilities/mobile.json", MOBILE_ONLY),
        ],
    ));
    let facts = |window| Facts {
        window,
        webview: window,
        origin: &rampart_core::acl::Origin::Local,
    };
    for window in ["settings", "settings-2"] {
        for command in [
            "plugin:window|state",
            "plugin:window|set_title",
            "plugin:window|close",
        ] {
            assert!(
                authority.decide(facts(window), command).is_ok(),
                "{window} {command}"
            );
        }
        assert!(
            authority
                .decide(facts(window), "plugin:window|set_size")
                .is_err()
        );
    }
    // The mobile capability does not apply on this desktop platform.
    assert!(
        authority
            .decide(facts("main"), "plugin:fs|read_file")
            .is_err()
    );
    assert!(
        authority
            .decide(facts("main"), "plugin:window|close")
            .is_err()
    );
}

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

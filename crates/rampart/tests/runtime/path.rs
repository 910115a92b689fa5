//! The path plugin through the mock door: the app's directories as its scopes read them, and
//! `resolve`/`normalize` giving exactly the path an fs scope checks.

use rampart::Builder;
use rampart::mock::MockApp;
use rampart::plugins::{fs, path};
use serde_json::{Value, json};

use crate::support;

fn app() -> MockApp {
    let capability = "identifier = \"paths\"\nwindows = [\"main\"]\npermissions = [\"path:default\", \"fs:allow-exists\", { identifier = \"fs:scope\", allow = [{ path = \"$APPDATA/**\" }] }]\n";
    let context = support::fixture_with("path", "", &[("capabilities/paths.toml", capability)]);
    let builder = Builder::new().plugin(path::plugin()).plugin(fs::plugin());
    MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn call(app: &MockApp, command: &str, args: Value) -> Result<Value, String> {
    let response = app.invoke("main", &format!("plugin:path|{command}"), args);
    match response.error_code() {
        None => Ok(response.json()),
        Some(code) => Err(code),
    }
}

#[test]
fn directories_and_resolved_paths_are_those_the_scopes_read() {
    let app = app();
    let data = call(&app, "app_data_dir", json!({})).expect("app data dir");
    let data = data.as_str().expect("a string").to_string();
    assert!(
        data.starts_with('/') && data.ends_with("/com.rampart.fixture"),
        "{data}"
    );
    for command in [
        "app_config_dir",
        "app_cache_dir",
        "app_log_dir",
        "home_dir",
        "temp_dir",
    ] {
        let dir = call(&app, command, json!({})).expect(command);
        assert!(
            dir.as_str().is_some_and(|d| d.starts_with('/')),
            "{command}: {dir}"
        );
    }

    let resolved = call(
        &app,
        "resolve",
        json!({ "paths": ["$APPDATA", "notes", "./a/../b.md"] }),
    );
    assert_eq!(resolved, Ok(json!(format!("{data}/notes/b.md"))));
    assert_eq!(
        call(&app, "normalize", json!({ "path": "$APPDATA/x/../y/." })),
        Ok(json!(format!("{data}/y")))
    );
    assert_eq!(
        call(
            &app,
            "join",
            json!({ "paths": ["$APPDATA", "notes", "../x"] })
        ),
        Ok(json!("$APPDATA/notes/../x"))
    );
    assert_eq!(
        call(
            &app,
            "resolve",
            json!({ "paths": ["/tmp/a", "$APPDATA", "n"] })
        ),
        Ok(json!(format!("{data}/n")))
    );

    // What resolve answers is what the fs scope checks: inside $APPDATA, allowed; climbing out
    // of it, refused by the scope, whatever the spelling.
    let inside = call(&app, "resolve", json!({ "paths": ["$APPDATA", "n.md"] })).expect("resolved");
    let exists = app.invoke("main", "plugin:fs|exists", json!({ "path": inside }));
    assert_eq!(exists.error_code(), None);
    let out = call(
        &app,
        "resolve",
        json!({ "paths": ["$APPDATA", "..", "other"] }),
    )
    .expect("resolved");
    let refused = app.invoke("main", "plugin:fs|exists", json!({ "path": out }));
    assert_eq!(refused.error_code().as_deref(), Some("denied"));

    for (command, args) in [
        ("resolve", json!({ "paths": ["relative", "x"] })),
        ("resolve", json!({ "paths": ["$NOPE", "x"] })),
        ("resolve", json!({ "paths": ["/a\u{0}b"] })),
        ("normalize", json!({ "path": "" })),
        ("join", json!({ "paths": ["x".repeat(5000)] })),
        ("join", json!({ "paths": "not a list" })),
        ("app_data_dir", json!({ "extra": 1 })),
    ] {
        assert_eq!(
            call(&app, command, args.clone()),
            Err("bad_request".into()),
            "{command} {args}"
        );
    }
}

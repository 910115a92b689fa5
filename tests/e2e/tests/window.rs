//! The window plugin in the real WebView: a page renames and resizes its own window and reads
//! the change back from the window system; a change its capability does not grant is refused;
//! its request to close the window reaches the app's window hook, which keeps it open, and the
//! hook hears the resize.

use serde_json::json;

#[path = "support/apps.rs"]
mod apps;
mod support;

#[test]
fn a_page_changes_its_own_window_as_granted() {
    let app = std::env::temp_dir().join(format!("rampart-e2e-window-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    apps::copy_app("window", &app, &["index.js", "window.js"]);
    let root = app.to_str().expect("UTF-8 path");
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[root],
        &[("E2E_VETO_CLOSE", "1"), ("E2E_BUILD_WINDOWS", "1")],
    );
    let _ = std::fs::remove_dir_all(&app);
    let f = &report["findings"];
    assert_eq!(
        f["before"]["value"]["title"], "Rampart end-to-end: the window plugin",
        "{f:#}"
    );
    assert_eq!(f["setTitle"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(f["setSize"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(f["after"]["value"]["title"], "Renamed by the page", "{f:#}");
    assert_eq!(f["after"]["value"]["width"], 500.0, "{f:#}");
    assert_eq!(f["after"]["value"]["height"], 400.0, "{f:#}");
    assert_eq!(f["maximize"], json!({ "code": "denied" }), "{f:#}");
    // The page opened a note window from the template by its exact label; it ran with its own
    // capability (whoami, counted once; its report refused). Another note and a label outside
    // the window scope were refused. The note window was renamed and read within the scope;
    // maximizing it is not granted.
    assert_eq!(f["openNote"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(f["openOtherNote"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(f["openOther"], json!({ "code": "denied" }), "{f:#}");
    // The window the app built (`main-9`, allowed the helpers capability) ran whoami too;
    // building it without allowing that was refused.
    assert_eq!(f["buildDenied"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(f["build"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(report["whoami_runs"], 2, "{report:#}");
    assert_eq!(
        f["renameNote"],
        json!({ "ok": true, "value": null }),
        "{f:#}"
    );
    assert_eq!(f["note"]["value"]["title"], "Note seven", "{f:#}");
    assert_eq!(f["note"]["value"]["width"], 400.0, "{f:#}");
    assert_eq!(f["maximizeNote"], json!({ "code": "denied" }), "{f:#}");
    // The page asked to close its window; the app's hook kept it open, so the page reported.
    assert_eq!(f["close"], json!({ "ok": true, "value": null }), "{f:#}");
    let events = report["window_events"].as_array().expect("window events");
    let heard = |event: serde_json::Value| {
        events
            .iter()
            .any(|e| e == &json!({ "window": "main", "event": event }))
    };
    assert!(heard(json!({ "resized": [500.0, 400.0] })), "{events:#?}");
    assert!(heard(json!("close_requested")), "{events:#?}");
    assert!(!heard(json!("destroyed")), "{events:#?}");
    // The page heard the same about its own window (none of the note window's).
    let page = f["heard"].as_array().expect("heard");
    let resized = |e: &serde_json::Value| {
        e["event"] == "resized" && e["width"] == 500.0 && e["height"] == 400.0
    };
    assert!(page.iter().any(resized), "{page:#?}");
    let vetoed = json!({ "event": "close-requested", "prevented": true });
    assert!(page.iter().any(|e| e == &vetoed), "{page:#?}");
    assert!(
        !page.iter().any(|e| e["width"] == 400.0),
        "the note window's size: {page:#?}"
    );
}

#[test]
fn a_window_that_remembers_opens_where_it_was_left() {
    let scratch = std::env::temp_dir().join(format!("rampart-e2e-remember-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let app = scratch.join("app");
    apps::copy_app("remember", &app, &["index.js", "window.js"]);
    let config = scratch.join("config");
    let site_data = scratch.join("state");
    let data = scratch.join("data");
    let run = || {
        support::run_headless(
            env!("CARGO_BIN_EXE_rampart-e2e-dev"),
            &[app.to_str().expect("UTF-8 path")],
            &[
                ("XDG_CONFIG_HOME", config.to_str().expect("UTF-8 path")),
                ("XDG_STATE_HOME", site_data.to_str().expect("UTF-8 path")),
                ("XDG_DATA_HOME", data.to_str().expect("UTF-8 path")),
            ],
        )
    };
    let first = run();
    let f = &first["findings"];
    assert_eq!(f["runsBefore"], serde_json::Value::Null, "{f:#}");
    assert_eq!(f["opened"]["width"], 800.0, "{f:#}");
    assert_eq!(f["left"]["width"], 530.0, "{f:#}");
    let saved = config.join("com.rampart.e2e.remember/window-state.json");
    let text = std::fs::read_to_string(&saved).expect("the state is saved when the app exits");
    let state: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(state["main"]["width"], 530.0, "{text}");

    let second = run();
    let f = &second["findings"];
    // The page's storage outlived the first run, in the app's own folder of the engine's site
    // data, not in WebKit's default one (named after the program, which other apps may share).
    assert_eq!(f["runsBefore"], "1", "{f:#}");
    assert!(site_data.join("com.rampart.e2e.remember/webview").is_dir());
    assert!(!data.join("rampart-e2e-dev").exists());
    let opened = &f["opened"];
    let at = ["width", "height", "x", "y"].map(|key| opened[key].as_f64());
    assert_eq!(at, [530.0, 420.0, 40.0, 50.0].map(Some), "{f:#}");
    assert_eq!(opened["maximized"], false, "{f:#}");

    // A file that is not the runtime's is ignored: the window opens as declared.
    std::fs::write(&saved, "{ \"main\": { \"width\": \"wide\" } }").expect("write");
    let third = run();
    assert_eq!(third["findings"]["opened"]["width"], 800.0, "{third:#}");
    let _ = std::fs::remove_dir_all(&scratch);
}

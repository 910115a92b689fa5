//! The window guard in the real WebView (tests/e2e/guard, a window that lists nothing beyond the
//! app's own pages): its page tries to leave by a link, `location` and a meta refresh, to open
//! windows (`window.open`, `target=_blank`), to download, and to use geolocation. Each is
//! refused and reported to the app's refusal hook with what the page tried to reach; the page
//! stays where it was and its IPC still answers. The window routes refused links to the opener
//! plugin: the one URL its capability lets the opener open is opened, the rest stay refused
//! (each once), with the isolation pattern too. A frame of another origin and notifications
//! are refused by the engine before the guard hears of them (the policy's `frame-src`; WebKit
//! denies notifications itself): the page sees both refused.

use serde_json::{Value, json};

#[path = "support/apps.rs"]
mod apps;
mod support;

fn refused(report: &Value, reason: &str, target: &str) -> bool {
    report["refused"].as_array().is_some_and(|all| {
        all.iter().any(|r| {
            r["reason"] == reason && r["target"].as_str().is_some_and(|t| t.starts_with(target))
        })
    })
}

/// How many refusals the report lists whose target names `target`.
fn refusals_of(report: &Value, target: &str) -> usize {
    report["refused"].as_array().map_or(0, |all| {
        all.iter()
            .filter(|r| r["target"].as_str().is_some_and(|t| t.contains(target)))
            .count()
    })
}

#[test]
fn a_page_cannot_leave_open_windows_download_or_take_permissions() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/guard");
    check_guarded(&support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[root],
        &[],
    ));
}

/// The same app with the isolation pattern (a hook that lets everything through): the window's
/// refused links still reach the opener, which is the runtime's call for the page, not one the
/// page sealed (before, every such call was refused as unsealed, the allowed link included).
#[test]
fn the_guard_routes_links_to_the_opener_in_an_isolated_window_too() {
    let app = std::env::temp_dir().join(format!("rampart-e2e-guard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    apps::copy_app("guard", &app, &[]);
    let manifest = std::fs::read_to_string(app.join("Rampart.toml")).expect("read");
    let (head, windows) = manifest.split_once("[[window]]").expect("a window");
    let isolated =
        format!("{head}[security.isolation]\ndir = \"isolation-dist\"\n\n[[window]]{windows}");
    std::fs::write(app.join("Rampart.toml"), isolated).expect("write");
    std::fs::create_dir_all(app.join("isolation-dist")).expect("create");
    std::fs::write(
        app.join("isolation-dist/index.html"),
        "<!doctype html><meta charset=\"utf-8\"><script src=\"hook.js\"></script>",
    )
    .expect("write");
    std::fs::write(
        app.join("isolation-dist/hook.js"),
        "window.__RAMPART_ISOLATION_HOOK__ = (request) => request;",
    )
    .expect("write");
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[&app.to_string_lossy()],
        &[],
    );
    check_guarded(&report);
    let _ = std::fs::remove_dir_all(&app);
}

/// What both variants of the guard app must report.
fn check_guarded(report: &Value) {
    let report = report.clone();
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");

    // The page is still the app's, and its IPC answers.
    assert_eq!(f["location"], "app://localhost/index.html", "{report:#}");
    assert_eq!(
        f["whoami"],
        json!({ "ok": true, "value": "main" }),
        "{report:#}"
    );

    assert_eq!(f["windowOpen"], "null", "{report:#}");
    for (reason, target) in [
        ("new_window_refused", "https://example.com/opened"),
        ("new_window_refused", "https://example.com/blank"),
        ("navigation_refused", "https://example.com/location"),
        ("navigation_refused", "https://example.com/refresh"),
        ("download_refused", "blob:app://localhost/"),
        ("permission_refused", "geolocation"),
    ] {
        assert!(
            refused(&report, reason, target),
            "no {reason} for {target}: {report:#}"
        );
    }
    assert_eq!(f["geolocation"], "error 1", "PERMISSION_DENIED: {report:#}");
    // The window routes refused links to the opener, which its capability lets open one URL:
    // that link opened (and is no refusal); the others were refused by the opener's scope.
    assert_eq!(
        report["opened"],
        json!(["https://example.com/link"]),
        "{report:#}"
    );
    assert!(
        !refused(&report, "navigation_refused", "https://example.com/link"),
        "{report:#}"
    );
    // A link the opener refused is one refusal, the navigation's (the runtime made the call:
    // the gate does not report it a second time).
    assert_eq!(
        refusals_of(&report, "https://example.com/location"),
        1,
        "{report:#}"
    );
    assert_eq!(f["notifications"], "denied", "{report:#}");
    assert_eq!(f["frameViolation"], "frame-src", "{report:#}");
}

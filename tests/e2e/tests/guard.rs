//! The window guard in the real WebView (tests/e2e/guard, a window that lists nothing beyond the
//! app's own pages): its page tries to leave by a link, `location` and a meta refresh, to open
//! windows (`window.open`, `target=_blank`), to download, and to use geolocation. Each is
//! refused and reported to the app's refusal hook with what the page tried to reach; the page
//! stays where it was and its IPC still answers. The window routes refused links to the opener
//! plugin: the one URL its capability lets the opener open is opened, the rest stay refused. A frame of another origin and notifications
//! are refused by the engine before the guard hears of them (the policy's `frame-src`; WebKit
//! denies notifications itself): the page sees both refused.

use serde_json::{Value, json};

mod support;

fn refused(report: &Value, reason: &str, target: &str) -> bool {
    report["refused"].as_array().is_some_and(|all| {
        all.iter().any(|r| {
            r["reason"] == reason && r["target"].as_str().is_some_and(|t| t.starts_with(target))
        })
    })
}

#[test]
fn a_page_cannot_leave_open_windows_download_or_take_permissions() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/guard");
    let report = support::run_headless(env!("CARGO_BIN_EXE_rampart-e2e-dev"), &[root], &[]);
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
    assert_eq!(f["notifications"], "denied", "{report:#}");
    assert_eq!(f["frameViolation"], "frame-src", "{report:#}");
}

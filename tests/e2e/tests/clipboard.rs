//! The clipboard plugin in the real WebView (the X server's clipboard under Xvfb): text the page
//! copies is on the clipboard and reads back; more than the limit is refused; a PNG image
//! copied reads back as a PNG of the same pixels, and bytes that are not a PNG are refused.

use serde_json::json;

#[path = "support/apps.rs"]
mod apps;
mod support;

#[test]
fn a_page_copies_text_and_reads_it_back_with_its_permission() {
    let app = std::env::temp_dir().join(format!("rampart-e2e-clipboard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    apps::copy_app("clipboard", &app, &["index.js", "clipboard.js"]);
    let root = app.to_str().expect("UTF-8 path");
    let report = support::run_headless(env!("CARGO_BIN_EXE_rampart-e2e-dev"), &[root], &[]);
    let _ = std::fs::remove_dir_all(&app);
    let f = &report["findings"];
    assert_eq!(f["write"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(
        f["read"],
        json!({ "ok": true, "value": "copied by the page — ✓" }),
        "{f:#}"
    );
    assert_eq!(f["tooLarge"], json!({ "code": "too_large" }), "{f:#}");
    // The image went through GTK's clipboard and came back as a PNG of the same red pixels.
    assert_eq!(
        f["writeImage"],
        json!({ "ok": true, "value": null }),
        "{f:#}"
    );
    assert_eq!(
        f["readImage"],
        json!({ "signature": "PNG", "size": [3, 2], "pixel": [255, 0, 0, 255] }),
        "{f:#}"
    );
    assert_eq!(f["notPng"], json!({ "code": "bad_request" }), "{f:#}");
}

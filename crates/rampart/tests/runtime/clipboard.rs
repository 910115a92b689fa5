//! The clipboard plugin's permissions through the mock door: reading is its own permission,
//! not in `clipboard:default`, and refused before anything touches the clipboard.

use rampart::Builder;
use rampart::mock::MockApp;
use rampart::plugins::clipboard;
use serde_json::json;

use crate::support;

#[test]
fn reading_the_clipboard_needs_its_own_permission() {
    let capability =
        "identifier = \"copying\"\nwindows = [\"main\"]\npermissions = [\"clipboard:default\"]\n";
    let context = support::fixture_with(
        "clipboard",
        "",
        &[("capabilities/copying.toml", capability)],
    );
    let builder = Builder::new().plugin(clipboard::plugin());
    let app = MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    let read = app.invoke("main", "plugin:clipboard|read_text", json!({}));
    assert_eq!(read.error_code().as_deref(), Some("denied"));
    assert!(!read.body_read);
    // Writing is granted by default, and bounded (checked before the GTK thread is asked).
    let big = app.invoke(
        "main",
        "plugin:clipboard|write_text",
        json!({ "text": "x".repeat(clipboard::MAX_TEXT + 1) }),
    );
    assert_eq!(big.error_code().as_deref(), Some("too_large"));
    let other = app.invoke(
        "settings",
        "plugin:clipboard|write_text",
        json!({ "text": "x" }),
    );
    assert_eq!(other.error_code().as_deref(), Some("denied"));
}

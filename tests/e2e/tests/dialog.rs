//! The dialog plugin in the real WebView: a page granted reading but no path reads a file (and
//! shows it as an image through `asset://`) only once the person picked it in a dialog (played
//! by the folder app's test chooser, `E2E_DIALOG_PICK`); the file beside it stays out of reach.
//! The page also opens links through `@rampart/api/opener`: only the one its capability allows.

use serde_json::json;

#[path = "support/apps.rs"]
mod apps;
mod support;

/// A 1×1 PNG.
const PIXEL: [u8; 70] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 96, 248, 95, 15, 0, 2,
    135, 1, 128, 235, 71, 186, 146, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn what_the_person_picks_and_nothing_else_becomes_reachable() {
    let scratch = std::env::temp_dir().join(format!("rampart-e2e-dialog-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let pictures = scratch.join("pictures");
    std::fs::create_dir_all(&pictures).expect("create");
    let pictures = std::fs::canonicalize(&pictures).expect("canonical");
    let picked = pictures.join("picked one.png");
    let neighbour = pictures.join("neighbour.png");
    std::fs::write(&picked, PIXEL).expect("picked");
    std::fs::write(&neighbour, PIXEL).expect("neighbour");

    let app = scratch.join("app");
    apps::copy_app(
        "dialog",
        &app,
        &["index.js", "dialog.js", "fs.js", "opener.js"],
    );
    let paths = json!({ "picked": picked, "neighbour": neighbour });
    std::fs::write(app.join("dist/paths.json"), paths.to_string()).expect("paths");

    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[app.to_str().expect("UTF-8 path")],
        &[("E2E_DIALOG_PICK", picked.to_str().expect("UTF-8 path"))],
    );
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");
    assert_eq!(f["before"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(f["image_before"], "error", "{f:#}");
    assert_eq!(f["open"], json!({ "ok": true, "value": picked }), "{f:#}");
    assert_eq!(
        f["after"],
        json!({ "ok": true, "value": PIXEL.len() }),
        "{f:#}"
    );
    assert_eq!(f["image_after"], "1x1", "{f:#}");
    assert_eq!(f["neighbour"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(f["image_neighbour"], "error", "{f:#}");
    assert_eq!(f["ask"], json!({ "ok": true, "value": true }), "{f:#}");
    // @rampart/api/opener: the one URL the capability allows is opened (recorded by the folder
    // app's launcher), a picked file's URL and another URL are not.
    assert_eq!(f["open_url"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(f["open_file_url"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(f["open_other_url"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(
        report["opened"],
        json!(["https://example.com/picked"]),
        "{report:#}"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

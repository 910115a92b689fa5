//! The asset scheme in the real WebView: images inside the window's asset scope load; a denied
//! one, one outside, one through a planted symlink and encoded traversal (`%2e%2e`, double
//! encoding, `%2f`) do not; a range of a 1 GiB file comes back without the file being read
//! whole, and one too large to send whole is refused.

use std::os::unix::fs::symlink;

use serde_json::json;

mod support;

/// A 1×1 PNG.
const PIXEL: [u8; 70] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 96, 248, 95, 15, 0, 2,
    135, 1, 128, 235, 71, 186, 146, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn the_asset_scheme_serves_the_scope_and_nothing_else() {
    let data = std::env::temp_dir().join(format!("rampart-e2e-asset-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let appdata = data.join("com.rampart.e2e.asset");
    let pictures = appdata.join("pictures");
    std::fs::create_dir_all(pictures.join("private")).expect("folders");
    std::fs::write(pictures.join("pixel one.png"), PIXEL).expect("pixel");
    std::fs::write(pictures.join("private/pixel.png"), PIXEL).expect("private");
    std::fs::write(appdata.join("pixel.png"), PIXEL).expect("outside");
    std::fs::write(appdata.join("secret.txt"), "SECRET").expect("secret");
    symlink("../pixel.png", pictures.join("link.png")).expect("symlink");
    let big = std::fs::File::create(pictures.join("big.bin")).expect("big");
    big.set_len(1 << 30).expect("a sparse 1 GiB file");

    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/asset");
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[root],
        &[("XDG_DATA_HOME", data.to_str().expect("UTF-8 path"))],
    );
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");
    assert_eq!(f["allowed"], "1x1", "{f:#}");
    for refused in [
        "denied",
        "outside",
        "symlink",
        "dot_dot",
        "double_encoded",
        "encoded_slash",
    ] {
        assert_eq!(f[refused], "error", "{refused}: {f:#}");
    }
    assert_eq!(
        f["range"],
        json!({ "status": 206, "type": "application/octet-stream", "range": "bytes 1073741000-1073741823/1073741824", "length": 824, "text": "\u{0}".repeat(64) }),
        "{f:#}"
    );
    assert_eq!(f["slice"]["status"], 206, "{f:#}");
    assert_eq!(f["slice"]["text"], "PNG", "{f:#}");
    assert_eq!(f["whole_big"]["status"], 416, "{f:#}");
    assert_eq!(f["denied_fetch"]["status"], 403, "{f:#}");
    assert!(!f["denied_fetch"].to_string().contains("SECRET"), "{f:#}");
    // The refusals reached the app's refusal hook as asset fetches.
    let refused = report["refused"].as_array().cloned().unwrap_or_default();
    assert!(
        refused
            .iter()
            .filter(|r| r["reason"] == "scope_denied")
            .count()
            >= 3,
        "{report:#}"
    );
    let _ = std::fs::remove_dir_all(&data);
}

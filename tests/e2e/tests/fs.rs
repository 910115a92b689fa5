//! The fs plugin in the real WebView: a page (tests/e2e/fs, with the real `@rampart/api/fs` and
//! `@rampart/api/path` copied beside it) uses every command inside its scope, then tries to leave it: `..`,
//! absolute paths, symlinks planted here, the denied folder at either end of a rename or a copy,
//! a framed body made by hand, a guessed handle, and a handle kept across a reload. Each escape
//! is refused with `denied` (or a clear `bad_request`/`not_found`), nothing outside changes, and
//! the page keeps working.

use std::os::unix::fs::symlink;

use serde_json::{Value, json};

#[path = "support/apps.rs"]
mod apps;
mod support;

/// What the file outside the scope holds.
const MARKER: &str = "MARKER: outside the scope";

#[test]
fn the_page_works_inside_its_fs_scope_and_every_escape_is_refused() {
    let scratch = std::env::temp_dir().join(format!("rampart-e2e-fs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let app = scratch.join("app");
    apps::copy_app("fs", &app, &["index.js", "fs.js", "path.js"]);
    let data = scratch.join("data");
    let appdata = data.join("com.rampart.e2e.fs");
    std::fs::create_dir_all(appdata.join("private")).expect("appdata");
    std::fs::write(appdata.join("base.txt"), "base").expect("base");
    std::fs::write(appdata.join("private/key.txt"), "key").expect("key");
    std::fs::write(data.join("secret.txt"), MARKER).expect("secret");
    symlink("../secret.txt", appdata.join("link-file")).expect("symlink");
    symlink(&data, appdata.join("link-dir")).expect("symlink");

    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[app.to_str().expect("UTF-8 path")],
        &[("XDG_DATA_HOME", data.to_str().expect("UTF-8 path"))],
    );
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");
    let ok = |name: &str, value: Value| {
        assert_eq!(
            f[name],
            json!({ "ok": true, "value": value }),
            "{name}: {f:#}"
        )
    };
    let refused = |name: &str, code: &str| {
        assert_eq!(f[name]["code"], code, "{name}: {f:#}");
        let message = f[name]["message"].as_str().unwrap_or_default();
        assert!(
            !message.contains("MARKER") && !message.contains("**"),
            "{name}: {message}"
        );
    };

    assert_eq!(f["base"], "base", "{f:#}");
    refused("handle_after_reload", "not_found");

    ok("mkdir", Value::Null);
    ok("write_text", Value::Null);
    ok("append_text", Value::Null);
    ok("read_text", json!("héllo world"));
    ok("write_big", Value::Null);
    ok("read_big", json!(true));
    ok("handle", json!("world"));
    ok("stat", json!(13));
    ok("exists", json!(false));
    ok("copy", Value::Null);
    ok("rename", Value::Null);
    ok("read_dir", json!(["a.md", "big.bin", "c.md", "deep"]));
    ok("resolve_inside", json!([true, "héllo world!"]));
    refused("resolve_outside", "denied");
    ok("remove_tree", Value::Null);
    assert!(!appdata.join("notes").exists());

    for escape in [
        "dot_dot",
        "absolute",
        "symlink_file",
        "symlink_dir",
        "symlink_read_dir",
        "symlink_write",
        "symlink_copy",
        "denied_read",
        "denied_rename_to",
        "denied_rename_from",
        "denied_copy_from",
        "denied_copy_to",
        "denied_remove",
        "denied_open_write",
        "framed_by_hand",
    ] {
        refused(escape, "denied");
    }
    // The listing leaves the denied folder out and shows the links as links.
    ok("denied_list", json!(["base.txt", "link-dir", "link-file"]));
    refused("framed_bad_length", "bad_request");
    refused("guessed_handle", "not_found");
    refused("nul", "bad_request");

    // Nothing outside the scope or in the denied folder changed.
    assert_eq!(
        std::fs::read_to_string(data.join("secret.txt")).expect("secret"),
        MARKER
    );
    assert_eq!(
        std::fs::read_to_string(appdata.join("private/key.txt")).expect("key"),
        "key"
    );
    assert_eq!(
        std::fs::read_to_string(appdata.join("base.txt")).expect("base"),
        "base"
    );
    assert!(!data.join("pwned.txt").exists() && !appdata.join("stolen.txt").exists());
    let _ = std::fs::remove_dir_all(&scratch);
}

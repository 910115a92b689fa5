//! Commands touch files through their call's scope (`CallScope::open` and its siblings): real
//! files and symlinks in a temporary folder, reached through the mock door with each window's
//! own scope. The mechanics (races included) are tested in rampart-core's `scope_open.rs`.

use std::os::unix::fs::symlink;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;

use crate::calls_app;

/// Folders made by this test process so far.
static FOLDERS: AtomicUsize = AtomicUsize::new(0);

/// A fresh `$TEMP/rampart-files-<pid>-<n>/` holding `note.txt`, `secret/key`, and beside it
/// `outside.txt` in the temporary folder itself (outside every scope).
fn folder() -> PathBuf {
    let n = FOLDERS.fetch_add(1, Ordering::Relaxed);
    let temp = std::env::temp_dir();
    let root = temp.join(format!("rampart-files-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("secret")).expect("folder");
    std::fs::write(root.join("note.txt"), "groceries").expect("note");
    std::fs::write(root.join("secret/key"), "the key").expect("key");
    root
}

fn path(root: &std::path::Path, relative: &str) -> String {
    root.join(relative).display().to_string()
}

#[test]
fn a_command_reads_and_writes_files_its_scope_allows() {
    let app = calls_app::app();
    let root = folder();
    let read = app.invoke(
        "main",
        "read_text",
        json!({ "path": path(&root, "note.txt") }),
    );
    assert_eq!(read.json(), json!("groceries"), "{read:?}");
    let written = app.invoke(
        "main",
        "write_text",
        json!({ "path": path(&root, "new.txt"), "text": "written" }),
    );
    assert_eq!(written.status, 200, "{written:?}");
    assert_eq!(
        std::fs::read_to_string(root.join("new.txt")).expect("written"),
        "written"
    );
    let listed = app.invoke("main", "list_folder", json!({ "path": path(&root, "") }));
    assert_eq!(
        listed.json(),
        json!(["new.txt", "note.txt", "secret"]),
        "{listed:?}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn what_the_scope_refuses_is_refused_and_names_only_the_page_s_path() {
    let app = calls_app::app();
    let root = folder();
    let outside = std::env::temp_dir().join(format!("rampart-outside-{}", std::process::id()));
    std::fs::write(&outside, "MARKER").expect("outside");
    symlink(&outside, root.join("link.txt")).expect("symlink");
    symlink("../", root.join("up")).expect("symlink");
    for (input, code) in [
        (path(&root, "secret/key"), "denied"),
        (format!("{}/../rampart-outside-x", root.display()), "denied"),
        (outside.display().to_string(), "denied"),
        (path(&root, "link.txt"), "denied"),
        (path(&root, "up/rampart-files-x/note.txt"), "denied"),
        (path(&root, "missing.txt"), "not_found"),
        // A folder where a file is expected.
        (path(&root, "secret"), "bad_request"),
        ("relative/path".to_string(), "bad_request"),
    ] {
        let response = app.invoke("main", "read_text", json!({ "path": input }));
        assert_eq!(
            response.error_code().as_deref(),
            Some(code),
            "{input}: {response:?}"
        );
        let message = response.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            !message.contains("MARKER") && !message.contains("the key"),
            "{message}"
        );
    }
    // Writing through a symlink in the last component leaves its target untouched.
    let write = app.invoke(
        "main",
        "write_text",
        json!({ "path": path(&root, "link.txt"), "text": "overwritten" }),
    );
    assert_eq!(write.error_code().as_deref(), Some("denied"), "{write:?}");
    assert_eq!(
        std::fs::read_to_string(&outside).expect("outside"),
        "MARKER"
    );
    // The second window's scope holds none of main's files.
    let second = app.invoke(
        "second",
        "read_text",
        json!({ "path": path(&root, "note.txt") }),
    );
    assert_eq!(second.error_code().as_deref(), Some("denied"), "{second:?}");
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_file(&outside);
}

//! The shell plugin in the real WebView: a page (tests/e2e/shell, with the real
//! `@rampart/api/shell` copied beside it) runs the programs its scope names, sees shell syntax
//! passed literally, is refused other programs, arguments and spawning without a grant, streams
//! a spawned `cat`, and finds a process it kept across a reload killed.

use serde_json::json;

#[path = "support/apps.rs"]
mod apps;
mod support;

#[test]
fn the_page_runs_only_its_programs_literally_and_its_processes_end_with_it() {
    let scratch = std::env::temp_dir().join(format!("rampart-e2e-shell-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    apps::copy_app("shell", &scratch, &["index.js", "shell.js"]);
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[scratch.to_str().expect("UTF-8 path")],
        &[],
    );
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");
    assert_eq!(
        f["kill_after_reload"],
        json!({ "code": "not_found" }),
        "{f:#}"
    );
    assert_eq!(
        f["echo"],
        json!({ "ok": true, "value": "hello world\n" }),
        "{f:#}"
    );
    assert_eq!(
        f["literal"],
        json!({ "ok": true, "value": "$(id); `id` | sh\n" }),
        "{f:#}"
    );
    for refused in [
        "capitals",
        "extra_argument",
        "newline",
        "not_in_scope",
        "by_path",
        "spawn_not_granted",
    ] {
        assert_eq!(f[refused], json!({ "code": "denied" }), "{refused}: {f:#}");
    }
    assert_eq!(
        f["stream"],
        json!({ "ok": true, "value": ["stdout:línea uno\n", "exit:9"] }),
        "{f:#}"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

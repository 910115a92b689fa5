//! The isolation example, run as built (its pages and isolation application embedded by
//! `generate_context!`): the hook lets the note through, refuses writes outside the notes folder
//! that the capability would allow, and strips `telemetry` before Rust sees the call.

use std::process::Command;

#[test]
fn the_hook_narrows_the_capability_and_strips_the_field() {
    let scratch =
        std::env::temp_dir().join(format!("rampart-isolation-example-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    let app = env!("CARGO_BIN_EXE_rampart-isolation-example");
    let mut command = if std::env::var_os("DISPLAY").is_some() {
        Command::new(app)
    } else {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.args(["-a", app]);
        xvfb
    };
    let output = command
        .arg("--exit")
        .env("XDG_DATA_HOME", &scratch)
        .output()
        .expect("the app starts (is xvfb-run installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("ISOLATION_EXAMPLE "))
        .unwrap_or_else(|| panic!("no report in:\n{stdout}"));
    let received: serde_json::Value = serde_json::from_str(line).expect("JSON");
    assert_eq!(
        received,
        serde_json::json!({ "results": { "mkdir": "allowed", "note": "allowed", "outside": "denied", "climbing": "denied" } }),
        "telemetry is stripped, and only the note is written"
    );
    let data = scratch.join("com.rampart.examples.isolation");
    assert_eq!(
        std::fs::read_to_string(data.join("notes/today.md")).expect("the note"),
        "hello"
    );
    assert!(!data.join("settings.json").exists());
    let _ = std::fs::remove_dir_all(&scratch);
}

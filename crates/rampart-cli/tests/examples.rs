//! Every app under `examples/` loads, lists, and answers `rampart acl explain` as its
//! `expected-decisions.toml` says. Runs the real `rampart` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    code: String,
    scope: Option<String>,
}

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut apps: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("Rampart.toml").is_file())
        .collect();
    apps.sort();
    assert!(!apps.is_empty(), "no example apps found");
    apps
}

/// Runs `rampart acl ...` with a fixed home and no XDG variables, so paths are predictable.
fn rampart(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rampart"));
    command.arg("acl").args(args).env("HOME", "/home/tester");
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("XDG_") || key == "TMPDIR" {
            command.env_remove(key);
        }
    }
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run rampart: {e}"))
}

#[test]
fn every_example_lists_cleanly() {
    for app in examples() {
        let dir = app.to_string_lossy();
        let output = rampart(&["ls", "--dir", &dir]);
        assert!(
            output.status.success(),
            "{dir}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json = rampart(&["ls", "--dir", &dir, "--json"]);
        let listing: serde_json::Value =
            serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{dir}: {e}"));
        assert!(
            listing["capabilities"]
                .as_array()
                .is_some_and(|c| !c.is_empty())
        );
    }
}

#[test]
fn every_example_explains_as_expected() {
    let mut checked = 0;
    for app in examples() {
        let expected = app.join("expected-decisions.toml");
        let Ok(text) = std::fs::read_to_string(&expected) else {
            continue;
        };
        let expectations: Expectations =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let dir = app.to_string_lossy();
        for case in expectations.case {
            let mut args = vec!["explain", "--dir", &dir, "--json"];
            args.extend(case.args.iter().map(String::as_str));
            let output = rampart(&args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let result: serde_json::Value = serde_json::from_slice(&output.stdout)
                .unwrap_or_else(|e| panic!("{:?}: {e}; stderr: {stderr}", case.args));
            assert_eq!(
                result["code"],
                case.code.as_str(),
                "{:?}: {result:#}",
                case.args
            );
            let scope = result["scope_check"]["outcome"]
                .as_str()
                .map(str::to_string);
            assert_eq!(scope, case.scope, "{:?}: {result:#}", case.args);
            let fully_allowed =
                case.code == "granted" && case.scope.as_deref().is_none_or(|s| s == "allowed");
            let status = output.status.code();
            assert_eq!(
                status,
                Some(if fully_allowed { 0 } else { 1 }),
                "{:?}",
                case.args
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no expectations were checked");
}

#[test]
fn an_invalid_configuration_exits_2_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("rampart-cli-invalid-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("capabilities")).expect("temp dir");
    std::fs::write(
        dir.join("Rampart.toml"),
        "[app]\nidentifier = \"com.example.bad\"\ncommands = [\"read_note\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("capabilities/main.toml"),
        "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-red-note\"]\n",
    )
    .expect("write");
    let output = rampart(&[
        "explain",
        "--dir",
        &dir.to_string_lossy(),
        "--window",
        "main",
        "read_note",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("capabilities/main.toml:3:16"), "{stderr}");
    assert!(
        stderr.contains("did you mean `allow-read-note`?"),
        "{stderr}"
    );
    let missing = rampart(&["ls", "--dir", "/nonexistent/app"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Rampart.toml"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn schemas_are_written_as_json() {
    let dir = std::env::temp_dir().join(format!("rampart-cli-schemas-{}", std::process::id()));
    let output = rampart(&["schema", "--out", &dir.to_string_lossy()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in ["rampart", "permission", "capability", "plugin"] {
        let path = dir.join(format!("{name}.schema.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(schema.get("$schema").is_some(), "{name}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

//! `rampart acl` on broken app folders, as an auditor tries them: the diagnostics on stderr are
//! safe for a terminal (no raw control characters from the files) and bounded (no file echoed
//! whole), and nothing blocks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const MANIFEST: &str = "[app]\nidentifier = \"com.example.broken\"\ncommands = [\"read_note\"]\n";

/// An app folder with `Rampart.toml` and one capability file, removed when dropped.
struct BrokenApp(PathBuf);

impl BrokenApp {
    fn new(test: &str, capability: &[u8]) -> BrokenApp {
        let dir = std::env::temp_dir().join(format!("rampart-cli-{test}-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(dir.join("capabilities")).expect("temp dir");
        std::fs::write(dir.join("Rampart.toml"), MANIFEST).expect("write");
        std::fs::write(dir.join("capabilities/main.toml"), capability).expect("write");
        BrokenApp(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for BrokenApp {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// `rampart acl ls --dir DIR`, without colours, failing the test if it runs 60 s.
fn list(dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["acl", "ls", "--dir"])
        .arg(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run rampart: {e}"));
    let started = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            panic!("rampart acl ls blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cannot read rampart's output: {e}"))
}

#[test]
fn terminal_control_sequences_in_a_file_are_escaped_on_stderr() {
    // A raw OSC (window title), CSI (clear screen) and C1 CSI in a string, and the same written
    // as TOML escapes in a permission name.
    let capability = b"identifier = \"main\"\nwindows = [\"main\"]\n\
        permissions = [\"\x1b]0;owned\x07\x1b[2J\xc2\x9b31m\", \"fs:\\u001b[31mred\"]\n";
    let app = BrokenApp::new("escapes", capability);
    let output = list(app.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = output.stderr;
    let shown = String::from_utf8_lossy(&stderr);
    for raw in ["\u{1b}", "\u{7}", "\u{9b}"] {
        assert!(!shown.contains(raw), "{raw:?} on stderr: {shown}");
    }
    assert!(shown.contains("\\u{1b}]0;owned\\u{7}"), "{shown}");
    assert!(shown.contains("main.toml:3:17"), "{shown}");
}

#[test]
fn a_one_mebibyte_name_gives_a_short_error() {
    let name = "a".repeat((1 << 20) - 100);
    let capability =
        format!("identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"{name}\"]\n");
    let app = BrokenApp::new("long-name", capability.as_bytes());
    let output = list(app.path());
    assert_eq!(output.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&output.stderr);
    assert!(output.stderr.len() < 4_096, "{} bytes", output.stderr.len());
    assert!(shown.contains("main.toml:3:16"), "{shown}");
    assert!(shown.contains("at most 201 characters"), "{shown}");
}

#[test]
#[cfg(unix)]
fn a_fifo_manifest_is_refused_without_blocking() {
    let app = BrokenApp::new("fifo", b"");
    let manifest = app.path().join("Rampart.toml");
    std::fs::remove_file(&manifest).expect("rm");
    let made = Command::new("mkfifo").arg(&manifest).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let output = list(app.path());
    assert_eq!(output.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&output.stderr);
    assert!(
        shown.contains("Rampart.toml:1:1: this is a FIFO"),
        "{shown}"
    );
    assert!(!shown.contains("root folder"), "{shown}");
}

//! The WebView locked down, in the real WebView: the web process runs under bubblewrap in every
//! build; a release build (here `--profile lockdown`: release semantics, no debug assertions,
//! built unoptimised to keep the test quick) removes the inspector and engine switches of its
//! environment, so `WEBKIT_INSPECTOR_HTTP_SERVER` opens no port. The same app as a debug build,
//! in the same environment, is the control: there the inspector listens, so the release
//! assertion can fail. (`JSC_*` options, also removed, do not reach a sandboxed web process here
//! either way: that removal is covered by the lockdown unit tests.)

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod support;

const APP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/lockdown");

/// The folder app built with the `lockdown` profile (built here if it is not yet).
fn lockdown_binary() -> PathBuf {
    let debug = Path::new(env!("CARGO_BIN_EXE_rampart-e2e-dev"));
    let target = debug
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/debug");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--profile",
            "lockdown",
            "-p",
            "rampart-e2e",
            "--bin",
            "rampart-e2e-dev",
        ])
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cannot build the lockdown profile");
    target.join("lockdown/rampart-e2e-dev")
}

/// A free local port.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    listener.local_addr().expect("bound").port()
}

/// Runs `app` with the inspector switched on in its environment.
fn run_with_switches(app: &str) -> Value {
    let port = free_port().to_string();
    let inspector = format!("127.0.0.1:{port}");
    support::run_headless(
        app,
        &[APP],
        &[
            ("WEBKIT_INSPECTOR_HTTP_SERVER", inspector.as_str()),
            ("E2E_INSPECTOR_PORT", port.as_str()),
        ],
    )
}

/// Every WebKit web process of the app runs under bubblewrap, and there is one.
fn sandboxed(report: &Value) -> bool {
    let processes = report["web_processes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let web: Vec<&Value> = processes
        .iter()
        .filter(|p| {
            p["command"]
                .as_str()
                .and_then(|c| c.split(' ').next())
                .is_some_and(|program| program.ends_with("WebKitWebProcess"))
        })
        .collect();
    !web.is_empty() && web.iter().all(|p| p["under_bwrap"] == true)
}

#[test]
fn a_release_build_ignores_the_inspector_switch_and_every_build_is_sandboxed() {
    let debug = run_with_switches(env!("CARGO_BIN_EXE_rampart-e2e-dev"));
    assert_eq!(debug["findings"]["whoami"]["value"], "main", "{debug:#}");
    assert!(
        sandboxed(&debug),
        "the debug build's web process is not sandboxed: {debug:#}"
    );
    assert_eq!(
        debug["inspector_listening"], true,
        "the control: a debug build keeps the inspector: {debug:#}"
    );

    let binary = lockdown_binary();
    let release = run_with_switches(&binary.to_string_lossy());
    assert_eq!(
        release["findings"]["whoami"]["value"], "main",
        "{release:#}"
    );
    assert!(
        sandboxed(&release),
        "the release build's web process is not sandboxed: {release:#}"
    );
    assert_eq!(
        release["inspector_listening"], false,
        "a release build opened the inspector: {release:#}"
    );
}

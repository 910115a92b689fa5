//! A remote window in the real WebView: its `url` is an https page (served here by
//! `openssl s_server` with a certificate made for the test, which the app trusts through the
//! debug build's test-only API). The page's calls carry its origin and get only what the
//! capability naming that origin in `remote.urls` grants; it may navigate within its origin but
//! not elsewhere, not even to the app's own pages.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod support;

/// The remote page: what it may call, what it may not, and a navigation away.
const PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>a remote page</title>
<script>
"use strict";
const R = window.__RAMPART__;
const outcome = (promise) => promise.then((value) => ({ ok: true, value }), (error) => ({ ok: false, code: error.code }));
(async () => {
  const findings = { origin: location.origin };
  findings.whoami = await outcome(R.invoke("whoami"));
  findings.whoamiIpc = await outcome(R.invoke("whoami", {}, { door: "ipc" }));
  findings.fs = await outcome(R.invoke("plugin:fs|read_text_file", { path: "/etc/passwd" }));
  location.href = "https://example.com/leave";
  await new Promise((resolve) => setTimeout(resolve, 800));
  location.href = "app://localhost/index.html";
  await new Promise((resolve) => setTimeout(resolve, 800));
  findings.location = location.href;
  await R.invoke("report", findings);
})();
</script>
"#;

/// A free local port.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    listener.local_addr().expect("bound").port()
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A certificate for `localhost` and an https server of `dir` on `port`.
fn serve_https(dir: &Path, port: u16) -> Server {
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost"])
        .args(["-keyout", "key.pem", "-out", "cert.pem"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs (is it installed?)");
    assert!(made.success(), "openssl req failed");
    let server = Command::new("openssl")
        .args([
            "s_server", "-quiet", "-WWW", "-cert", "cert.pem", "-key", "key.pem",
        ])
        .args(["-accept", &port.to_string()])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the https server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Server(server)
}

/// An app folder whose window loads `url`, with a capability for that origin only.
fn app_folder(root: &Path, url: &str, origin: &str) {
    std::fs::create_dir_all(root.join("capabilities")).expect("create");
    std::fs::create_dir_all(root.join("dist")).expect("create");
    let manifest = format!(
        "[app]\nidentifier = \"com.rampart.e2e.remote\"\ncommands = [\"whoami\", \"report\"]\n\n[[window]]\nlabel = \"main\"\nurl = \"{url}\"\n"
    );
    std::fs::write(root.join("Rampart.toml"), manifest).expect("write");
    let capability = format!(
        "identifier = \"remote\"\nwindows = [\"main\"]\nlocal = false\nremote.urls = [\"{origin}\"]\npermissions = [\"allow-whoami\", \"allow-report\"]\n"
    );
    std::fs::write(root.join("capabilities/remote.toml"), capability).expect("write");
    std::fs::write(root.join("dist/index.html"), "<p>unused</p>").expect("write");
}

#[test]
fn a_remote_window_gets_its_origins_rights_and_stays_on_its_origin() {
    let scratch = std::env::temp_dir().join(format!("rampart-e2e-remote-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let site = scratch.join("site");
    std::fs::create_dir_all(&site).expect("create");
    std::fs::write(site.join("index.html"), PAGE).expect("write");
    let port = free_port();
    let _server = serve_https(&site, port);
    let origin = format!("https://localhost:{port}");
    let app = scratch.join("app");
    app_folder(&app, &format!("{origin}/index.html"), &origin);

    let trust = format!("localhost={}", site.join("cert.pem").display());
    let report: Value = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[&app.to_string_lossy()],
        &[("E2E_TRUST_CERT", trust.as_str())],
    );
    let f = &report["findings"];
    assert_eq!(f["origin"], json!(origin), "{report:#}");
    assert_eq!(
        f["whoami"],
        json!({ "ok": true, "value": "main" }),
        "{report:#}"
    );
    assert_eq!(
        f["whoamiIpc"],
        json!({ "ok": true, "value": "main" }),
        "{report:#}"
    );
    assert_eq!(f["fs"]["code"], "denied", "{report:#}");
    assert_eq!(
        f["location"],
        json!(format!("{origin}/index.html")),
        "{report:#}"
    );
    assert!(
        report["refused"]
            .as_array()
            .is_some_and(|r| r.contains(&json!({
                "reason": "navigation_refused",
                "target": "https://example.com/leave",
            }))),
        "{report:#}"
    );
    assert_eq!(report["whoami_runs"], 2, "{report:#}");
    let _ = std::fs::remove_dir_all(&scratch);
}

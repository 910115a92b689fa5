//! A remote window in the real WebView: its `url` is an https page (served here by
//! `openssl s_server` with a certificate made for the test, which the app trusts through the
//! debug build's test-only API). The page's calls carry its origin and get only what the
//! capability naming that origin in `remote.urls` grants; it may navigate within its origin but
//! not elsewhere, not even to the app's own pages.

use std::path::Path;

use serde_json::{Value, json};

#[path = "support/https.rs"]
mod https;
mod support;

use https::{free_port, serve_https};

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

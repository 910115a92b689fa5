//! `[dev] url` in the real WebView: a debug build loads its window from a development server on
//! this machine, and that origin — only that one — gets the app's own rights. A page of another
//! local origin, framed by it, is refused (by the window guard, before it loads).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;

use serde_json::json;

mod support;

/// The app's page, served by the development server.
const DEV_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>served by the dev server</title>
<script>
"use strict";
const R = window.__RAMPART__;
(async () => {
  const findings = { origin: location.origin };
  try {
    findings.whoami = { ok: true, value: await R.invoke("whoami") };
  } catch (e) {
    findings.whoami = { ok: false, code: e.code };
  }
  findings.frame = await new Promise((resolve) => {
    window.addEventListener("message", (event) => resolve(event.data));
    const frame = document.createElement("iframe");
    frame.src = "OTHER/frame.html";
    document.body.appendChild(frame);
    setTimeout(() => resolve("timeout"), 5000);
  });
  await R.invoke("report", findings);
})();
</script>"#;

/// A page of another local origin (another port), framed by the app's page.
const OTHER_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<script>
fetch("ipc://localhost/whoami", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })
  .then((r) => "status " + r.status, (e) => "error " + e)
  .then((result) => parent.postMessage(result, "*"));
</script>"#;

/// Serves `page` for every request, on a port of its own; returns the origin.
fn serve(page: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let origin = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("bound").port()
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &page);
        }
    });
    origin
}

fn answer(mut stream: TcpStream, page: &str) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    // Read the request head; the body of a GET is empty.
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

/// The isolation application of the isolated variant: its hook refuses `whoami` and marks the
/// report's arguments, so the report says whether the page's calls went through it.
const ISOLATION_HOOK: &str = r#"window.__RAMPART_ISOLATION_HOOK__ = (request) => {
  if (request.command === "whoami") return null;
  return { ...request, args: { ...request.args, throughIsolation: true } };
};"#;

/// An app folder whose `[dev] url` is `dev_origin`; with `isolation`, its pages run with the
/// isolation pattern (the application of [`ISOLATION_HOOK`]).
fn app_folder(dev_origin: &str, isolation: bool) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "rampart-e2e-dev-{}-{isolation}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("capabilities")).expect("create");
    std::fs::create_dir_all(root.join("dist")).expect("create");
    let mut manifest = format!(
        "[app]\nidentifier = \"com.rampart.e2e.dev\"\ncommands = [\"whoami\", \"report\"]\n\n[dev]\nurl = \"{dev_origin}\"\n\n[[window]]\nlabel = \"main\"\nurl = \"index.html\"\n"
    );
    if isolation {
        manifest.push_str("\n[security.isolation]\ndir = \"isolation-dist\"\n");
        let files = root.join("isolation-dist");
        std::fs::create_dir_all(&files).expect("create");
        let page = "<!doctype html><meta charset=\"utf-8\"><script src=\"hook.js\"></script>";
        std::fs::write(files.join("index.html"), page).expect("write");
        std::fs::write(files.join("hook.js"), ISOLATION_HOOK).expect("write");
    }
    std::fs::write(root.join("Rampart.toml"), manifest).expect("write");
    let capability = "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-whoami\", \"allow-report\"]\n";
    std::fs::write(root.join("capabilities/main.toml"), capability).expect("write");
    root
}

#[test]
fn the_dev_server_origin_is_the_apps_own_and_no_other_is() {
    let other = serve(OTHER_PAGE.to_string());
    let dev = serve(DEV_PAGE.replace("OTHER", &other));
    let root = app_folder(&dev, false);
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[&root.to_string_lossy()],
        &[],
    );
    let f = &report["findings"];
    assert_eq!(
        f["origin"],
        json!(dev),
        "the window loaded from the dev server: {report:#}"
    );
    assert_eq!(
        f["whoami"],
        json!({ "ok": true, "value": "main" }),
        "{report:#}"
    );
    // Another local origin is refused before it loads: the window guard lets a frame load only
    // what the pages' policy allows (the door would refuse its call too: tests/runtime).
    assert_eq!(
        f["frame"], "timeout",
        "another local origin loaded: {report:#}"
    );
    assert!(
        report["refused"]
            .as_array()
            .is_some_and(|r| r.contains(&json!({
                "reason": "navigation_refused",
                "target": format!("{other}/frame.html"),
            }))),
        "the guard refused the frame and said so: {report:#}"
    );
    assert_eq!(
        report["whoami_runs"], 1,
        "only the dev page's call ran: {report:#}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// With the isolation pattern, the development server's pages are the app's own to it too: their
/// calls go through the isolation application and are sealed (before, the API sealed only the
/// calls of `app://localhost` pages and the gate refused every other as unsealed).
#[test]
fn the_dev_server_pages_call_through_the_isolation_application() {
    let dev = serve(DEV_PAGE.replace("OTHER", "http://127.0.0.1:9"));
    let root = app_folder(&dev, true);
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[&root.to_string_lossy()],
        &[],
    );
    let f = &report["findings"];
    assert_eq!(f["origin"], json!(dev), "{report:#}");
    assert_eq!(
        f["throughIsolation"], true,
        "the report went through the isolation application: {report:#}"
    );
    assert_eq!(
        f["whoami"],
        json!({ "ok": false, "code": "denied" }),
        "the hook refused whoami: {report:#}"
    );
    assert_eq!(report["whoami_runs"], 0, "{report:#}");
    let _ = std::fs::remove_dir_all(&root);
}

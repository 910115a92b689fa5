//! The http plugin in the real WebView: a page (tests/e2e/http, with the real `@rampart/api/http`
//! copied beside it) reaches a local https server (`openssl s_server`, a certificate made here)
//! through the plugin, which its capability allows for that one origin on the local network;
//! its own `fetch` is blocked by the CSP, and look-alike URLs, another host, the IP address, plain
//! http and a `Host` header are refused.

use serde_json::json;

#[path = "support/apps.rs"]
mod apps;
#[path = "support/https.rs"]
mod https;
mod support;

use https::{free_port, serve_https};

#[test]
fn the_page_reaches_only_what_its_url_scope_allows() {
    let scratch = std::env::temp_dir().join(format!("rampart-e2e-http-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let site = scratch.join("site");
    std::fs::create_dir_all(&site).expect("create");
    std::fs::write(site.join("hello.txt"), "hello from the server").expect("write");
    let port = free_port();
    let _server = serve_https(&site, port);

    let app = scratch.join("app");
    apps::copy_app("http", &app, &["index.js", "http.js"]);
    std::fs::write(app.join("dist/port.json"), format!("{{\"port\":{port}}}")).expect("port");
    std::fs::create_dir_all(app.join("capabilities")).expect("create");
    let capability = format!(
        "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-report\", {{ identifier = \"http:default\", allow = [{{ url = \"https://localhost:{port}/*\", local-network = true }}] }}]\n"
    );
    std::fs::write(app.join("capabilities/main.toml"), capability).expect("capability");

    let trust = format!("localhost={}", site.join("cert.pem").display());
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[app.to_str().expect("UTF-8 path")],
        &[("E2E_TRUST_CERT", trust.as_str())],
    );
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");
    assert_eq!(
        f["allowed"],
        json!({ "ok": true, "value": [200, "hello from the server", format!("https://localhost:{port}/hello.txt")] }),
        "{f:#}"
    );
    assert_eq!(f["missing"]["ok"], true, "{f:#}");
    assert_eq!(f["plain_fetch"], json!({ "code": "TypeError" }), "{f:#}");
    for refused in ["userinfo", "other_host", "ip_literal", "plain_http"] {
        assert_eq!(f[refused], json!({ "code": "denied" }), "{refused}: {f:#}");
    }
    assert_eq!(f["host_header"], json!({ "code": "bad_request" }), "{f:#}");
    assert_eq!(f["aborted"], json!({ "code": "AbortError" }), "{f:#}");
    let _ = std::fs::remove_dir_all(&scratch);
}

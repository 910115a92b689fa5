//! The http plugin through the mock door, against a local HTTPS server started here (its
//! certificate made at test time and trusted through the plugin's test-only option): allowed
//! requests, look-alike URLs, every kind of refused redirect, loopback by name and by address
//! without the rule's opt-in, an oversized and a never-ending response, a cancelled request.

use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use rampart::Builder;
use rampart::mock::{MockApp, MockRequest, MockResponse};
use rampart::plugins::http;
use rampart_core::ipc::framed;
use serde_json::{Value, json};

use crate::https_server::HttpsServer;
use crate::support;

fn server() -> &'static HttpsServer {
    static SERVER: OnceLock<HttpsServer> = OnceLock::new();
    SERVER.get_or_init(HttpsServer::start)
}

/// `main` may reach `https://localhost:<port>/*` (local network allowed) but not `/secret/*`;
/// `settings` the same URLs, and the address itself, without the opt-in.
fn app() -> Arc<MockApp> {
    app_with_main_rules("")
}

/// [`app`], with `rules` added to the allow rules of `main`'s fetch.
fn app_with_main_rules(rules: &str) -> Arc<MockApp> {
    let port = server().port;
    let main = format!(
        "identifier = \"web\"\nwindows = [\"main\"]\npermissions = [\"http:default\", {{ identifier = \"http:allow-fetch\", allow = [{{ url = \"https://localhost:{port}/*\", local-network = true }}{rules}], deny = [{{ url = \"https://localhost:{port}/secret/*\" }}] }}]\n"
    );
    let settings = format!(
        "identifier = \"public\"\nwindows = [\"settings\"]\npermissions = [{{ identifier = \"http:default\", allow = [{{ url = \"https://localhost:{port}/*\" }}, {{ url = \"https://127.0.0.1:{port}/*\" }}] }}]\n"
    );
    let context = support::fixture_with(
        "http",
        "",
        &[
            ("capabilities/web.toml", &main),
            ("capabilities/public.toml", &settings),
        ],
    );
    let options = http::Options::default()
        .test_trust_certificate(&server().ca_pem)
        .unwrap_or_else(|e| panic!("{e}"));
    let builder = Builder::new().plugin(http::plugin_with(options));
    Arc::new(
        MockApp::new(support::with_placeholders(builder, &[]), context)
            .unwrap_or_else(|e| panic!("{e}")),
    )
}

/// What a fetch answered: the head and body, or the error code and message.
fn fetch(
    app: &MockApp,
    webview: &str,
    head: Value,
    body: &[u8],
) -> Result<(Value, Vec<u8>), (String, String)> {
    let answer = send(app, webview, head, body);
    match answer.error_code() {
        Some(code) => Err((
            code,
            answer.json()["message"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )),
        None => {
            let (head, body) = framed::split(&answer.body).unwrap_or_else(|e| panic!("{e}"));
            Ok((
                serde_json::from_slice(head).unwrap_or(Value::Null),
                body.to_vec(),
            ))
        }
    }
}

fn send(app: &MockApp, webview: &str, head: Value, body: &[u8]) -> MockResponse {
    app.request(
        webview,
        MockRequest {
            content_type: Some("application/octet-stream"),
            body: framed::join(head.to_string().as_bytes(), body),
            ..MockRequest::invoke("plugin:http|fetch", Value::Null)
        },
    )
}

fn url(path: &str) -> String {
    format!("https://localhost:{}{path}", server().port)
}

fn code(result: Result<(Value, Vec<u8>), (String, String)>) -> (String, String) {
    match result {
        Ok((head, _)) => panic!("allowed: {head}"),
        Err(error) => error,
    }
}

#[test]
fn allowed_requests_go_through_with_their_method_body_and_headers() {
    let app = app();
    let (head, body) = fetch(&app, "main", json!({ "url": url("/hello") }), b"").expect("hello");
    assert_eq!(
        (head["status"].clone(), body.as_slice()),
        (json!(200), &b"hello"[..])
    );
    assert_eq!(head["redirected"], false);
    let (_, body) = fetch(
        &app,
        "main",
        json!({ "url": url("/echo"), "method": "post" }),
        b"payload",
    )
    .expect("echo");
    assert_eq!(body, b"POST payload");
    let (_, body) = fetch(
        &app,
        "main",
        json!({ "url": url("/headers"), "headers": [["x-token", "abc"]] }),
        b"",
    )
    .expect("headers");
    assert!(String::from_utf8_lossy(&body).contains("x-token: abc"));
    // A redirect inside the scope is followed; a 303 turns a POST into a GET.
    let within = url(&format!("/see-other?to={}", url("/echo")));
    let (head, body) = fetch(
        &app,
        "main",
        json!({ "url": within, "method": "POST" }),
        b"gone",
    )
    .expect("303");
    assert_eq!(
        (head["redirected"].clone(), body.as_slice()),
        (json!(true), &b"GET "[..])
    );
    assert_eq!(head["url"], url("/echo"));
}

#[test]
fn look_alikes_other_schemes_and_refused_redirects_are_denied() {
    let app = app();
    let port = server().port;
    for target in [
        format!("https://localhost:{port}@evil.example/hello"),
        format!("https://user:pw@localhost:{port}/hello"),
        format!("https://localhost.evil.example:{port}/hello"),
        format!("http://localhost:{port}/hello"),
        format!("https://localhost:{}/hello", port + 1),
        url("/secret/key"),
        "ftp://localhost/hello".to_string(),
        "file:///etc/passwd".to_string(),
        // IPv6 literals of this machine, and a confusable host (Cyrillic `о`: punycode).
        format!("https://[::1]:{port}/hello"),
        format!("https://[::ffff:127.0.0.1]:{port}/hello"),
        format!("https://l\u{43e}calhost:{port}/hello"),
        "data:text/plain,hello".to_string(),
        "javascript:alert(1)".to_string(),
    ] {
        let (code_, message) = code(fetch(&app, "main", json!({ "url": target }), b""));
        assert_eq!(code_, "denied", "{target}: {message}");
    }
    for to in [
        "https://evil.example/".to_string(),
        format!("http://localhost:{port}/hello"),
        format!("https://127.0.0.1:{port}/hello"),
        format!("https://localhost:{port}/secret/key"),
    ] {
        let (code_, message) = code(fetch(
            &app,
            "main",
            json!({ "url": url(&format!("/redirect?to={to}")) }),
            b"",
        ));
        assert_eq!(code_, "denied", "redirect to {to}: {message}");
        // It names the URL the page sent, not where the server sent it.
        assert_eq!(
            message,
            format!(
                "`{}` redirected to a URL the http scope does not allow",
                url(&format!("/redirect?to={to}"))
            )
        );
    }
    let (code_, message) = code(fetch(&app, "main", json!({ "url": url("/loop") }), b""));
    assert_eq!(code_, "bad_request", "{message}");
    assert!(message.contains("more than 10 times"), "{message}");
}

#[test]
fn local_addresses_need_the_rules_opt_in_by_name_and_by_address() {
    let app = app();
    // `settings` may fetch the same URLs, but its rules do not reach the local network: a name
    // that resolves to 127.0.0.1 and the address itself are refused before anything is sent.
    let (code_, message) = code(fetch(
        &app,
        "settings",
        json!({ "url": url("/hello") }),
        b"",
    ));
    assert_eq!(code_, "denied", "{message}");
    assert!(message.contains("local-network"), "{message}");
    let literal = format!("https://127.0.0.1:{}/hello", server().port);
    let (code_, message) = code(fetch(&app, "settings", json!({ "url": literal }), b""));
    assert_eq!(code_, "denied", "{message}");
    // A second call is refused the same way: each connection resolves and checks again.
    assert_eq!(
        code(fetch(
            &app,
            "settings",
            json!({ "url": url("/hello") }),
            b""
        ))
        .0,
        "denied"
    );
}

#[test]
fn size_and_time_are_bounded_and_a_request_can_be_cancelled() {
    let app = app();
    let (code_, message) = code(fetch(
        &app,
        "main",
        json!({ "url": url("/big"), "maxResponseBytes": 1_000_000 }),
        b"",
    ));
    assert_eq!(code_, "too_large", "{message}");
    let (code_, _) = code(fetch(&app, "main", json!({ "url": url("/big") }), b""));
    assert_eq!(code_, "too_large", "the default bound is 16 MiB");
    let started = Instant::now();
    let (code_, message) = code(fetch(
        &app,
        "main",
        json!({ "url": url("/forever"), "timeoutMs": 500 }),
        b"",
    ));
    assert_eq!(code_, "internal", "{message}");
    assert!(
        message.contains("did not answer within 500 ms"),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(4));

    let slow = {
        let app = app.clone();
        thread::spawn(move || {
            fetch(
                &app,
                "main",
                json!({ "url": url("/slow"), "requestId": "r1" }),
                b"",
            )
        })
    };
    let mut cancelled = false;
    for _ in 0..100 {
        thread::sleep(Duration::from_millis(20));
        let answer = app.invoke("main", "plugin:http|cancel", json!({ "requestId": "r1" }));
        if answer.error_code().is_none() {
            cancelled = true;
            break;
        }
    }
    assert!(cancelled, "the request was never in flight");
    let (code_, message) = code(slow.join().expect("the fetch thread"));
    assert_eq!(
        (code_.as_str(), message.as_str()),
        ("bad_request", "the request was cancelled")
    );
    // Another page cannot cancel it, and an unknown id is not found.
    let other = app.invoke(
        "settings",
        "plugin:http|cancel",
        json!({ "requestId": "r1" }),
    );
    assert_eq!(other.error_code().as_deref(), Some("not_found"));

    // A request the page gave no id is cancelled all the same when the page goes away.
    let anonymous = {
        let app = app.clone();
        thread::spawn(move || fetch(&app, "main", json!({ "url": url("/slow") }), b""))
    };
    thread::sleep(Duration::from_millis(300));
    app.page_unload("main");
    let (code_, message) = code(anonymous.join().expect("the fetch thread"));
    assert_eq!(
        (code_.as_str(), message.as_str()),
        ("bad_request", "the request was cancelled")
    );
}

#[test]
fn bad_input_gets_a_clear_error() {
    let app = app();
    for (head, expected) in [
        (json!({ "url": "not a url" }), "bad_request"),
        (
            json!({ "url": url("/hello"), "method": "CONNECT" }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "headers": [["Host", "evil.example"]] }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "headers": [["proxy-x", "1"]] }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "headers": [["x", "a\r\nb: c"]] }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "headers": [["bad name", "1"]] }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "maxResponseBytes": 1u64 << 40 }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "proxy": "http://evil" }),
            "bad_request",
        ),
        (
            json!({ "url": url("/hello"), "requestId": "" }),
            "bad_request",
        ),
    ] {
        let (code_, message) = code(fetch(&app, "main", head.clone(), b""));
        assert_eq!(code_, expected, "{head}: {message}");
    }
    let json_body = app.invoke("main", "plugin:http|fetch", json!({ "url": url("/hello") }));
    assert_eq!(json_body.error_code().as_deref(), Some("bad_request"));
    assert!(fetch(&app, "main", json!({ "url": url("/hello") }), b"").is_ok());
}

#[test]
fn credentials_are_dropped_on_a_redirect_to_another_origin_only() {
    let port = server().port;
    // The address is another origin, which this app's scope allows too.
    let app = app_with_main_rules(&format!(
        ", {{ url = \"https://127.0.0.1:{port}/*\", local-network = true }}"
    ));
    let headers = json!([
        ["authorization", "Bearer s3cret"],
        ["cookie", "id=42"],
        ["x-token", "kept"]
    ]);
    let through = |to: &str| {
        let head = json!({ "url": url(&format!("/redirect?to={to}")), "headers": headers });
        let (_, body) = fetch(&app, "main", head, b"").unwrap_or_else(|e| panic!("{to}: {e:?}"));
        String::from_utf8_lossy(&body).to_lowercase()
    };
    let same = through(&url("/headers"));
    assert!(same.contains("authorization: bearer s3cret"), "{same}");
    assert!(same.contains("cookie: id=42"), "{same}");
    let other = through(&format!("https://127.0.0.1:{port}/headers"));
    assert!(other.contains("x-token: kept"), "{other}");
    assert!(!other.contains("authorization"), "{other}");
    assert!(!other.contains("cookie"), "{other}");
}

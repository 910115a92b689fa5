//! The isolation pattern's gate, through the mock door: a webview that runs with it gets no call
//! of its own origin run unless its isolation frame sealed it with the webview's key, for that
//! command and that webview, once; a webview without it refuses sealed calls; no other origin
//! may send one.

use rampart::mock::{MockApp, MockRequest, MockResponse};
use rampart::{Builder, Commands, Reply};
use serde_json::{Value, json};

use crate::support;

const SEALED: &str = "application/x-rampart-sealed";

/// The fixture with `main` isolated (not `settings`); `greet` answers the body it received.
fn app() -> MockApp {
    app_with(rampart::Limits::default())
}

fn app_with(limits: rampart::Limits) -> MockApp {
    let context = support::fixture_with(
        "isolation",
        "[security.isolation]\ndir = \"isolation\"\nwindows = [\"main\"]\n",
        &[
            (
                "isolation/index.html",
                "<!doctype html><script src=\"hook.js\"></script>",
            ),
            // A remote origin granted `greet` in `main`: its sealed calls are still refused.
            (
                "capabilities/docs.toml",
                "identifier = \"docs\"\nwindows = [\"main\"]\nlocal = false\nremote.urls = [\"https://docs.example.com\"]\npermissions = [\"allow-greet\"]\n",
            ),
        ],
    );
    let builder = Builder::new()
        .limits(limits)
        .command("greet", |call| Ok(Reply::Bytes(call.bytes().to_vec())));
    MockApp::new(support::with_placeholders(builder, &["greet"]), context)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn sealed(
    app: &MockApp,
    webview: &str,
    command: &str,
    envelope: Vec<u8>,
    origin: Option<&str>,
) -> MockResponse {
    let mut request = MockRequest {
        content_type: Some(SEALED),
        body: envelope,
        ..MockRequest::invoke(command, Value::Null)
    };
    if let Some(origin) = origin {
        request.origin = Some(origin);
    }
    app.request(webview, request)
}

/// A JSON call sealed with `webview`'s key.
fn seal_json(app: &MockApp, webview: &str, head: &str) -> Vec<u8> {
    app.seal(webview, head, b"")
}

/// The clock the frame stamps its calls with: ms since the Unix epoch.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

fn plain(command: &str, webview: &str, counter: u64, args: Value) -> String {
    json!({ "command": command, "webview": webview, "session": 1, "counter": counter, "time": now(), "args": args }).to_string()
}

#[test]
fn only_calls_sealed_for_this_command_and_webview_run_and_each_once() {
    let app = app();
    // Unsealed, through the API's own path: refused before anything runs.
    let unsealed = app.invoke("main", "greet", json!({ "name": "x" }));
    assert_eq!(unsealed.error_code().as_deref(), Some("denied"));
    assert!(!unsealed.body_read);

    let envelope = seal_json(
        &app,
        "main",
        &plain("greet", "main", 1, json!({ "name": "ada" })),
    );
    let answer = sealed(&app, "main", "greet", envelope.clone(), None);
    assert_eq!(answer.status, 200, "{:?}", answer.json());
    assert_eq!(
        answer.body, br#"{"name":"ada"}"#,
        "the command gets the sealed arguments"
    );

    // The same envelope again: a replay.
    let replay = sealed(&app, "main", "greet", envelope, None);
    assert_eq!(replay.error_code().as_deref(), Some("denied"));
    assert!(
        replay.json()["message"]
            .as_str()
            .unwrap_or_default()
            .contains("replay")
    );

    // Moved to another command, or to another webview.
    let moved = seal_json(&app, "main", &plain("greet", "main", 2, json!({})));
    assert_eq!(
        sealed(&app, "main", "secret", moved, None)
            .error_code()
            .as_deref(),
        Some("denied")
    );
    let elsewhere = seal_json(&app, "main", &plain("greet", "settings", 3, json!({})));
    assert_eq!(
        sealed(&app, "main", "greet", elsewhere, None)
            .error_code()
            .as_deref(),
        Some("denied")
    );

    // Sealed with another key, or changed on the way.
    let forged = rampart_core::ipc::seal::seal(
        &rampart_core::ipc::SealKey::new(&[7; 32]),
        &[1; 12],
        plain("greet", "main", 4, json!({})).as_bytes(),
    );
    assert_eq!(
        sealed(&app, "main", "greet", forged, None)
            .error_code()
            .as_deref(),
        Some("denied")
    );
    let mut flipped = seal_json(&app, "main", &plain("greet", "main", 5, json!({})));
    flipped[15] ^= 1;
    assert_eq!(
        sealed(&app, "main", "greet", flipped, None)
            .error_code()
            .as_deref(),
        Some("denied")
    );

    // Bytes, sealed: the command gets them raw.
    let bytes = app.seal(
        "main",
        &json!({ "command": "greet", "webview": "main", "session": 1, "counter": 6, "time": now(), "bytes": true }).to_string(),
        &[0, 1, 2, 3],
    );
    let answer = sealed(&app, "main", "greet", bytes, None);
    assert_eq!(
        (answer.status, answer.body.as_slice()),
        (200, &[0u8, 1, 2, 3][..])
    );

    // Out of order but new is fine; the counter is the frame's, not the door's.
    let later = seal_json(&app, "main", &plain("greet", "main", 100, json!({})));
    let earlier = seal_json(&app, "main", &plain("greet", "main", 50, json!({})));
    assert_eq!(sealed(&app, "main", "greet", later, None).status, 200);
    assert_eq!(sealed(&app, "main", "greet", earlier, None).status, 200);
}

#[test]
fn a_webview_without_isolation_and_foreign_origins_get_no_sealed_call_through() {
    let app = app();
    // `settings` is not isolated: its plain calls run, a sealed one is refused.
    assert_eq!(app.invoke("settings", "greet", json!({})).status, 200);
    let from_main = seal_json(&app, "main", &plain("greet", "settings", 1, json!({})));
    let refused = sealed(&app, "settings", "greet", from_main, None);
    assert_eq!(refused.error_code().as_deref(), Some("bad_request"));
    // A sealed call from any other origin: refused, even one its capability grants the
    // command to (its plain call runs).
    let docs = "https://docs.example.com";
    let plain_call = MockRequest {
        origin: Some(docs),
        ..MockRequest::invoke("greet", json!({}))
    };
    assert_eq!(app.request("main", plain_call).status, 200);
    let envelope = seal_json(&app, "main", &plain("greet", "main", 2, json!({})));
    let foreign = sealed(&app, "main", "greet", envelope, Some(docs));
    assert_eq!(foreign.error_code().as_deref(), Some("denied"));
    let envelope = seal_json(&app, "main", &plain("greet", "main", 3, json!({})));
    let evil = sealed(
        &app,
        "main",
        "greet",
        envelope,
        Some("https://evil.example"),
    );
    assert_ne!(evil.status, 200);
    assert_eq!(evil.allow_origin, None);
}

#[test]
fn sealed_bytes_cost_no_encoding_and_meet_the_same_limit() {
    let limit = 64 * 1024;
    let app = app_with(rampart::Limits {
        max_body_bytes: limit,
        ..rampart::Limits::default()
    });
    let head = |counter: u64| {
        json!({ "command": "greet", "webview": "main", "session": 1, "counter": counter, "time": now(), "bytes": true })
            .to_string()
    };
    let at_limit = app.seal("main", &head(1), &vec![7u8; limit]);
    let answer = sealed(&app, "main", "greet", at_limit, None);
    assert_eq!((answer.status, answer.body.len()), (200, limit));
    let over = app.seal("main", &head(2), &vec![7u8; limit + 1]);
    assert_eq!(
        sealed(&app, "main", "greet", over, None)
            .error_code()
            .as_deref(),
        Some("too_large")
    );
}

#[test]
fn sealed_json_arguments_reach_the_command_as_sealed_and_meet_the_depth_limit() {
    let app = app_with(rampart::Limits {
        max_json_depth: 8,
        ..rampart::Limits::default()
    });
    let head = |counter: u64, args: &str| {
        format!(
            r#"{{"command":"greet","webview":"main","session":1,"counter":{counter},"time":{},"args":{args}}}"#,
            now()
        )
    };
    // The arguments' text as sealed, spacing and key order kept: not parsed and re-written.
    let args = r#"{ "zeta": 1,  "alpha": [true, null] }"#;
    let answer = sealed(
        &app,
        "main",
        "greet",
        seal_json(&app, "main", &head(1, args)),
        None,
    );
    assert_eq!(
        (answer.status, answer.body.as_slice()),
        (200, args.as_bytes())
    );
    // Nested one level deeper than the limit: refused by the gate's depth check.
    let deep = format!("{}1{}", "[".repeat(9), "]".repeat(9));
    let answer = sealed(
        &app,
        "main",
        "greet",
        seal_json(&app, "main", &head(2, &deep)),
        None,
    );
    assert_eq!(answer.error_code().as_deref(), Some("bad_request"));
}

#[test]
fn an_envelope_sealed_long_ago_is_refused() {
    let app = app();
    let head = |counter: u64, time: u64| {
        json!({ "command": "greet", "webview": "main", "session": 5, "counter": counter, "time": time, "args": {} })
            .to_string()
    };
    let minutes_ago = now() - 3 * 60 * 1000;
    let old = sealed(
        &app,
        "main",
        "greet",
        seal_json(&app, "main", &head(1, minutes_ago)),
        None,
    );
    assert_eq!(old.error_code().as_deref(), Some("denied"));
    let fresh = sealed(
        &app,
        "main",
        "greet",
        seal_json(&app, "main", &head(2, now())),
        None,
    );
    assert_eq!(fresh.status, 200);
}

//! `#[rampart::command]` extractors and return types through the real door (mock runtime): the
//! calling webview and window, the call's scope, raw bytes in and out, an app's own
//! extractors, and errors that carry the command's data.

use rampart::mock::{MockRequest, MockResponse};
use serde_json::json;

use crate::calls_app;

/// Raw bytes from the app's own page, as `invoke(command, new Uint8Array(...))` sends them.
fn raw<'a>(command: &'a str, body: &[u8]) -> MockRequest<'a> {
    MockRequest {
        content_type: Some("application/octet-stream"),
        body: body.to_vec(),
        ..MockRequest::invoke(command, json!({}))
    }
}

fn error_of(response: &MockResponse) -> (u16, String, String) {
    let body = response.json();
    (
        response.status,
        body["code"].as_str().unwrap_or_default().to_string(),
        body["message"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn webview_and_window_name_the_caller() {
    let app = calls_app::app();
    for label in ["main", "second"] {
        let response = app.invoke(label, "whoami", json!({}));
        assert_eq!(
            response.json(),
            json!({ "webview": label, "window": label, "local": true })
        );
    }
}

#[test]
fn the_call_scope_is_the_callers_own() {
    let app = calls_app::app();
    let check = |webview: &str, path: &str| {
        let response = app.invoke(webview, "check_note", json!({ "path": path }));
        assert_eq!(response.status, 200, "{webview} {path}: {response:?}");
        response.json()
    };
    assert_eq!(check("main", "$HOME/notes/a.txt"), "allowed");
    assert_eq!(check("main", "$HOME/notes/private/diary.txt"), "denied");
    assert_eq!(
        check("main", "$HOME/notes/../.ssh/id_ed25519"),
        "out of scope"
    );
    assert_eq!(check("main", "$HOME/second/a.txt"), "out of scope");
    // The same command, another window: its capability's scope, not main's.
    assert_eq!(check("second", "$HOME/second/a.txt"), "allowed");
    assert_eq!(check("second", "$HOME/notes/a.txt"), "out of scope");
    assert_eq!(check("second", "$HOME/second/deeper/a.txt"), "out of scope");
    let relative = app.invoke("main", "check_note", json!({ "path": "notes/a.txt" }));
    assert_eq!(relative.error_code().as_deref(), Some("bad_request"));
}

#[test]
fn raw_bytes_in_and_out() {
    let app = calls_app::app();
    let response = app.request("main", raw("reverse", &[1, 2, 3, 250]));
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type, "application/octet-stream");
    assert_eq!(response.body, vec![250, 3, 2, 1]);
    // The body is moved to the command, not copied: the invocation no longer holds it.
    let sizes = app.request("main", raw("sizes", &[9; 1000]));
    assert_eq!(sizes.json(), json!([1000, 0]));
    // An empty body is still bytes.
    assert_eq!(
        app.request("main", raw("reverse", &[])).body,
        Vec::<u8>::new()
    );
}

#[test]
fn bytes_and_json_commands_refuse_the_other_kind_of_body() {
    let app = calls_app::app();
    let json_to_bytes = app.invoke("main", "reverse", json!({}));
    assert_eq!(json_to_bytes.error_code().as_deref(), Some("bad_request"));
    assert!(
        json_to_bytes.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("raw bytes")),
        "{json_to_bytes:?}"
    );
    let bytes_to_json = app.request("main", raw("whoami", b"{}"));
    assert_eq!(bytes_to_json.error_code().as_deref(), Some("bad_request"));
}

#[test]
fn bytes_can_be_the_ok_of_a_result() {
    let app = calls_app::app();
    let given = app.invoke("main", "maybe_bytes", json!({ "give": true }));
    assert_eq!(given.content_type, "application/octet-stream");
    assert_eq!(given.body, vec![0, 255, 7]);
    let refused = app.invoke("main", "maybe_bytes", json!({ "give": false }));
    assert_eq!(refused.json()["data"], "nothing to give");
}

#[test]
fn an_apps_own_extractor_and_an_argument_named_like_an_extractor() {
    let app = calls_app::app();
    let tagged = app.invoke("main", "tagged", json!({ "note": "hi" }));
    assert_eq!(tagged.json(), json!("tagged:hi"));
    // Parameters taken by an extractor are not JSON arguments: sending one is an unknown argument.
    let smuggled = app.invoke("main", "tagged", json!({ "note": "hi", "name": "x" }));
    assert_eq!(smuggled.error_code().as_deref(), Some("bad_request"));
    let resized = app.invoke(
        "main",
        "resize",
        json!({ "window": { "width": 3, "height": 4 } }),
    );
    assert_eq!(resized.json(), json!(12));
}

#[test]
fn serialize_errors_reach_the_page_with_their_data() {
    let app = calls_app::app();
    assert_eq!(
        app.invoke("main", "find_note", json!({ "id": 1 })).json(),
        json!("groceries")
    );
    let missing = app.invoke("main", "find_note", json!({ "id": 7 }));
    assert_eq!(
        error_of(&missing),
        (
            500,
            "internal".into(),
            "the command returned an error".into()
        )
    );
    assert_eq!(
        missing.json()["data"],
        json!({ "kind": "missing", "id": 7 })
    );
    assert_eq!(missing.allow_origin.as_deref(), Some("app://localhost"));

    let text = app.invoke("main", "refuse_text", json!({}));
    assert_eq!(
        error_of(&text),
        (500, "internal".into(), "the disk is full".into())
    );
    assert_eq!(text.json()["data"], "the disk is full");
}

#[test]
fn ipc_errors_keep_their_code_and_carry_no_data() {
    let app = calls_app::app();
    let strict = app.invoke("main", "refuse_strict", json!({}));
    assert_eq!(
        error_of(&strict),
        (400, "bad_request".into(), "no, and keep my code".into())
    );
    assert!(strict.json().get("data").is_none(), "{strict:?}");
}

#[test]
fn each_window_calls_only_what_its_capability_grants() {
    let app = calls_app::app();
    assert_eq!(
        app.invoke("second", "second_only", json!({})).json(),
        "second"
    );
    let main = app.invoke("main", "second_only", json!({}));
    assert_eq!(main.error_code().as_deref(), Some("denied"));
    let second = app.request("second", raw("reverse", &[1]));
    assert_eq!(second.error_code().as_deref(), Some("denied"));
}

//! Runs the end-to-end app in the real WebView (under Xvfb when there is no display), and checks
//! what its two pages could and could not do — from their findings and from the Rust side's own
//! count of which commands really ran.

use serde_json::{Value, json};

mod support;

fn error_code(finding: &Value) -> &str {
    assert_eq!(finding["ok"], false, "expected an error: {finding}");
    finding["code"].as_str().unwrap_or("<none>")
}

#[test]
fn a_hostile_page_gets_only_what_was_granted() {
    let report = support::run_headless(env!("CARGO_BIN_EXE_rampart-e2e-app"), &[]);
    let f = &report["findings"];
    let runs = &report["runs"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");
    let ran = |command: &str| runs[command].as_u64().unwrap_or(0);

    // Happy paths: typed arguments by name, raw bytes both ways, errors, panics.
    assert_eq!(f["echo"]["value"]["message"], "hello", "{f:#}");
    assert_eq!(f["echo"]["value"]["someNumber"], 42);
    assert_eq!(f["echo"]["value"]["webview"], "main");
    assert_eq!(f["bytes"]["value"], serde_json::json!([250, 3, 2, 1]));
    assert_eq!(error_code(&f["fails"]), "bad_request");
    assert_eq!(error_code(&f["panics"]), "internal");
    assert_eq!(
        f["echo_after_panic"]["ok"], true,
        "the app must survive a panicking command"
    );

    // Nothing that was not granted ran.
    assert_eq!(error_code(&f["secret"]), "denied");
    assert_eq!(ran("secret"), 0, "the secret command ran: {report:#}");
    assert_eq!(error_code(&f["unknown"]), "not_found");
    assert_eq!(error_code(&f["denied_by_deny"]), "denied");
    assert_eq!(ran("no_delete"), 0);
    assert_eq!(error_code(&f["plugin_not_granted"]), "denied");

    // Bad input is an error for that call only.
    assert_eq!(error_code(&f["bad_args"]), "bad_request");
    assert_eq!(error_code(&f["too_large"]), "too_large");
    assert_eq!(f["deep_json"]["status"], 400, "{}", f["deep_json"]);
    assert_eq!(
        f["malformed_json"]["status"], 400,
        "{}",
        f["malformed_json"]
    );
    assert_ne!(
        f["bad_command_name"]["status"], 200,
        "{}",
        f["bad_command_name"]
    );

    // Opaque frames, requests without an Origin and non-POST requests never ran `counted`;
    // the top page and its same-origin frame and worker did, and only they.
    for finding in [
        "frame_sandboxed_srcdoc",
        "frame_sandboxed_app_page",
        "frame_data_url",
        "frame_other_scheme",
        "app_page_in_foreign_frame",
    ] {
        assert_ne!(f[finding], "status 200", "{finding}: {}", f[finding]);
    }
    // The sandboxed app page did load and try: refused, and unreadable to it.
    assert!(
        f["frame_sandboxed_app_page"]
            .as_str()
            .is_some_and(|r| r.starts_with("error")),
        "{}",
        f["frame_sandboxed_app_page"]
    );
    // The other-scheme page did load and try (its refusal is unreadable to it), so the attack ran.
    assert!(
        f["frame_other_scheme"]
            .as_str()
            .is_some_and(|r| r.starts_with("error")),
        "{}",
        f["frame_other_scheme"]
    );
    assert_eq!(
        f["frame_same_origin_srcdoc"], "status 200",
        "same-origin frames are the page"
    );
    assert_eq!(
        f["app_page_in_app_frame"], "status 200",
        "the app may frame its own pages"
    );
    let seen = f["counted_ok_seen_by_page"].as_u64().unwrap_or(0);
    assert_eq!(
        ran("counted"),
        seen,
        "counted ran for a request the page could not see succeed (no-cors, img, GET, beacon or an opaque frame): {report:#}"
    );

    // The injected API cannot be replaced.
    assert_eq!(f["api_frozen"]["same"], true);
    assert_eq!(f["api_frozen"]["frozen"], true);
    assert_eq!(f["api_frozen"]["afterHijack"]["value"]["message"], "intact");

    // Events reach the page only when granted and listened to.
    assert_eq!(error_code(&f["events"]["secretListen"]), "denied");
    assert_eq!(f["events"]["emitGranted"]["ok"], true, "{}", f["events"]);
    assert_eq!(error_code(&f["events"]["emitDenied"]), "denied");
    assert_eq!(
        f["events"]["heard"],
        serde_json::json!(["note-saved:7", "edited:page"]),
        "{}",
        f["events"]
    );

    // A channel streams everything, in order, with backpressure.
    assert_eq!(f["channel"]["result"]["value"], 300, "{}", f["channel"]);
    assert_eq!(f["channel"]["count"], 300);
    assert_eq!(f["channel"]["inOrder"], true);

    // A flood is bounded, every call settles, and the app keeps serving.
    let flood = &f["flood"];
    let ok = flood["ok"].as_u64().unwrap_or(0);
    let busy = flood["busy"].as_u64().unwrap_or(0);
    assert_eq!(
        ok + busy,
        1000,
        "every flood call settles as ok or busy: {flood}"
    );
    assert!(ok >= 1, "{flood}");
    assert_eq!(ran("slow"), ok, "busy calls never ran");
    assert_eq!(f["echo_after_flood"]["ok"], true);

    commands_as_functions(f);
    second_window(f, &report["second"]);
    window_opened_at_run_time(f, &report["later"]);
}

/// A window declared with `create = false`, opened by the app when the main page asked.
fn window_opened_at_run_time(f: &Value, later: &Value) {
    assert_eq!(f["open_later"]["ok"], true, "{}", f["open_later"]);
    assert_eq!(error_code(&f["open_undeclared"]), "not_found");
    assert!(later.get("crashed").is_none(), "{later:#}");
    assert_eq!(
        later["openedOnRequest"], true,
        "it opened before it was asked: {later:#}"
    );
    assert_eq!(
        later["whoami"]["value"],
        json!({ "webview": "later", "window": "later", "local": true }),
        "{later:#}"
    );
    assert_eq!(
        error_code(&later["echo"]),
        "denied",
        "later has its own capability"
    );
}

/// Extractors, async, raw bytes and errors with data, in the real WebView.
fn commands_as_functions(f: &Value) {
    assert_eq!(
        f["whoami"]["value"],
        json!({ "webview": "main", "window": "main", "local": true }),
        "{}",
        f["whoami"]
    );
    assert_eq!(f["tally"], json!([1, 2, 3]), "managed state is shared");
    assert_eq!(f["nap"]["value"], "main napped 200 ms", "{}", f["nap"]);
    assert!(
        f["nap"]["elapsed"].as_f64().is_some_and(|ms| ms >= 190.0),
        "the async command awaited its timer: {}",
        f["nap"]
    );
    assert_eq!(f["reverse"]["value"], json!([250, 3, 2, 1]));
    assert_eq!(error_code(&f["reverse_json"]), "bad_request");
    assert_eq!(f["find_note"]["value"], "groceries");
    assert_eq!(error_code(&f["find_missing"]), "internal");
    assert_eq!(
        f["find_missing"]["message"], "the command returned an error",
        "{}",
        f["find_missing"]
    );
    assert_eq!(
        f["find_missing"]["data"],
        json!({ "kind": "missing", "id": 7 })
    );
    assert_eq!(f["find_missing"]["isIpcError"], true);
    assert_eq!(
        f["find_missing_body"],
        json!({
            "status": 500,
            "body": {
                "code": "internal",
                "message": "the command returned an error",
                "data": { "kind": "missing", "id": 7 },
            },
        })
    );
    assert_eq!(error_code(&f["second_only"]), "denied", "main may not");
    let bytes = &f["byte_channel"];
    assert_eq!(bytes["result"]["value"], 2500, "{bytes}");
    assert_eq!(bytes["chunks"], 3, "{bytes}");
    assert_eq!(bytes["tagged"], true, "{bytes}");
    assert_eq!(bytes["right"], true, "{bytes}");
}

/// A second window with another capability, holding a real id of the main page's channel.
fn second_window(f: &Value, second: &Value) {
    assert!(
        second.get("crashed").is_none(),
        "the second page crashed: {second:#}"
    );
    assert_eq!(
        second["whoami"]["value"],
        json!({ "webview": "second", "window": "second", "local": true })
    );
    assert_eq!(second["second_only"]["value"], "only second may call this");
    assert_eq!(error_code(&second["echo"]), "denied", "second may not echo");
    assert_eq!(second["nap"]["value"], "second napped 50 ms");

    // It held the main page's open channel id, and could do nothing with it that it could not
    // do with an id never issued: the same error, word for word.
    let cross = &f["cross_window"];
    assert_eq!(second["main_channel_id"], cross["channelId"], "{second:#}");
    assert_eq!(cross["channelId"].as_str().map(str::len), Some(32));
    for how in ["next", "close", "attach"] {
        let main = &second["probe_main"][how];
        let random = &second["probe_random"][how];
        assert_eq!(error_code(main), "bad_request", "{how}: {main}");
        assert_eq!(
            main, random,
            "{how}: main's channel must look like no channel"
        );
    }
    // ...and the channel is still the main page's, unharmed.
    assert_eq!(cross["probed"], "second", "{cross}");
    assert_eq!(cross["result"]["value"], 1500, "{cross}");
    assert_eq!(cross["chunks"], 2, "{cross}");
    assert_eq!(cross["right"], true, "{cross}");
    assert_eq!(second["own_channel"]["result"]["value"], 10, "{second:#}");
    assert_eq!(second["own_channel"]["chunks"], 1);
}

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
    let report = support::run_headless(env!("CARGO_BIN_EXE_rampart-e2e-app"), &[], &[]);
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
    assert_eq!(error_code(&f["deep_json"]), "bad_request");
    assert!(
        f["deep_json"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nested deeper")),
        "{}",
        f["deep_json"]
    );
    // A plain fetch from the app's own page carries no API token: refused before its body is
    // read, and the page may read why.
    let untokened = &f["raw_without_token"];
    assert_eq!(untokened["status"], 400, "{untokened}");
    assert!(
        untokened["body"]
            .as_str()
            .is_some_and(|b| b.contains("window.__RAMPART__.invoke")),
        "{untokened}"
    );
    assert_ne!(
        f["bad_command_name"]["status"], 200,
        "{}",
        f["bad_command_name"]
    );

    // Opaque frames, requests without an Origin and non-POST requests never ran `counted`;
    // the top page and its same-origin frames did, through the API, and only they.
    for finding in [
        "frame_sandboxed_srcdoc",
        "frame_sandboxed_app_page",
        "frame_data_url",
        "frame_other_scheme",
        "app_page_in_foreign_frame",
    ] {
        assert_ne!(f[finding]["raw"], "status 200", "{finding}: {}", f[finding]);
        assert_ne!(f[finding]["api"], "ok", "{finding}: {}", f[finding]);
    }
    // The sandboxed app page and the other-scheme page did load and try: refused, the refusal
    // unreadable to them, and their API rejects with an IpcError.
    for finding in ["frame_sandboxed_app_page", "frame_other_scheme"] {
        assert!(
            f[finding]["raw"]
                .as_str()
                .is_some_and(|r| r.starts_with("error")),
            "{finding}: {}",
            f[finding]
        );
        assert_eq!(
            f[finding]["api"], "error denied",
            "{finding}: {}",
            f[finding]
        );
    }
    for finding in ["frame_same_origin_srcdoc", "app_page_in_app_frame"] {
        assert_eq!(f[finding]["raw"], "status 400", "{finding}: {}", f[finding]);
        assert_eq!(
            f[finding]["api"], "ok",
            "{finding}: same-origin frames are the page, and call through its API"
        );
    }
    // No frame reaches the message door: it is the top frame's, behind an isolated world.
    for finding in [
        "frame_sandboxed_srcdoc",
        "frame_sandboxed_app_page",
        "frame_data_url",
        "frame_other_scheme",
        "frame_same_origin_srcdoc",
        "app_page_in_app_frame",
    ] {
        let frame = &f[finding];
        assert_eq!(
            frame["messageDoor"], "error bad_request",
            "{finding}: {frame}"
        );
        assert!(
            frame["handler"] == "undefined" || frame["handler"] == "no handlers",
            "{finding}: {frame}"
        );
        assert_ne!(frame["handshakeTaken"], true, "{finding}: {frame}");
    }
    assert_eq!(
        f["blob_worker"], "status 400",
        "a worker is the page's origin, without the API's token"
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
    // Built-ins a page replaces are not what the API calls, through either door.
    let replaced = &f["replaced_builtins"];
    assert_eq!(
        replaced["touched"], "",
        "the API called the page's replacements: {replaced}"
    );
    for door in ["message", "ipc"] {
        assert_eq!(replaced["results"][door]["message"], door, "{replaced}");
    }

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

    both_doors(f);
    every_body_type(f, runs);
    the_api_keeps_its_promises(f);
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
    // It navigated while a call through the message door was in flight: the new document's
    // first call got its own answer, not the old one's.
    assert_eq!(
        later["after_navigation"]["value"], later["whoami"]["value"],
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

/// What the door answers a plain fetch (no API token) of each body case to each target, where
/// `how` is `default` (the Content-Type fetch chooses) or `octet` (application/octet-stream).
fn raw_body_answer(case: &str, target: &str, how: &str) -> (u64, &'static str) {
    // fetch labels these text/plain, multipart/form-data, application/x-www-form-urlencoded.
    let typed_out = ["string", "form_data", "form_data_file", "url_search_params"];
    if how == "default" && typed_out.contains(&case) {
        return (400, "bad_request");
    }
    match target {
        "bytes" => (400, "bad_request"),
        "no_such_command" => (404, "not_found"),
        _ => (403, "denied"),
    }
}

/// Every body type the Fetch standard allows, from the page and from a refused frame: the app
/// stays up, each gets the door's ordinary answer, no body is read, and through the API every
/// byte body arrives exactly as sent.
fn every_body_type(f: &Value, runs: &Value) {
    let raw = f["raw_bodies"].as_object().expect("raw_bodies");
    let sandboxed = f["raw_bodies_sandboxed"].as_object().unwrap_or_else(|| {
        panic!(
            "the sandboxed frame reported: {}",
            f["raw_bodies_sandboxed"]
        )
    });
    assert_eq!(raw.len(), 23 * 3 * 2, "{raw:?}");
    assert_eq!(sandboxed.len(), raw.len());
    for (key, answer) in raw {
        let mut parts = key.split('/');
        let (case, target, how) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let (status, code) = raw_body_answer(case, target, how);
        // WebKit may refuse to upload a stream to a custom scheme at all; anything else is the
        // door's answer.
        if case == "readable_stream" && answer.get("error").is_some() {
            continue;
        }
        assert_eq!(
            answer,
            &json!({ "status": status, "code": code }),
            "{key} from the page"
        );
        let refused = &sandboxed[key];
        assert!(
            refused.get("error").is_some(),
            "{key} from a sandboxed frame must be unreadable: {refused}"
        );
    }
    for alive in ["echo_after_raw_bodies", "echo_after_sandboxed_bodies"] {
        assert_eq!(f[alive]["ok"], true, "{alive}: {}", f[alive]);
    }
    let api = f["api_bodies"].as_object().expect("api_bodies");
    let mut exact = 0;
    for (case, result) in api {
        match case.as_str() {
            "blob_20mib" => assert_eq!(result["code"], "too_large", "{case}: {result}"),
            "form_data" | "url_search_params" | "readable_stream" => {
                assert_eq!(result["code"], "bad_request", "{case}: {result}")
            }
            _ => {
                assert_eq!(result["exact"], true, "{case}: {result}");
                exact += 1;
            }
        }
    }
    assert_eq!(exact, 19, "{api:?}");
    // `bytes` ran for the happy path, the hooked-prototype call and each exact API body: never
    // for a raw request.
    assert_eq!(runs["bytes"], 2 + exact, "{runs}");
    assert!(runs.get("secret").is_none(), "{runs}");
}

/// What the API promises a page that hooks Object.prototype or passes odd arguments.
fn the_api_keeps_its_promises(f: &Value) {
    let hooked = &f["hooked_prototype"];
    assert_eq!(
        hooked["touched"], "",
        "the API consulted Object.prototype: {hooked}"
    );
    assert_eq!(hooked["echo"]["value"]["message"], "hooked", "{hooked}");
    assert_eq!(hooked["bytes"]["value"], json!([3, 2, 1]), "{hooked}");
    assert_eq!(hooked["denied"]["code"], "denied", "{hooked}");
    assert_eq!(hooked["emitted"]["ok"], true, "{hooked}");
    assert_eq!(hooked["heard"], "note-edited:hooked", "{hooked}");
    assert_eq!(hooked["channelResult"]["value"], 5, "{hooked}");
    // 0 + 1 + 2 + 3 + 4
    assert_eq!(hooked["streamed"], 10, "{hooked}");

    let unserializable = &f["unserializable"];
    assert_eq!(
        unserializable["threw"], false,
        "invoke threw: {unserializable}"
    );
    assert_eq!(
        unserializable["outcome"]["code"], "bad_request",
        "{unserializable}"
    );
    assert_eq!(unserializable["outcome"]["isIpcError"], true);

    let refused = &f["refused_frame_api"];
    for call in ["listen", "invoke"] {
        assert_eq!(
            refused[call],
            json!({ "name": "IpcError", "code": "denied", "isIpcError": true }),
            "{call} in a refused frame: {refused}"
        );
    }
}

/// Every refusal case through both doors, the API forced to each: the same outcome; and the
/// attacks on the message door from the page.
fn both_doors(f: &Value) {
    let doors = &f["doors"];
    for (case, expected) in [
        ("secret", "denied"),
        ("unknown", "not_found"),
        ("denied_by_deny", "denied"),
        ("plugin_not_granted", "denied"),
        ("bad_name", "not_found"),
        ("nul_name", "not_found"),
        ("bad_args", "bad_request"),
        ("unknown_arg", "bad_request"),
        ("too_large", "too_large"),
        ("deep_json", "bad_request"),
        ("fails", "bad_request"),
        ("panics", "internal"),
    ] {
        for door in ["ipc", "message"] {
            let result = &doors[door][case];
            assert_eq!(result["code"], expected, "{case} through {door}: {result}");
            assert_eq!(
                result["isIpcError"], true,
                "{case} through {door}: {result}"
            );
        }
    }
    for door in ["ipc", "message"] {
        let granted = &doors[door]["granted"];
        assert_eq!(granted["value"]["message"], door, "{door}: {granted}");
        assert_eq!(granted["value"]["webview"], "main", "{door}: {granted}");
        let nul = &doors[door]["nul_in_args"];
        assert_eq!(
            nul["value"]["message"],
            format!("{door}\0{door}"),
            "{door}: {nul}"
        );
    }
    let attacks = &f["message_door_attacks"];
    assert_eq!(attacks["handshakeTaken"], false, "{attacks}");
    assert_eq!(attacks["forgedPortHeard"], 0, "{attacks}");
    assert!(
        attacks["handler"] == "undefined" || attacks["handler"] == "no handlers",
        "the page's world sees the door's handler: {attacks}"
    );
    assert!(
        attacks["posted"]
            .as_str()
            .is_some_and(|p| p.starts_with("threw")),
        "the page reached the message handler: {attacks}"
    );
    assert_eq!(
        attacks["answer"]["value"], "main napped 300 ms",
        "{attacks}"
    );
    assert_eq!(attacks["after"]["value"]["message"], "after", "{attacks}");
    let large = &f["large_answers"];
    assert_eq!(large["bytes"], true, "{large}");
    assert_eq!(large["json"], true, "{large}");
    assert!(
        large["guessed"]["error"].is_string(),
        "a guessed pickup must be unreadable: {large}"
    );
}

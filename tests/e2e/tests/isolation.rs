//! The isolation pattern in the real WebView (tests/e2e/isolation): every call of the page goes
//! through the author's isolation application, whose hook refuses, rewrites and throws; the
//! page's attempts to get around it — the door directly, an envelope signed by a frame of its
//! own making replayed or moved to another command, the isolation frame without its sandbox or
//! asked from a sandboxed frame,
//! the frame's document, hook and files — all fail; inside the isolation frame, no key can be
//! found and no network reached.

use serde_json::json;

mod support;

#[test]
fn every_call_passes_through_the_isolation_application_and_nothing_around_it() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/isolation");
    let report = support::run_headless(env!("CARGO_BIN_EXE_rampart-e2e-dev"), &[root], &[]);
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");

    // Through the API: the hook lets through, refuses, rewrites, throws; the app goes on.
    // A call, a reload, then calls again: the reloaded page's calls are not taken for replays.
    // The first call is made while the page's `Function.prototype.call` drops the frame's
    // `sandbox` attribute: the API uses its own captured functions, so its frame is sandboxed
    // and signs (it used the page's `call` before, and this call failed).
    assert_eq!(f["beforeReload"]["ok"], true, "{f:#}");
    // A call in flight when its isolation frame was taken out fails, as an `IpcError`.
    assert_eq!(
        f["inFlightWhenRemoved"],
        json!({ "code": "internal" }),
        "{f:#}"
    );
    // Every frame taken out of the document: the next call gets a new isolation frame.
    assert_eq!(
        f["afterFrameRemoved"],
        json!({ "ok": true, "value": "main" }),
        "{f:#}"
    );
    assert_eq!(f["whoami"], json!({ "ok": true, "value": "main" }), "{f:#}");
    assert_eq!(f["refused"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(
        f["rewritten"],
        json!({ "ok": true, "value": "/rewritten/a/b" }),
        "{f:#}"
    );
    assert_eq!(f["thrown"], json!({ "code": "denied" }), "{f:#}");
    assert_eq!(
        f["afterThrow"],
        json!({ "ok": true, "value": "main" }),
        "{f:#}"
    );
    // Bytes are sealed too, and reach the command.
    assert_eq!(f["bytes"], json!({ "ok": true, "value": "main" }), "{f:#}");
    // Sealed calls take either door, JSON and bytes alike.
    for door in ["ipc", "ipcBytes", "message", "messageBytes"] {
        let answer = &f["doors"][door];
        assert_eq!(
            answer,
            &json!({ "ok": true, "value": "main" }),
            "{door}: {f:#}"
        );
    }

    // Around it: the door directly (unsealed: denied), an envelope of the page's own frame
    // (refused before its body is read, wherever it is sent), the frame without its sandbox (no
    // signer), its document and hook (cross-origin), its files (blocked).
    assert_eq!(f["directDoor"], 403, "{f:#}");
    assert_eq!(f["ownFrameSigns"], true, "{f:#}");
    assert_eq!(f["replayed"], 400, "{f:#}");
    assert_eq!(f["movedCommand"], 400, "{f:#}");
    assert_eq!(f["unsandboxedSigns"], false, "{f:#}");
    assert_eq!(f["nestedAnswered"], false, "{f:#}");
    assert_eq!(f["frameDom"], "null", "{f:#}");
    assert_eq!(f["hooklessSigns"], json!([false, false]), "{f:#}");
    assert_eq!(f["frameHook"], "SecurityError", "{f:#}");
    assert_eq!(f["frameFetch"], "TypeError", "{f:#}");

    // Inside the isolation frame: an opaque origin, no key anywhere its code can look, and no
    // network.
    assert_eq!(
        f["isolationFrame"],
        json!({
            "origin": "null",
            "cryptoKeysInGlobals": 0,
            "base64KeyInPage": false,
            "placeholderInPage": false,
            "network": "TypeError",
        }),
        "{f:#}"
    );
    // whoami ran for the eight calls the hook let through (four with each door forced, the last
    // through a new frame), and for nothing else.
    assert_eq!(report["whoami_runs"], 8, "{report:#}");
    // The refusal hook heard the unsealed call and the envelopes the page sent itself.
    let refused = report["refused"].as_array().cloned().unwrap_or_default();
    assert!(
        refused.iter().any(|r| r["reason"] == "unsealed"),
        "{report:#}"
    );
}

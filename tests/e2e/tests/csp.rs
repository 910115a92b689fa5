//! The strict default Content-Security-Policy in the real WebView: an app with no `[security]`
//! table (tests/e2e/csp, loaded from its folder) whose page tries what injected code or markup
//! would. Each attempt is blocked and reported through the page's `securitypolicyviolation`
//! event; the page's own hashed inline script and style and its nonce'd script and stylesheet
//! work, and so does its IPC.

use serde_json::{Value, json};

mod support;

/// Whether `finding` was blocked: its effect did not happen and a violation of a directive
/// starting with `directive` was reported.
fn blocked(finding: &Value, directive: &str) -> bool {
    finding["ran"] == false
        && finding["violations"].as_array().is_some_and(|v| {
            v.iter()
                .any(|d| d.as_str().is_some_and(|d| d.starts_with(directive)))
        })
}

#[test]
fn the_strict_default_blocks_injected_code_and_lets_the_page_work() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/csp");
    let report = support::run_headless(env!("CARGO_BIN_EXE_rampart-e2e-dev"), &[root], &[]);
    let f = &report["findings"];
    assert!(f.get("crashed").is_none(), "the page crashed: {report:#}");

    // The page's own code: the inline script ran (it reported), the rest applied.
    assert_eq!(f["ownInlineStyle"], "rgb(1, 2, 3)", "{f:#}");
    assert_eq!(f["ownExternalScript"], true, "{f:#}");
    assert_eq!(f["ownExternalStyle"], "rgb(4, 5, 6)", "{f:#}");

    for (attempt, directive) in [
        ("injected_inline_script", "script-src"),
        ("inline_event_handler", "script-src"),
        ("eval", "script-src"),
        ("new_function", "script-src"),
        ("remote_script", "script-src"),
        ("remote_image", "img-src"),
        ("remote_stylesheet", "style-src"),
        ("connect", "connect-src"),
        ("base_tag", "base-uri"),
        ("injected_inline_style", "style-src"),
        ("style_attribute", "style-src"),
        ("javascript_url", "script-src"),
    ] {
        assert!(
            blocked(&f[attempt], directive),
            "{attempt} was not blocked by {directive}: {:#}",
            f[attempt]
        );
    }
    assert_eq!(f["eval"]["threw"], "EvalError", "{f:#}");

    // The window still works and its IPC still answers.
    assert_eq!(f["api"], json!({ "ok": true, "value": "main" }), "{f:#}");
    assert_eq!(report["whoami_runs"], 1, "{report:#}");
}

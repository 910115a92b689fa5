//! The folder app: `rampart-e2e-dev <app folder>` loads the app from its folder
//! (`Context::from_dir`), with two commands: `whoami` (counted) and `report`, which prints
//! `E2E_REPORT <json>` (the page's findings, and how often `whoami` really ran) and exits.
//!
//! tests/dev_server.rs gives it a folder whose `[dev] url` points at a development server (in
//! this debug build the window loads its page from there); tests/csp.rs gives it tests/e2e/csp,
//! an app under the strict default Content-Security-Policy.

use std::sync::atomic::{AtomicU64, Ordering};

use rampart::{Builder, Commands, Context, Invocation, IpcError, Reply};

/// How often `whoami` ran, as the Rust side saw it.
static WHOAMI_RUNS: AtomicU64 = AtomicU64::new(0);

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: rampart-e2e-dev <app folder>");
        std::process::exit(2);
    };
    let context = match Context::from_dir(&root) {
        Ok(context) => context,
        Err(errors) => {
            for error in &errors.errors {
                eprintln!("{error}");
            }
            std::process::exit(2);
        }
    };
    let result = Builder::new()
        .command("whoami", |call| {
            WHOAMI_RUNS.fetch_add(1, Ordering::SeqCst);
            Reply::json(&call.webview_label())
        })
        .command("report", report)
        .run(context);
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

fn report(call: Invocation) -> Result<Reply, IpcError> {
    let findings: serde_json::Value = call.args()?;
    let report = serde_json::json!({
        "findings": findings,
        "whoami_runs": WHOAMI_RUNS.load(Ordering::SeqCst),
    });
    println!("E2E_REPORT {report}");
    call.app().exit(0);
    Ok(Reply::empty())
}

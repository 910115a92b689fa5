//! The end-to-end app: its main page (app/dist/index.html) attacks it while a second window's
//! page (app/dist/second.html), with another capability, tries to use the main page's channel.
//! Each page ends by calling `report`; once both have, the app prints one line
//! `E2E_REPORT <json>` (each page's findings and how often each command really ran) and exits.
//! `tests/attacks.rs` runs it and checks the report.

mod calls;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rampart::{
    Builder, Commands, Context, ErrorCode, Invocation, IpcError, Limits, Reply, commands, http,
};
use serde::Deserialize;

use calls::{
    Relay, Tally, big_bytes, find_note, nap, relay_put, relay_take, reverse, second_only,
    stream_bytes, stream_numbers, tally, whoami,
};

/// How many times each command ran, as the Rust side saw it.
static RUNS: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

fn count(call: &Invocation) {
    if let Ok(mut runs) = RUNS.lock() {
        *runs.entry(call.command().to_string()).or_default() += 1;
    }
}

/// Whether a page asked the app to open a window (`open_window`).
static OPEN_REQUESTED: AtomicBool = AtomicBool::new(false);

/// The windows whose pages report; the app prints the report once all of them have.
const REPORTING: [&str; 3] = ["main", "second", "later"];

/// Each page's findings, by webview label.
static REPORTS: Mutex<BTreeMap<String, serde_json::Value>> = Mutex::new(BTreeMap::new());

/// Records the calling page's findings; once every page reported, prints the report and exits.
fn report(call: Invocation) -> Result<Reply, IpcError> {
    let mut findings: serde_json::Value = call.args()?;
    if call.webview_label() == "later" {
        // Proof that `create = false` held: the page ran only after the app was asked to open it.
        findings["openedOnRequest"] = OPEN_REQUESTED.load(Ordering::SeqCst).into();
    }
    let mut reports = REPORTS
        .lock()
        .map_err(|_| IpcError::internal("the reports are poisoned"))?;
    reports.insert(call.webview_label().to_string(), findings);
    if REPORTING.iter().all(|label| reports.contains_key(*label)) {
        let runs = RUNS.lock().map(|r| r.clone()).unwrap_or_default();
        let report = serde_json::json!({
            "findings": reports.get("main"),
            "second": reports.get("second"),
            "later": reports.get("later"),
            "runs": runs,
        });
        println!("E2E_REPORT {report}");
        call.app().exit(0);
    }
    Ok(Reply::empty())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct EchoArgs {
    message: String,
    some_number: i64,
}

/// `other://localhost/...`: pages of a foreign origin, for the frame attacks.
fn serve_other(request: &http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    let page: &str = match request.uri().path() {
        "/attack.html" => include_str!("../other/attack.html"),
        "/frame-app.html" => include_str!("../other/frame-app.html"),
        // The frames' attack, the same file as the app's own (each origin serves it).
        "/probe.js" => include_str!("../app/dist/probe.js"),
        _ => "",
    };
    let content_type = if request.uri().path().ends_with(".js") {
        "text/javascript"
    } else {
        "text/html"
    };
    let mut response = http::Response::new(page.as_bytes().to_vec());
    response
        .headers_mut()
        .insert("Content-Type", http::HeaderValue::from_static(content_type));
    response
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("app");
    let context = match Context::from_dir(&root) {
        Ok(context) => context,
        Err(errors) => {
            eprintln!("{errors}");
            for error in errors.errors {
                eprintln!("  {error}");
            }
            std::process::exit(2);
        }
    };
    let limits = Limits {
        max_body_bytes: 1 << 20,
        max_json_depth: 32,
        max_in_flight: 16,
    };
    let result = Builder::new()
        .limits(limits)
        .manage(Tally::default())
        .manage(Relay::default())
        .commands(commands![
            stream_numbers,
            whoami,
            tally,
            nap,
            reverse,
            find_note,
            stream_bytes,
            relay_put,
            relay_take,
            second_only,
            big_bytes,
        ])
        .protocol("other", serve_other)
        .command("echo", |call| {
            count(&call);
            let args: EchoArgs = call.args()?;
            Reply::json(&serde_json::json!({
                "message": args.message,
                "someNumber": args.some_number,
                "webview": call.webview_label(),
            }))
        })
        .command("counted", |call| {
            count(&call);
            Ok(Reply::empty())
        })
        .command("secret", |call| {
            count(&call);
            Reply::json(&"the secret leaked")
        })
        .command("no_delete", |call| {
            count(&call);
            Ok(Reply::empty())
        })
        .command("bytes", |call| {
            count(&call);
            let mut bytes = call.bytes().to_vec();
            bytes.reverse();
            Ok(Reply::Bytes(bytes))
        })
        .command("fails", |call| {
            count(&call);
            Err(IpcError::new(
                ErrorCode::BadRequest,
                "this command always fails",
            ))
        })
        .command("panics", |call| {
            count(&call);
            panic!("a command panicked on purpose");
        })
        .command("slow", |call| {
            count(&call);
            std::thread::sleep(Duration::from_millis(50));
            Ok(Reply::empty())
        })
        .command("announce", |call| {
            count(&call);
            let app = call.app();
            app.emit("note-saved", &serde_json::json!({ "id": 7 }))?;
            app.emit("secret-event", &"psst")?;
            app.emit("note-deleted", &8)?;
            Ok(Reply::empty())
        })
        .command("report", report)
        .command("open_window", |call| {
            #[derive(Deserialize)]
            struct Args {
                label: String,
            }
            let args: Args = call.args()?;
            OPEN_REQUESTED.store(true, Ordering::SeqCst);
            call.app().open_window(&args.label)?;
            Ok(Reply::empty())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("the app could not start: {error}");
        std::process::exit(3);
    }
}

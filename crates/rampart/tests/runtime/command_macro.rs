//! `#[rampart::command]` functions, called through the real door with the mock runtime.

use std::sync::atomic::{AtomicUsize, Ordering};

use rampart::mock::MockApp;
use rampart::{AppHandle, Builder, Commands, ErrorCode, Invocation, IpcError, State, commands};
use serde_json::json;

use crate::support;

#[derive(Default)]
struct Counter(AtomicUsize);

/// An app error, turned into the page's error object.
enum CountError {
    TooMany,
}

impl From<CountError> for IpcError {
    fn from(error: CountError) -> IpcError {
        match error {
            CountError::TooMany => IpcError::new(ErrorCode::BadRequest, "counted enough"),
        }
    }
}

#[rampart::command]
fn greet(first_name: String, times: u32, call: &Invocation) -> String {
    format!("hello {first_name} x{times} from {}", call.webview_label())
}

#[rampart::command]
fn secret() -> &'static str {
    "secret"
}

#[rampart::command]
fn wait() {}

#[rampart::command]
fn explode() {
    panic!("on purpose")
}

#[rampart::command]
fn open_note(path: String) -> usize {
    path.len()
}

#[rampart::command]
fn quit(app: AppHandle) {
    app.exit(3);
}

#[rampart::command]
async fn later(n: u32) -> u32 {
    n + 1
}

#[rampart::command]
async fn explode_later() -> Result<(), IpcError> {
    Err(IpcError::new(ErrorCode::Internal, "failed later"))
}

#[rampart::command]
fn count(counter: State<Counter>) -> Result<usize, CountError> {
    match counter.0.fetch_add(1, Ordering::SeqCst) + 1 {
        n if n <= 2 => Ok(n),
        _ => Err(CountError::TooMany),
    }
}

fn app() -> MockApp {
    let builder = Builder::new()
        .manage(Counter::default())
        .commands(commands![
            greet,
            secret,
            wait,
            explode,
            open_note,
            quit,
            later,
            explode_later,
            count
        ]);
    let builder = support::with_placeholders(builder, &support::COMMANDS[..9]);
    MockApp::new(builder, support::context()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn arguments_are_read_by_name_in_camel_case() {
    let response = app().invoke("main", "greet", json!({ "firstName": "Ada", "times": 2 }));
    assert_eq!(response.json(), json!("hello Ada x2 from main"));
}

#[test]
fn missing_unknown_and_mistyped_arguments_are_bad_requests() {
    let app = app();
    for args in [
        json!({ "firstName": "Ada" }),
        json!({ "firstName": "Ada", "times": 2, "admin": true }),
        json!({ "first_name": "Ada", "times": 2 }),
        json!({ "firstName": "Ada", "times": -1 }),
        json!([1, 2]),
    ] {
        let response = app.invoke("main", "greet", args.clone());
        assert_eq!(
            response.error_code().as_deref(),
            Some("bad_request"),
            "{args}"
        );
    }
}

#[test]
fn return_values_become_responses() {
    let app = app();
    assert_eq!(
        app.invoke("settings", "secret", json!({})).json(),
        json!("secret")
    );
    assert_eq!(app.invoke("main", "wait", json!({})).json(), json!(null));
    assert_eq!(
        app.invoke("main", "open_note", json!({ "path": "abc" }))
            .json(),
        json!(3)
    );
    assert_eq!(
        app.invoke("main", "explode", json!({}))
            .error_code()
            .as_deref(),
        Some("internal")
    );
}

#[test]
fn async_functions_are_async_commands() {
    let app = app();
    assert_eq!(
        app.invoke("main", "later", json!({ "n": 41 })).json(),
        json!(42)
    );
    let failed = app.invoke("main", "explode_later", json!({}));
    assert_eq!(failed.error_code().as_deref(), Some("internal"));
    assert_eq!(failed.json()["message"], "failed later");
}

#[test]
fn state_and_errors_by_type() {
    let app = app();
    assert_eq!(app.invoke("main", "count", json!({})).json(), json!(1));
    assert_eq!(app.invoke("main", "count", json!({})).json(), json!(2));
    let third = app.invoke("main", "count", json!({}));
    assert_eq!(third.error_code().as_deref(), Some("bad_request"));
    assert_eq!(third.json()["message"], "counted enough");
}

#[test]
fn app_handle_is_extracted() {
    let app = app();
    app.invoke("main", "quit", json!({}));
    assert_eq!(app.exit_requests(), vec![3]);
}

#[test]
fn the_access_control_still_decides() {
    // `secret` is granted to the settings window only, macro or not.
    assert_eq!(
        app()
            .invoke("main", "secret", json!({}))
            .error_code()
            .as_deref(),
        Some("denied")
    );
}

#[test]
fn the_function_stays_callable() {
    assert_eq!(secret(), "secret");
    assert_eq!(open_note("abcd".into()), 4);
}

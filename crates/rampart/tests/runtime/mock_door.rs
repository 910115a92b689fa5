//! The door, the Authority and real handlers together, through the mock runtime.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use rampart::mock::{MockApp, MockRequest};
use rampart::{Builder, Commands, Limits, Reply, StartError};
use serde_json::json;

use crate::support;

/// Holds `wait` calls until the test releases them; `entered` counts the calls inside.
struct Gate {
    barrier: Barrier,
    entered: AtomicUsize,
}

/// The fixture app; `runs` counts how often `secret` really ran.
fn app_with(limits: Limits, runs: Arc<AtomicUsize>, gate: Option<Arc<Gate>>) -> MockApp {
    let builder = Builder::new()
        .limits(limits)
        .command("greet", |call| {
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Args {
                first_name: String,
            }
            let args: Args = call.args()?;
            Reply::json(&format!(
                "hello {} from {}",
                args.first_name,
                call.webview_label()
            ))
        })
        .command("secret", move |_| {
            runs.fetch_add(1, Ordering::SeqCst);
            Reply::json(&"secret")
        })
        .command("wait", move |_| {
            if let Some(gate) = &gate {
                gate.entered.fetch_add(1, Ordering::SeqCst);
                gate.barrier.wait();
            }
            Ok(Reply::empty())
        })
        .command("explode", |_| panic!("on purpose"))
        .command("open_note", |call| {
            #[derive(serde::Deserialize)]
            struct Args {
                path: String,
            }
            let args: Args = call.args()?;
            let allowed = rampart_core::scope::CheckedPath::new(&args.path, call.base_dirs())
                .is_ok_and(|path| call.scope().check_path(&path).is_allowed());
            Reply::json(&allowed)
        })
        .command("quit", |call| {
            call.app().exit(7);
            Ok(Reply::empty())
        })
        .async_command("later", |_| async {
            // Waits, without holding a thread, until the test opens the gate.
            while !LATER_GATE.load(Ordering::SeqCst) {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            Reply::json(&"later")
        })
        .async_command("explode_later", |_| async {
            panic!("on purpose, asynchronously")
        })
        .manage(Counter::default())
        .command("count", |call| {
            let counter = call.state::<Counter>()?;
            Reply::json(&(counter.0.fetch_add(1, Ordering::SeqCst) + 1))
        })
        .command("stream", |_| Ok(Reply::empty()));
    MockApp::new(builder, support::context()).unwrap_or_else(|e| panic!("{e}"))
}

/// Managed state of the fixture app.
#[derive(Default)]
struct Counter(AtomicUsize);

/// Opens the gate `later` waits for.
static LATER_GATE: AtomicBool = AtomicBool::new(false);

fn app() -> MockApp {
    app_with(Limits::default(), Arc::new(AtomicUsize::new(0)), None)
}

#[test]
fn granted_calls_run_with_typed_arguments() {
    let response = app().invoke("main", "greet", json!({ "firstName": "Ada" }));
    assert_eq!(response.status, 200);
    assert_eq!(response.json(), json!("hello Ada from main"));
    assert_eq!(response.allow_origin.as_deref(), Some("app://localhost"));
}

#[test]
fn each_window_gets_its_own_capabilities() {
    let runs = Arc::new(AtomicUsize::new(0));
    let app = app_with(Limits::default(), runs.clone(), None);
    assert_eq!(
        app.invoke("main", "secret", json!({}))
            .error_code()
            .as_deref(),
        Some("denied")
    );
    assert_eq!(runs.load(Ordering::SeqCst), 0, "a denied command ran");
    assert_eq!(
        app.invoke("settings", "secret", json!({})).json(),
        json!("secret")
    );
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(
        app.invoke("settings", "wait", json!({}))
            .error_code()
            .as_deref(),
        Some("denied")
    );
}

#[test]
fn foreign_and_missing_origins_run_nothing_and_cannot_read_the_answer() {
    let runs = Arc::new(AtomicUsize::new(0));
    let app = app_with(Limits::default(), runs.clone(), None);
    for origin in [
        Some("null"),
        Some("https://evil.example"),
        Some("app://localhost.evil.com"),
        Some("other://localhost"),
        None,
    ] {
        let request = MockRequest {
            origin,
            ..MockRequest::invoke("secret", json!({}))
        };
        let response = app.request("settings", request);
        assert_eq!(
            response.error_code().as_deref(),
            Some("denied"),
            "{origin:?}"
        );
        assert_eq!(
            response.allow_origin, None,
            "{origin:?} may read the answer"
        );
    }
    assert_eq!(runs.load(Ordering::SeqCst), 0);
}

/// The body is read only for a granted call that carries the webview's API token: WebKitGTK
/// crashes reading a Blob-backed body, and no fact of the request tells one apart.
#[test]
fn the_body_is_read_only_for_granted_calls_of_the_api() {
    let runs = Arc::new(AtomicUsize::new(0));
    let app = app_with(Limits::default(), runs.clone(), None);
    let refused = [
        // Foreign origin, unknown command, not granted here, granted but no token.
        ("main", Some("null"), "greet", true, "denied"),
        (
            "main",
            Some("app://localhost"),
            "no_such_command",
            true,
            "not_found",
        ),
        ("main", Some("app://localhost"), "secret", true, "denied"),
        (
            "settings",
            Some("app://localhost"),
            "secret",
            false,
            "bad_request",
        ),
        (
            "main",
            Some("app://localhost"),
            "greet",
            false,
            "bad_request",
        ),
    ];
    for (webview, origin, command, api_token, code) in refused {
        let request = MockRequest {
            origin,
            api_token,
            ..MockRequest::invoke(command, json!({ "firstName": "x" }))
        };
        let response = app.request(webview, request);
        assert_eq!(
            response.error_code().as_deref(),
            Some(code),
            "{webview} {origin:?} {command} {api_token}"
        );
        assert!(!response.body_read, "{command}: the body was read");
    }
    assert_eq!(runs.load(Ordering::SeqCst), 0, "a refused call ran");
    // The app's own page may read why its token-less request was refused.
    let untokened = MockRequest {
        api_token: false,
        ..MockRequest::invoke("greet", json!({ "firstName": "x" }))
    };
    let response = app.request("main", untokened);
    assert_eq!(response.allow_origin.as_deref(), Some("app://localhost"));
    assert!(
        response.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("window.__RAMPART__.invoke")),
        "{:?}",
        response.json()
    );
    let granted = app.invoke("main", "greet", json!({ "firstName": "x" }));
    assert_eq!(granted.status, 200);
    assert!(granted.body_read);
}

#[test]
fn a_body_without_a_content_type_is_refused() {
    let app = app();
    let untyped = |body: &[u8]| MockRequest {
        content_type: None,
        body: body.to_vec(),
        ..MockRequest::invoke("greet", json!({}))
    };
    assert_eq!(
        app.request("main", untyped(b"{\"firstName\":\"x\"}"))
            .error_code()
            .as_deref(),
        Some("bad_request")
    );
    // No Content-Type and no body: a call without arguments (`greet` needs one).
    let response = app.request("main", untyped(b""));
    assert_eq!(response.error_code().as_deref(), Some("bad_request"));
    assert!(
        response.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("invalid arguments")),
        "{:?}",
        response.json()
    );
}

#[test]
fn only_post_is_accepted() {
    for method in ["GET", "PUT", "OPTIONS", "HEAD"] {
        let request = MockRequest {
            method,
            ..MockRequest::invoke("greet", json!({ "firstName": "x" }))
        };
        assert_eq!(
            app().request("main", request).error_code().as_deref(),
            Some("bad_request"),
            "{method}"
        );
    }
}

#[test]
fn limits_are_errors_for_that_call_only() {
    let limits = Limits {
        max_body_bytes: 1024,
        max_json_depth: 8,
        max_in_flight: 4,
    };
    let app = app_with(limits, Arc::new(AtomicUsize::new(0)), None);
    let big = json!({ "firstName": "x".repeat(2000) });
    assert_eq!(
        app.invoke("main", "greet", big).error_code().as_deref(),
        Some("too_large")
    );
    let deep: serde_json::Value =
        serde_json::from_str(&format!("{}1{}", "[".repeat(9), "]".repeat(9))).expect("json");
    assert_eq!(
        app.invoke("main", "greet", deep).error_code().as_deref(),
        Some("bad_request")
    );
    let malformed = MockRequest {
        body: b"{\"firstName\": ".to_vec(),
        ..MockRequest::invoke("greet", json!({}))
    };
    assert_eq!(
        app.request("main", malformed).error_code().as_deref(),
        Some("bad_request")
    );
    assert_eq!(
        app.invoke("main", "greet", json!({ "firstName": 1 }))
            .error_code()
            .as_deref(),
        Some("bad_request")
    );
    assert_eq!(
        app.invoke("main", "greet", json!({ "firstName": "ok" }))
            .status,
        200
    );
}

#[test]
fn calls_in_flight_are_bounded_per_webview() {
    let gate = Arc::new(Gate {
        barrier: Barrier::new(3),
        entered: AtomicUsize::new(0),
    });
    let limits = Limits {
        max_in_flight: 2,
        ..Limits::default()
    };
    let app = Arc::new(app_with(
        limits,
        Arc::new(AtomicUsize::new(0)),
        Some(gate.clone()),
    ));
    let waiting: Vec<_> = (0..2)
        .map(|_| {
            let app = app.clone();
            std::thread::spawn(move || app.invoke("main", "wait", json!({})).status)
        })
        .collect();
    while gate.entered.load(Ordering::SeqCst) < 2 {
        std::thread::yield_now();
    }
    // Two calls are held inside `wait`: a third is refused, and other webviews are unaffected.
    assert_eq!(
        app.invoke("main", "wait", json!({}))
            .error_code()
            .as_deref(),
        Some("busy")
    );
    assert_eq!(
        app.invoke("settings", "greet", json!({ "firstName": "x" }))
            .status,
        200
    );
    gate.barrier.wait();
    for handle in waiting {
        assert_eq!(handle.join().expect("thread"), 200);
    }
    assert_eq!(
        gate.entered.load(Ordering::SeqCst),
        2,
        "the refused call never ran"
    );
}

#[test]
fn a_panicking_command_is_an_internal_error_and_the_app_keeps_serving() {
    let app = app();
    for command in ["explode", "explode_later"] {
        let response = app.invoke("main", command, json!({}));
        assert_eq!(
            response.error_code().as_deref(),
            Some("internal"),
            "{command}"
        );
        let after = app.invoke("main", "greet", json!({ "firstName": "x" }));
        assert_eq!(after.status, 200, "after {command}");
    }
}

#[test]
fn commands_receive_the_scope_of_their_capability() {
    let app = app();
    let home = std::env::var("HOME").unwrap_or_default();
    let open = |path: String| {
        app.invoke("main", "open_note", json!({ "path": path }))
            .json()
    };
    assert_eq!(open(format!("{home}/notes/today.md")), json!(true));
    assert_eq!(open(format!("{home}/notes/private/diary.md")), json!(false));
    assert_eq!(open(format!("{home}/.ssh/id_rsa")), json!(false));
    assert_eq!(open(format!("{home}/notes/../.bashrc")), json!(false));
}

#[test]
fn commands_can_ask_the_app_to_exit() {
    let app = app();
    assert_eq!(app.invoke("main", "quit", json!({})).status, 200);
    assert_eq!(app.exit_requests(), vec![7]);
}

#[test]
fn start_up_refuses_mismatched_commands() {
    let missing = Builder::new().command("greet", |_| Ok(Reply::empty()));
    match MockApp::new(missing, support::context()) {
        Err(StartError::Commands(message)) => {
            assert!(message.contains("no handler: secret"), "{message}")
        }
        other => panic!("expected a command mismatch, got {:?}", other.err()),
    }
    let mut extra = Builder::new();
    for name in support::COMMANDS.iter().chain(&["unlisted"]) {
        extra = extra.command(name, |_| Ok(Reply::empty()));
    }
    match MockApp::new(extra, support::context()) {
        Err(StartError::Commands(message)) => {
            assert!(message.contains("not in `[app] commands`"), "{message}")
        }
        other => panic!("expected a command mismatch, got {:?}", other.err()),
    }
}

#[test]
fn commands_the_context_registers_are_handlers_and_may_not_be_registered_twice() {
    // What generate_context!(commands: [...]) expands to: the context carries the commands.
    let all = |builder: Builder| {
        support::COMMANDS
            .iter()
            .filter(|name| **name != "greet")
            .fold(builder, |b, name| b.command(name, |_| Ok(Reply::empty())))
    };
    let greet = rampart::Command::blocking("greet", |_| Reply::json(&"from the context"));
    let context = support::context().with_commands([greet.clone()]);
    let app = MockApp::new(all(Builder::new()), context).unwrap_or_else(|e| panic!("{e}"));
    let answer = app.invoke("main", "greet", json!({ "name": "x" }));
    assert_eq!(answer.json(), json!("from the context"));

    let twice = all(Builder::new()).command("greet", |_| Ok(Reply::empty()));
    match MockApp::new(twice, support::context().with_commands([greet])) {
        Err(StartError::Commands(message)) => {
            assert!(message.contains("`greet` is registered twice"), "{message}")
        }
        other => panic!(
            "expected a second registration refused, got {:?}",
            other.err()
        ),
    }
}

#[test]
fn async_commands_run_without_holding_up_other_calls() {
    let app = Arc::new(app());
    let pending = {
        let app = app.clone();
        std::thread::spawn(move || app.invoke("main", "later", json!({})))
    };
    // While `later` waits on the gate, other calls are answered.
    for _ in 0..20 {
        assert_eq!(
            app.invoke("main", "greet", json!({ "firstName": "x" }))
                .status,
            200
        );
    }
    assert!(
        !pending.is_finished(),
        "`later` finished before its gate opened"
    );
    LATER_GATE.store(true, Ordering::SeqCst);
    assert_eq!(pending.join().expect("thread").json(), json!("later"));
}

/// The caller waits a moment for a quick command's answer and delivers it itself
/// (`crate::handoff`), but the command never runs on the caller's thread (the GTK thread, for
/// the real doors), blocking or async, quick or slow.
#[test]
fn commands_never_run_on_the_calling_thread() {
    let thread = || Reply::json(&format!("{:?}", std::thread::current().id()));
    let builder = Builder::new()
        .command("greet", move |_| thread())
        .async_command("later", move |_| async move { thread() })
        .command("wait", move |_| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            thread()
        });
    let app = MockApp::new(
        support::with_placeholders(builder, &["greet", "later", "wait"]),
        support::context(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let caller = format!("{:?}", std::thread::current().id());
    for command in ["greet", "later", "wait"] {
        for _ in 0..40 {
            let ran_on = app
                .invoke("main", command, json!({ "firstName": "x" }))
                .json();
            assert_ne!(ran_on, json!(caller), "{command} ran on the calling thread");
        }
    }
}

#[test]
fn managed_state_is_shared_by_every_call() {
    let app = app();
    assert_eq!(app.invoke("main", "count", json!({})).json(), json!(1));
    assert_eq!(app.invoke("main", "count", json!({})).json(), json!(2));
}

#[test]
fn unmanaged_state_is_an_internal_error_that_names_the_type() {
    let mut builder = Builder::new();
    for name in support::COMMANDS {
        builder = builder.command(name, |call| {
            call.state::<String>()?;
            Ok(Reply::empty())
        });
    }
    let app = MockApp::new(builder, support::context()).unwrap_or_else(|e| panic!("{e}"));
    let response = app.invoke("main", "count", json!({}));
    assert_eq!(response.error_code().as_deref(), Some("internal"));
    assert!(
        response.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("String")),
        "{response:?}"
    );
}

#[test]
fn app_defined_schemes_cannot_take_the_runtimes_or_the_webs() {
    for scheme in [
        "app",
        "ipc",
        "http",
        "https",
        "file",
        "data",
        "blob",
        "javascript",
        "Other",
        "",
        "9x",
    ] {
        let builder = support::with_placeholders(Builder::new(), &[])
            .protocol(scheme, |_| rampart::http::Response::new(Vec::new()));
        match MockApp::new(builder, support::context()) {
            Err(StartError::Commands(message)) => {
                assert!(message.contains("cannot be registered"), "{message}")
            }
            other => panic!("`{scheme}` was accepted: {:?}", other.err()),
        }
    }
    let allowed = support::with_placeholders(Builder::new(), &[])
        .protocol("other", |_| rampart::http::Response::new(Vec::new()));
    assert!(MockApp::new(allowed, support::context()).is_ok());
}

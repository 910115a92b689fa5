//! The IPC door, attacked: each test sends what a hostile page (or frame) could make the engine
//! send, and checks that it is refused before anything runs, with the right code.

mod common;

use common::{app, valid};
use std::sync::Arc;

use rampart_core::acl::{Authority, Origin};
use rampart_core::ipc::{
    APP_ORIGIN, Admission, BodyKind, CallFacts, Caller, ErrorCode, IpcError, Limits,
    MAX_COMMAND_LEN, Refusal, RequestParts, admit, call_facts, check_body, read_limit,
};
use url::Url;

const DEV_SERVER: &str = "http://localhost:5173";

/// A well-formed call of `read_note` from the app's own page.
fn request() -> RequestParts<'static> {
    RequestParts {
        method: "POST",
        path: "/read_note",
        origin_header: Some(APP_ORIGIN.as_bytes()),
        content_type: Some("application/json"),
    }
}

fn check(request: &RequestParts<'_>) -> Result<CallFacts, IpcError> {
    call_facts(request, &[DEV_SERVER]).map_err(|refusal| refusal.error)
}

fn code(request: &RequestParts<'_>) -> Option<ErrorCode> {
    check(request).err().map(|e| e.code)
}

fn with_origin(origin: &str) -> Result<CallFacts, IpcError> {
    check(&RequestParts {
        origin_header: Some(origin.as_bytes()),
        ..request()
    })
}

fn with_path(path: &str) -> Result<CallFacts, IpcError> {
    check(&RequestParts { path, ..request() })
}

#[test]
fn a_well_formed_call_from_the_app_passes() {
    let call = check(&request()).expect("accepted");
    assert_eq!(call.command, "read_note");
    assert_eq!(call.origin, Origin::Local);
    assert_eq!(call.body, BodyKind::Json);
    assert_eq!(call.allow_origin, APP_ORIGIN);
}

#[test]
fn only_post_is_accepted() {
    for method in [
        "GET", "PUT", "OPTIONS", "HEAD", "DELETE", "", "post", "Post", "POST ",
    ] {
        let error = check(&RequestParts {
            method,
            ..request()
        })
        .expect_err(method);
        assert_eq!(error.code, ErrorCode::BadRequest, "{method:?}");
        assert!(error.message.contains("POST"), "{}", error.message);
    }
}

#[test]
fn the_method_is_checked_before_the_origin() {
    // An `<img src="ipc://...">` sends a GET without Origin.
    let img = RequestParts {
        method: "GET",
        origin_header: None,
        content_type: None,
        ..request()
    };
    assert_eq!(code(&img), Some(ErrorCode::BadRequest));
}

#[test]
fn a_request_without_origin_is_refused() {
    // What a `fetch(..., {mode: 'no-cors'})` POST sends.
    let error = check(&RequestParts {
        origin_header: None,
        ..request()
    })
    .expect_err("no origin");
    assert_eq!(error.code, ErrorCode::Denied);
    assert!(error.message.contains("without an Origin header"));
}

#[test]
fn opaque_origins_are_refused() {
    // Sandboxed frames and data: URLs.
    for origin in ["null", "NULL", " null", "null "] {
        assert_eq!(
            with_origin(origin).err().map(|e| e.code),
            Some(ErrorCode::Denied),
            "{origin:?}"
        );
    }
}

#[test]
fn origins_that_are_not_text_are_refused() {
    for origin in [
        &b"app://localhost\xff"[..],
        b"\xc3\x28",
        b"",
        b"app://local\0host",
    ] {
        let error = check(&RequestParts {
            origin_header: Some(origin),
            ..request()
        })
        .expect_err("refused");
        assert_eq!(error.code, ErrorCode::Denied, "{origin:?}");
    }
}

#[test]
fn look_alike_app_origins_are_not_the_app() {
    // The engine sends exactly `app://localhost`; anything else in the app's scheme is refused
    // outright, and no case folding applies (`app:` is not a special scheme).
    for origin in [
        "app://localhost.evil.com",
        "app://localhost:80",
        "app://localhost:0",
        "app://evil@localhost",
        "app://localhost@evil.com",
        "APP://LOCALHOST",
        "app://LOCALHOST",
        "APP://localhost",
        "app://localhost/",
        "app://localhost.",
        "app://127.0.0.1",
        "app://evil.com",
        "app://localhost/index.html",
        "app://localhost?x",
        "app://localhost#x",
        "app:localhost",
        "app:///localhost",
        " app://localhost",
        "app://localhost ",
        "app://localhost\t",
        "app://local\thost",
        "app://localhost\n",
    ] {
        let error = with_origin(origin).expect_err(origin);
        assert_eq!(error.code, ErrorCode::Denied, "{origin:?}");
        assert!(!error.message.contains(origin.trim()), "{}", error.message);
    }
}

#[test]
fn origins_with_more_than_an_origin_are_refused() {
    for origin in [
        "https://example.com/path",
        "https://example.com/?",
        "https://example.com?x=1",
        "https://example.com#top",
        "https://user@example.com",
        "https://user:pass@example.com",
        "https://:pass@example.com",
        "https://",
        "https:",
        "example.com",
        "localhost",
        "mailto:a@example.com",
        "data:text/html,x",
        "file:///etc/passwd",
        "https://exa mple.com",
        "//example.com",
    ] {
        assert_eq!(
            with_origin(origin).err().map(|e| e.code),
            Some(ErrorCode::Denied),
            "{origin:?}"
        );
    }
}

#[test]
fn bare_foreign_origins_are_remote_for_the_authority_to_judge() {
    for (origin, expected) in [
        ("https://example.com", "https://example.com"),
        ("https://example.com/", "https://example.com"),
        ("https://example.com:8443", "https://example.com:8443"),
        ("https://example.com:443", "https://example.com"),
        ("http://localhost.evil", "http://localhost.evil"),
        ("other://localhost", "other://localhost"),
        ("https://[::1]:3000", "https://[::1]:3000"),
    ] {
        let call = with_origin(origin).expect(origin);
        let Origin::Remote(url) = &call.origin else {
            panic!("{origin} should be remote");
        };
        assert_eq!(url.host_str().map(str::is_empty), Some(false));
        assert_eq!(call.allow_origin, expected);
    }
}

#[test]
fn a_dev_server_origin_is_local_when_declared_and_compared_parsed() {
    for origin in [
        DEV_SERVER,
        "http://localhost:5173/",
        "HTTP://LOCALHOST:5173",
    ] {
        let call = with_origin(origin).expect(origin);
        assert_eq!(call.origin, Origin::Local, "{origin}");
        // The answer must name the page's real origin, or the engine drops it.
        assert_eq!(call.allow_origin, DEV_SERVER);
    }
    for origin in [
        "http://localhost:5174",
        "https://localhost:5173",
        "http://localhost",
        "http://127.0.0.1:5173",
        "http://localhost.evil:5173",
        "http://user@localhost:5173",
        "http://localhost:5173/src/main.ts",
    ] {
        let result = with_origin(origin);
        assert!(
            !matches!(
                result,
                Ok(CallFacts {
                    origin: Origin::Local,
                    ..
                })
            ),
            "{origin} counted as local"
        );
    }
    // Without the declaration (release builds), the dev server is just a remote origin.
    let call = call_facts(
        &RequestParts {
            origin_header: Some(DEV_SERVER.as_bytes()),
            ..request()
        },
        &[],
    )
    .expect("remote");
    assert!(matches!(call.origin, Origin::Remote(_)));
}

#[test]
fn an_unparsable_extra_origin_matches_nothing() {
    let result = call_facts(
        &RequestParts {
            origin_header: Some(b"https://example.com"),
            ..request()
        },
        &["not an origin", ""],
    );
    assert!(matches!(
        result,
        Ok(CallFacts {
            origin: Origin::Remote(_),
            ..
        })
    ));
}

/// `request` from the main window of the notes app, admitted.
fn admitted(request: &RequestParts<'_>) -> Admission {
    let call = check(request).expect("well formed");
    admit(&Arc::new(notes_app()), MAIN, call, false).expect("granted")
}

const MAIN: Caller<'static> = Caller {
    window: "main",
    webview: "main",
    isolated: false,
};

#[test]
fn a_body_over_the_limit_is_refused() {
    let limits = Limits {
        max_body_bytes: 1024,
        ..Limits::default()
    };
    let call = admitted(&request());
    assert!(check_body(&call, 1024, &limits).is_ok());
    let refusal = check_body(&call, 1025, &limits).expect_err("too large");
    assert_eq!(refusal.error.code, ErrorCode::TooLarge);
    assert_eq!(refusal.error.code.http_status(), 413);
    // The caller was let in: it may read why.
    assert_eq!(refusal.readable_by.as_deref(), Some(APP_ORIGIN));
    // A door reads one byte more than the limit, and no more, to know a body is over it.
    assert_eq!(read_limit(&limits), 1025);
    let ceiling = Limits {
        max_body_bytes: usize::MAX,
        ..Limits::default()
    };
    assert_eq!(read_limit(&ceiling), usize::MAX);
    assert_eq!(
        check_body(&call, usize::MAX, &Limits::default()).map_err(|r| r.error.code),
        Err(ErrorCode::TooLarge)
    );
}

#[test]
fn the_origin_is_checked_before_the_command() {
    let foreign = RequestParts {
        origin_header: Some(b"null"),
        path: "/../etc/passwd",
        content_type: Some("multipart/form-data"),
        ..request()
    };
    assert_eq!(code(&foreign), Some(ErrorCode::Denied));
    let bad_name_and_type = RequestParts {
        path: "/NOPE",
        content_type: Some("multipart/form-data"),
        ..request()
    };
    assert_eq!(code(&bad_name_and_type), Some(ErrorCode::NotFound));
}

#[test]
fn content_types() {
    for (content_type, expected) in [
        (Some("application/json"), Ok(BodyKind::Json)),
        (Some("application/json; charset=utf-8"), Ok(BodyKind::Json)),
        (Some("application/json;charset=UTF-8"), Ok(BodyKind::Json)),
        (Some("Application/JSON"), Ok(BodyKind::Json)),
        (Some(" application/json "), Ok(BodyKind::Json)),
        (Some("application/octet-stream"), Ok(BodyKind::Raw)),
        (None, Ok(BodyKind::Empty)),
        // What fetch sends for a string body when the caller sets nothing.
        (Some("text/plain;charset=UTF-8"), Err(ErrorCode::BadRequest)),
        (
            Some("application/x-www-form-urlencoded"),
            Err(ErrorCode::BadRequest),
        ),
        (
            Some("multipart/form-data; boundary=x"),
            Err(ErrorCode::BadRequest),
        ),
        (Some("application/jsonp"), Err(ErrorCode::BadRequest)),
        (Some("application/json-seq"), Err(ErrorCode::BadRequest)),
        (Some("application/json+x"), Err(ErrorCode::BadRequest)),
        (Some("application"), Err(ErrorCode::BadRequest)),
        (Some(""), Err(ErrorCode::BadRequest)),
    ] {
        let result = check(&RequestParts {
            content_type,
            ..request()
        });
        assert_eq!(
            result.map(|c| c.body).map_err(|e| e.code),
            expected,
            "{content_type:?}"
        );
    }
}

#[test]
fn a_body_needs_a_content_type() {
    let limits = Limits::default();
    let untyped = admitted(&RequestParts {
        content_type: None,
        ..request()
    });
    assert_eq!(untyped.body, BodyKind::Empty);
    assert!(check_body(&untyped, 0, &limits).is_ok());
    let refusal = check_body(&untyped, 1, &limits).expect_err("a body without a type");
    assert_eq!(refusal.error.code, ErrorCode::BadRequest);
    let raw = admitted(&RequestParts {
        content_type: Some("application/octet-stream"),
        ..request()
    });
    assert!(check_body(&raw, 0, &limits).is_ok());
    assert!(check_body(&raw, 5, &limits).is_ok());
}

#[test]
fn malformed_command_names_are_not_found_and_not_echoed() {
    let overlong = format!("/{}", "a".repeat(MAX_COMMAND_LEN + 1));
    let overlong_plugin = format!("/plugin:fs|{}", "a".repeat(MAX_COMMAND_LEN));
    for path in [
        "",
        "/",
        "read_note",
        "//read_note",
        "/read_note/",
        "/../read_note",
        "/..%2Fread_note",
        "/%2E%2E/read_note",
        "/read%2Fnote",
        "/read_note%00",
        "/%00",
        "/read note",
        "/read%20note",
        "/Read_Note",
        "/READ_NOTE",
        "/read-note",
        "/1read",
        "/read_note?x=1",
        "/read_note#x",
        "/r%C3%A9ad",
        "/%",
        "/%4",
        "/%zz",
        "/%253A",
        "/plugin:fs|",
        "/plugin:|x",
        "/plugin:|",
        "/plugin:FS|read_file",
        "/plugin:fs|Read_file",
        "/plugin:fs|read-file",
        "/plugin:-fs|read_file",
        "/plugin:1fs|read_file",
        "/plugin:fs_x|read_file",
        "/plugin:fs|read_file|x",
        "/plugin:fs:read_file",
        "/plugin:fs",
        "/plugin:",
        "/plugin:fs%7C",
        "/plugin%3A%7Cx",
        "/Plugin:fs|read_file",
        "/plugin :fs|read_file",
        "/<script>alert(1)</script>",
        "/%3Cscript%3E",
        "/\u{202e}",
        overlong.as_str(),
        overlong_plugin.as_str(),
    ] {
        let error = with_path(path).expect_err(path);
        assert_eq!(error.code, ErrorCode::NotFound, "{path:?}");
        // One fixed message for every malformed name: nothing of the input is echoed.
        assert_eq!(
            error.message,
            with_path("/").expect_err("/").message,
            "{path:?}"
        );
    }
}

#[test]
fn well_formed_commands_are_accepted() {
    let longest = "a".repeat(MAX_COMMAND_LEN);
    for (path, command) in [
        ("/read_note", "read_note"),
        ("/_private", "_private"),
        ("/a", "a"),
        ("/note2", "note2"),
        ("/plugin:fs|read_file", "plugin:fs|read_file"),
        ("/plugin%3Afs%7Cread_file", "plugin:fs|read_file"),
        ("/plugin%3afs%7cread_file", "plugin:fs|read_file"),
        ("/plugin:fs%7Cread_file", "plugin:fs|read_file"),
        ("/%72ead_note", "read_note"),
        ("/plugin:my-plugin2|do_it", "plugin:my-plugin2|do_it"),
        ("/plugin:p|_x", "plugin:p|_x"),
    ] {
        let call = with_path(path).expect(path);
        assert_eq!(call.command, command);
    }
    let call = with_path(&format!("/{longest}")).expect("at the limit");
    assert_eq!(call.command, longest);
}

fn notes_app() -> Authority {
    valid(app(
        &["read_note", "save_note"],
        &[],
        &[
            (
                "main.toml",
                "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
            ),
            (
                "docs.toml",
                "identifier = \"docs\"\nwindows = [\"main\"]\nlocal = false\n\
                 remote.urls = [\"https://docs.example.com\"]\npermissions = [\"allow-save-note\"]\n",
            ),
        ],
    ))
}

/// `call` from the main window (or `window`), decided by the notes app.
fn decide(call: &CallFacts, window: &str) -> Result<Admission, Refusal> {
    let caller = Caller {
        window,
        webview: window,
        isolated: false,
    };
    admit(&Arc::new(notes_app()), caller, call.clone(), false)
}

#[test]
fn the_gate_grants_what_a_capability_allows() {
    let call = check(&request()).expect("accepted");
    let admission = decide(&call, "main").expect("granted");
    assert_eq!(admission.grant.command(), "read_note");
    assert_eq!(admission.grant.window(), "main");
    assert_eq!(admission.grant.origin(), &Origin::Local);
    assert_eq!(admission.allow_origin, APP_ORIGIN);
    assert_eq!(admission.body, BodyKind::Json);
}

#[test]
fn the_gate_refuses_with_fixed_messages() {
    let refused =
        |call: &CallFacts, window: &str| -> Refusal { decide(call, window).expect_err("refused") };
    let save = with_path("/save_note").expect("well formed");
    let refusal = refused(&save, "main");
    assert_eq!(refusal.error.code, ErrorCode::Denied);
    assert_eq!(refusal.error.message, "this command is not allowed here");
    assert_eq!(refusal.reason, "origin_not_allowed");
    assert_eq!(refusal.command.as_deref(), Some("save_note"));
    let read = check(&request()).expect("well formed");
    let refusal = refused(&read, "other");
    assert_eq!(refusal.error.code, ErrorCode::Denied);
    assert_eq!(refusal.error.message, "this command is not allowed here");
    assert_eq!(refusal.reason, "not_granted");
    let unknown = with_path("/delete_everything").expect("well formed");
    let refusal = refused(&unknown, "main");
    assert_eq!(refusal.error.code, ErrorCode::NotFound);
    assert_eq!(refusal.error.message, "no such command");
    let message = &refusal.error.message;
    assert!(!message.contains("main") && !message.contains("docs"));
}

#[test]
fn a_debug_explanation_comes_from_the_same_decision() {
    let save = with_path("/save_note").expect("well formed");
    let refusal = admit(&Arc::new(notes_app()), MAIN, save, true).expect_err("refused");
    assert_eq!(refusal.error.code, ErrorCode::Denied);
    assert!(
        refusal.error.message.contains("origin_not_allowed")
            && refusal.error.message.contains("docs"),
        "{}",
        refusal.error.message
    );
}

#[test]
fn the_gate_judges_remote_origins_by_the_capabilities() {
    let docs = RequestParts {
        origin_header: Some(b"https://docs.example.com"),
        path: "/save_note",
        ..request()
    };
    let call = check(&docs).expect("well formed");
    let admission = decide(&call, "main").expect("granted");
    assert_eq!(admission.allow_origin, "https://docs.example.com");
    // The remote page cannot use the local capability.
    let read = RequestParts {
        path: "/read_note",
        ..docs
    };
    let call = check(&read).expect("well formed");
    assert!(decide(&call, "main").is_err());
    // Look-alikes of the allowed remote origin.
    for origin in [
        "https://docs.example.com.evil.com",
        "http://docs.example.com",
        "https://docs.example.com:444",
        "https://evil.com",
    ] {
        let call = check(&RequestParts {
            origin_header: Some(origin.as_bytes()),
            ..docs
        })
        .expect("well formed");
        assert!(decide(&call, "main").is_err(), "{origin}");
    }
}

/// Who may read an answer is decided in the gate: the app's own pages may read why they were
/// refused; a foreign or opaque origin reads nothing, whatever the refusal.
#[test]
fn only_the_callers_the_app_accepts_may_read_an_answer() {
    let readable = |parts: RequestParts<'_>| -> Option<String> {
        match call_facts(&parts, &[DEV_SERVER]) {
            Err(refusal) => refusal.readable_by,
            Ok(call) => match decide(&call, "main") {
                Err(refusal) => refusal.readable_by,
                Ok(admission) => Some(admission.allow_origin),
            },
        }
    };
    let bad_method = RequestParts {
        method: "GET",
        ..request()
    };
    assert_eq!(readable(bad_method).as_deref(), Some(APP_ORIGIN));
    let dev_bad_method = RequestParts {
        origin_header: Some(DEV_SERVER.as_bytes()),
        ..bad_method
    };
    assert_eq!(readable(dev_bad_method).as_deref(), Some(DEV_SERVER));
    for foreign in [
        &b"null"[..],
        b"https://evil.example",
        b"app://localhost.evil.com",
        b"\xff",
    ] {
        for parts in [
            RequestParts {
                origin_header: Some(foreign),
                ..bad_method
            },
            RequestParts {
                origin_header: Some(foreign),
                ..request()
            },
            RequestParts {
                origin_header: Some(foreign),
                path: "/NOPE",
                ..request()
            },
        ] {
            assert_eq!(readable(parts), None, "{foreign:?} {parts:?}");
        }
    }
    assert_eq!(
        readable(RequestParts {
            origin_header: None,
            ..request()
        }),
        None
    );
    // A local call that is denied may read why; a remote one may not.
    let denied_local = RequestParts {
        path: "/save_note",
        ..request()
    };
    assert_eq!(readable(denied_local).as_deref(), Some(APP_ORIGIN));
    let denied_remote = RequestParts {
        origin_header: Some(b"https://docs.example.com"),
        ..request()
    };
    assert_eq!(readable(denied_remote), None);
    let granted_remote = RequestParts {
        origin_header: Some(b"https://docs.example.com"),
        path: "/save_note",
        ..request()
    };
    assert_eq!(
        readable(granted_remote).as_deref(),
        Some("https://docs.example.com")
    );
}

#[test]
fn doors_without_http_reach_the_same_facts() {
    let facts = CallFacts::new(
        "read_note",
        Some(APP_ORIGIN.as_bytes()),
        &[],
        BodyKind::Json,
    )
    .expect("well formed");
    assert_eq!(facts, check(&request()).expect("well formed"));
    // The same refusals, readable by the same callers.
    let refusal = CallFacts::new(
        "Read_Note",
        Some(APP_ORIGIN.as_bytes()),
        &[],
        BodyKind::Json,
    )
    .expect_err("not a command");
    assert_eq!(refusal.error.code, ErrorCode::NotFound);
    assert_eq!(refusal.readable_by.as_deref(), Some(APP_ORIGIN));
    let refusal =
        CallFacts::new("read_note", Some(b"null"), &[], BodyKind::Json).expect_err("opaque");
    assert_eq!(refusal.error.code, ErrorCode::Denied);
    assert_eq!(refusal.readable_by, None);
    let longest = "a".repeat(MAX_COMMAND_LEN);
    assert!(CallFacts::new(&longest, Some(APP_ORIGIN.as_bytes()), &[], BodyKind::Json).is_ok());
    let over = "a".repeat(MAX_COMMAND_LEN + 1);
    assert!(CallFacts::new(&over, Some(APP_ORIGIN.as_bytes()), &[], BodyKind::Json).is_err());
    // No percent-decoding outside a URL: `%72ead_note` is not `read_note`.
    assert!(
        CallFacts::new(
            "%72ead_note",
            Some(APP_ORIGIN.as_bytes()),
            &[],
            BodyKind::Json
        )
        .is_err()
    );
}

#[test]
fn a_grant_carries_the_facts_it_was_granted_for() {
    let docs = RequestParts {
        origin_header: Some(b"https://docs.example.com"),
        path: "/save_note",
        ..request()
    };
    let call = check(&docs).expect("well formed");
    let admission = decide(&call, "main").expect("granted");
    let url = Url::parse("https://docs.example.com").expect("url");
    assert_eq!(admission.grant.origin(), &Origin::Remote(url));
    assert_eq!(
        (admission.grant.window(), admission.grant.webview()),
        ("main", "main")
    );
    assert!(admission.grant.scope().is_empty());
}

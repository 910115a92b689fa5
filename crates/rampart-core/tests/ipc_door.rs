//! The IPC door, attacked: each test sends what a hostile page (or frame) could make the engine
//! send, and checks that it is refused before anything runs, with the right code.

mod common;

use common::{app, valid};
use rampart_core::ipc::{
    APP_ORIGIN, BodyKind, Call, CallOrigin, ErrorCode, IpcError, Limits, MAX_COMMAND_LEN,
    RequestFacts, check_body, check_request, decide_call, read_limit,
};
use url::Url;

const DEV_SERVER: &str = "http://localhost:5173";

/// A well-formed call of `read_note` from the app's own page.
fn request() -> RequestFacts<'static> {
    RequestFacts {
        method: "POST",
        path: "/read_note",
        origin_header: Some(APP_ORIGIN.as_bytes()),
        content_type: Some("application/json"),
    }
}

fn check(request: &RequestFacts<'_>) -> Result<Call, IpcError> {
    check_request(request, &[DEV_SERVER])
}

fn code(request: &RequestFacts<'_>) -> Option<ErrorCode> {
    check(request).err().map(|e| e.code)
}

fn with_origin(origin: &str) -> Result<Call, IpcError> {
    check(&RequestFacts {
        origin_header: Some(origin.as_bytes()),
        ..request()
    })
}

fn with_path(path: &str) -> Result<Call, IpcError> {
    check(&RequestFacts { path, ..request() })
}

#[test]
fn a_well_formed_call_from_the_app_passes() {
    let call = check(&request()).expect("accepted");
    assert_eq!(call.command, "read_note");
    assert_eq!(call.origin, CallOrigin::Local);
    assert_eq!(call.body, BodyKind::Json);
    assert_eq!(call.allow_origin, APP_ORIGIN);
}

#[test]
fn only_post_is_accepted() {
    for method in [
        "GET", "PUT", "OPTIONS", "HEAD", "DELETE", "", "post", "Post", "POST ",
    ] {
        let error = check(&RequestFacts {
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
    let img = RequestFacts {
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
    let error = check(&RequestFacts {
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
        let error = check(&RequestFacts {
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
        let CallOrigin::Remote(url) = &call.origin else {
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
        assert_eq!(call.origin, CallOrigin::Local, "{origin}");
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
                Ok(Call {
                    origin: CallOrigin::Local,
                    ..
                })
            ),
            "{origin} counted as local"
        );
    }
    // Without the declaration (release builds), the dev server is just a remote origin.
    let call = check_request(
        &RequestFacts {
            origin_header: Some(DEV_SERVER.as_bytes()),
            ..request()
        },
        &[],
    )
    .expect("remote");
    assert!(matches!(call.origin, CallOrigin::Remote(_)));
}

#[test]
fn an_unparsable_extra_origin_matches_nothing() {
    let result = check_request(
        &RequestFacts {
            origin_header: Some(b"https://example.com"),
            ..request()
        },
        &["not an origin", ""],
    );
    assert!(matches!(
        result,
        Ok(Call {
            origin: CallOrigin::Remote(_),
            ..
        })
    ));
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let limits = Limits {
        max_body_bytes: 1024,
        ..Limits::default()
    };
    let call = check(&request()).expect("accepted");
    assert!(check_body(&call, 1024, &limits).is_ok());
    let error = check_body(&call, 1025, &limits).expect_err("too large");
    assert_eq!(error.code, ErrorCode::TooLarge);
    assert_eq!(error.code.http_status(), 413);
    // A runtime reads one byte more than the limit, and no more, to know a body is over it.
    assert_eq!(read_limit(&limits), 1025);
    let ceiling = Limits {
        max_body_bytes: usize::MAX,
        ..Limits::default()
    };
    assert_eq!(read_limit(&ceiling), usize::MAX);
    assert_eq!(
        check_body(&call, usize::MAX, &Limits::default()).map_err(|e| e.code),
        Err(ErrorCode::TooLarge)
    );
}

#[test]
fn the_origin_is_checked_before_the_command() {
    let foreign = RequestFacts {
        origin_header: Some(b"null"),
        path: "/../etc/passwd",
        content_type: Some("multipart/form-data"),
        ..request()
    };
    assert_eq!(code(&foreign), Some(ErrorCode::Denied));
    let bad_name_and_type = RequestFacts {
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
        let result = check(&RequestFacts {
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
    let untyped = check(&RequestFacts {
        content_type: None,
        ..request()
    })
    .expect("a call without arguments");
    assert!(check_body(&untyped, 0, &limits).is_ok());
    let error = check_body(&untyped, 1, &limits).expect_err("a body without a type");
    assert_eq!(error.code, ErrorCode::BadRequest);
    let raw = check(&RequestFacts {
        content_type: Some("application/octet-stream"),
        ..request()
    })
    .expect("raw bytes");
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

fn notes_app() -> rampart_core::acl::Authority {
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

#[test]
fn decide_call_grants_what_a_capability_allows() {
    let authority = notes_app();
    let call = check(&request()).expect("accepted");
    let grant = decide_call(&authority, "main", "main", &call).expect("granted");
    assert_eq!(grant.command(), "read_note");
}

#[test]
fn decide_call_refuses_with_fixed_messages() {
    let authority = notes_app();
    let refused = |call: &Call, window: &str| -> IpcError {
        decide_call(&authority, window, window, call).expect_err("refused")
    };
    let save = with_path("/save_note").expect("well formed");
    let error = refused(&save, "main");
    assert_eq!(error.code, ErrorCode::Denied);
    assert_eq!(error.message, "this command is not allowed here");
    let read = check(&request()).expect("well formed");
    let error = refused(&read, "other");
    assert_eq!(error.code, ErrorCode::Denied);
    assert_eq!(error.message, "this command is not allowed here");
    let unknown = with_path("/delete_everything").expect("well formed");
    let error = refused(&unknown, "main");
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(error.message, "no such command");
    assert!(!error.message.contains("main") && !error.message.contains("docs"));
}

#[test]
fn decide_call_judges_remote_origins_by_the_capabilities() {
    let authority = notes_app();
    let docs = RequestFacts {
        origin_header: Some(b"https://docs.example.com"),
        path: "/save_note",
        ..request()
    };
    let call = check(&docs).expect("well formed");
    assert!(decide_call(&authority, "main", "main", &call).is_ok());
    assert_eq!(call.allow_origin, "https://docs.example.com");
    // The remote page cannot use the local capability.
    let read = RequestFacts {
        path: "/read_note",
        ..docs
    };
    let call = check(&read).expect("well formed");
    assert!(decide_call(&authority, "main", "main", &call).is_err());
    // Look-alikes of the allowed remote origin.
    for origin in [
        "https://docs.example.com.evil.com",
        "http://docs.example.com",
        "https://docs.example.com:444",
        "https://evil.com",
    ] {
        let call = check(&RequestFacts {
            origin_header: Some(origin.as_bytes()),
            ..docs
        })
        .expect("well formed");
        assert!(
            decide_call(&authority, "main", "main", &call).is_err(),
            "{origin}"
        );
    }
}

#[test]
fn call_facts_carry_the_checked_origin() {
    let url = Url::parse("https://docs.example.com").expect("url");
    let call = Call {
        command: "read_note".into(),
        origin: CallOrigin::Remote(url.clone()),
        body: BodyKind::Json,
        allow_origin: "https://docs.example.com".into(),
    };
    let facts = call.facts("w", "v");
    assert_eq!((facts.window, facts.webview), ("w", "v"));
    assert!(
        matches!(facts.origin, rampart_core::acl::Origin::Remote(u) if *u == url),
        "{facts:?}"
    );
}

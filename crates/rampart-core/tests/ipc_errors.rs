//! The error answers of the IPC door and the limits table: stable codes and statuses, JSON that
//! always parses, messages that reveal nothing of the configuration, strict config.

use rampart_core::acl::{Denial, DenialReason};
use rampart_core::ipc::{ErrorCode, IpcError, Limits};
use serde_json::{Value, json};

const CODES: [(ErrorCode, &str, u16); 6] = [
    (ErrorCode::Denied, "denied", 403),
    (ErrorCode::NotFound, "not_found", 404),
    (ErrorCode::BadRequest, "bad_request", 400),
    (ErrorCode::TooLarge, "too_large", 413),
    (ErrorCode::Busy, "busy", 429),
    (ErrorCode::Internal, "internal", 500),
];

#[test]
fn codes_are_stable() {
    for (code, name, status) in CODES {
        assert_eq!(code.as_str(), name);
        assert_eq!(code.to_string(), name);
        assert_eq!(code.http_status(), status);
        assert_eq!(serde_json::to_value(code).expect("serializes"), json!(name));
    }
}

#[test]
fn error_json_round_trips() {
    for (code, name, _) in CODES {
        for message in [
            "",
            "plain",
            "quote \" backslash \\ newline \n nul \0 </script> é 🦀",
        ] {
            let error = IpcError::new(code, message);
            let value: Value = serde_json::from_slice(&error.to_json()).expect("valid JSON");
            assert_eq!(value, json!({ "code": name, "message": message }));
        }
    }
    let error = IpcError::denied("x");
    assert_eq!(error.to_json(), br#"{"code":"denied","message":"x"}"#);
    assert_eq!(error.to_string(), "denied: x");
}

#[test]
fn constructors_set_their_codes() {
    let made = [
        IpcError::denied("m"),
        IpcError::not_found("m"),
        IpcError::bad_request("m"),
        IpcError::too_large("m"),
        IpcError::busy("m"),
        IpcError::internal("m"),
    ];
    for (error, (code, _, _)) in made.iter().zip(CODES) {
        assert_eq!(error.code, code);
        assert_eq!(error.message, "m");
    }
}

#[test]
fn denials_reveal_nothing_without_detail() {
    let by = Denial {
        reason: DenialReason::DeniedBy {
            capability: "secret-capability",
            permission: "deny-secret",
        },
    };
    for (denial, code, message) in [
        (
            Denial {
                reason: DenialReason::UnknownCommand,
            },
            ErrorCode::NotFound,
            "no such command",
        ),
        (
            Denial {
                reason: DenialReason::NotGranted,
            },
            ErrorCode::Denied,
            "this command is not allowed here",
        ),
        (
            Denial {
                reason: DenialReason::OriginNotAllowed,
            },
            ErrorCode::Denied,
            "this command is not allowed here",
        ),
        (by, ErrorCode::Denied, "this command is not allowed here"),
    ] {
        let error = IpcError::from_denial(&denial, None);
        assert_eq!((error.code, error.message.as_str()), (code, message));
    }
    let detailed = IpcError::from_denial(&by, Some(&by.to_string()));
    assert_eq!(detailed.code, ErrorCode::Denied);
    assert!(detailed.message.contains("secret-capability"));
}

#[test]
fn limits_have_defaults_and_parse_strictly() {
    let limits = Limits::default();
    assert_eq!(limits.max_body_bytes, 16 * 1024 * 1024);
    assert_eq!(limits.max_json_depth, 64);
    assert_eq!(limits.max_in_flight, 256);
    assert_eq!(limits.validate(), Ok(()));

    let parsed: Limits = toml::from_str("max-json-depth = 32\n").expect("parses");
    assert_eq!(
        parsed,
        Limits {
            max_json_depth: 32,
            ..Limits::default()
        }
    );
    let empty: Limits = toml::from_str("").expect("parses");
    assert_eq!(empty, Limits::default());
    for bad in [
        "max_json_depth = 32\n",
        "max-json-dept = 32\n",
        "max-body-bytes = -1\n",
        "max-in-flight = \"many\"\n",
    ] {
        assert!(toml::from_str::<Limits>(bad).is_err(), "{bad}");
    }
}

#[test]
fn limits_are_bounded() {
    let with = |f: fn(&mut Limits)| {
        let mut limits = Limits::default();
        f(&mut limits);
        limits.validate()
    };
    assert!(with(|l| l.max_body_bytes = 0).is_err());
    assert!(with(|l| l.max_body_bytes = 1).is_ok());
    assert!(with(|l| l.max_body_bytes = 1 << 30).is_ok());
    assert!(with(|l| l.max_body_bytes = (1 << 30) + 1).is_err());
    assert!(with(|l| l.max_json_depth = 0).is_err());
    assert!(with(|l| l.max_json_depth = 512).is_ok());
    assert!(with(|l| l.max_json_depth = 513).is_err());
    assert!(with(|l| l.max_in_flight = 0).is_err());
    assert!(with(|l| l.max_in_flight = 65_536).is_ok());
    assert!(with(|l| l.max_in_flight = 65_537).is_err());
    let message = with(|l| l.max_json_depth = 0).expect_err("refused");
    assert!(message.contains("max-json-depth"), "{message}");
}

#[test]
fn limits_have_a_schema() {
    let schema = schemars::schema_for!(Limits);
    let text = serde_json::to_string(&schema).expect("serializes");
    for key in ["max-body-bytes", "max-json-depth", "max-in-flight"] {
        assert!(text.contains(key), "{key} missing from {text}");
    }
    assert!(text.contains("\"additionalProperties\":false"), "{text}");
}

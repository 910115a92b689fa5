//! The doors' request checks and the gate. The input's lines are: the door (`message` for the
//! message door's `ipc::message`, the call posted as its isolated script posts it, with the
//! Content-Type line as its kind; anything else for the `ipc://` door's
//! `ipc::http::call_facts`), method (ignored by the message door), path or command, Origin
//! (raw bytes, absent if the line is missing), Content-Type (absent if missing), a declared
//! local origin. Accepted facts go through `ipc::gate::admit` for a small app, in one window
//! whose capability grants some commands to the app's own pages and one to a remote origin.
//!
//! Checked: nothing panics; only the app's own origins may read a refusal; what is accepted is
//! well formed; a granted call carries the facts it was granted for.

#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use rampart_core::acl::{AppConfig, Authority, Origin, ResolveOptions, resolve};
use rampart_core::diagnostic::SourceFile;
use rampart_core::ipc::message::Message;
use rampart_core::ipc::{
    APP_ORIGIN, BodyKind, CallFacts, Caller, MAX_COMMAND_LEN, Refusal, RequestParts, admit,
    call_facts,
};
use rampart_core::scope::BaseDirs;
use url::Url;

const MANIFEST: &str = r#"
[app]
identifier = "com.example.fuzz"
commands = ["read_note", "save_note", "secret"]
"#;

const CAPABILITY: &str = r#"
identifier = "main"
windows = ["main"]
permissions = ["allow-read-note", "allow-save-note", "deny-secret", "event:allow-listen"]

[remote]
urls = ["https://docs.example.com"]
"#;

fn authority() -> &'static Arc<Authority> {
    static AUTHORITY: OnceLock<Arc<Authority>> = OnceLock::new();
    AUTHORITY.get_or_init(|| {
        let config = AppConfig {
            manifest: SourceFile::new("Rampart.toml", MANIFEST),
            permission_files: Vec::new(),
            capability_files: vec![SourceFile::new("capabilities/main.toml", CAPABILITY)],
        };
        let authority = resolve(&config, &ResolveOptions::new(BaseDirs::default()));
        Arc::new(authority.unwrap_or_else(|e| panic!("the fuzz app is invalid: {e:?}")))
    })
}

/// Only the app's own origins may read a refusal: the origin the engine sent, when it is
/// [`APP_ORIGIN`] or a declared local origin byte for byte, or else a declared local origin that
/// the sent one is as parsed origins (the door answers with its own serialization).
fn check_refusal(refusal: &Refusal, origin: Option<&[u8]>, local: &[&str]) {
    let Some(reader) = &refusal.readable_by else {
        return;
    };
    let sent = origin.expect("a request without an Origin cannot read its refusal");
    if sent == reader.as_bytes() && (reader == APP_ORIGIN || local.contains(&reader.as_str())) {
        return;
    }
    let parsed = |text: &str| {
        let url = Url::parse(text).ok()?;
        let host = url.host_str().map(str::to_owned);
        Some((url.scheme().to_owned(), host, url.port_or_known_default()))
    };
    let reader = parsed(reader).expect("the reader is an origin");
    assert_eq!(parsed(&String::from_utf8_lossy(sent)), Some(reader.clone()));
    assert!(local.iter().any(|l| parsed(l) == Some(reader.clone())));
}

fn check_facts(call: &CallFacts, origin: Option<&[u8]>, local: &[&str]) {
    assert!(!call.command.is_empty() && call.command.len() <= MAX_COMMAND_LEN);
    let plugin = call.command.strip_prefix("plugin:");
    let name = plugin.map_or(Some(call.command.as_str()), |rest| {
        rest.split_once('|').map(|(_, name)| name)
    });
    let name = name.expect("a plugin command has a `|`");
    assert!(
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    );
    match &call.origin {
        Origin::Local => {
            assert!(origin == Some(APP_ORIGIN.as_bytes()) || !local.is_empty());
            if local.is_empty() {
                assert_eq!(call.allow_origin, APP_ORIGIN);
            }
        }
        Origin::Remote(url) => {
            assert_ne!(url.scheme(), "app");
            assert!(url.username().is_empty() && url.password().is_none());
            assert!(url.query().is_none() && url.fragment().is_none());
            assert!(matches!(url.path(), "" | "/"));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut lines = data.split(|&b| b == b'\n');
    let door = lines.next().unwrap_or_default();
    let method = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let path = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let origin = lines.next();
    let content_type = lines.next().map(String::from_utf8_lossy);
    let extra = lines.next().map(String::from_utf8_lossy);
    let local: Vec<&str> = extra.as_deref().into_iter().collect();
    // The origin the door's facts are made from.
    let mut seen = origin.map(<[u8]>::to_vec);
    let facts = if door == b"message" {
        // As the isolated script posts it: origin (a serialized origin holds no NUL), id, kind
        // (the Content-Type line, `json` when missing), command, body.
        let posted = String::from_utf8_lossy(origin.unwrap_or_default()).replace('\0', "");
        let kind = content_type.as_deref().unwrap_or("json").replace('\0', "");
        let text = format!("{posted}\0{}\0{kind}\0{path}\0{{}}", method.len());
        let Some(message) = Message::parse(&text) else {
            assert!(kind != "json" && kind != "sealed");
            return;
        };
        assert_eq!((message.origin, message.command), (posted.as_str(), &*path));
        assert_eq!(message.body, "{}");
        let expected = if kind == "json" {
            BodyKind::Json
        } else {
            BodyKind::Sealed
        };
        assert_eq!(message.kind, expected);
        seen = Some(posted.clone().into_bytes());
        message.facts(&local)
    } else {
        let request = RequestParts {
            method: &method,
            path: &path,
            origin_header: origin,
            content_type: content_type.as_deref(),
        };
        let facts = call_facts(&request, &local);
        if facts.is_ok() {
            assert_eq!(&*method, "POST");
        }
        facts
    };
    let origin = seen.as_deref();
    let call = match facts {
        Ok(call) => call,
        Err(refusal) => return check_refusal(&refusal, origin, &local),
    };
    check_facts(&call, origin, &local);
    let expected = (call.command.clone(), call.origin.clone());
    let caller = Caller {
        window: "main",
        webview: "main",
        isolated: false,
    };
    match admit(authority(), caller, call, true) {
        Ok(admission) => {
            assert_eq!(admission.grant.command(), expected.0);
            assert_eq!(admission.grant.origin(), &expected.1);
            assert_ne!(expected.0, "secret");
        }
        Err(refusal) => check_refusal(&refusal, origin, &local),
    }
});

//! The IPC door's request checks. The input's lines are: method, path, Origin header (raw
//! bytes, absent if the line is missing), Content-Type (absent if missing), a declared local
//! origin; the body read afterwards is as long as the input (at most the read limit).

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::ipc::{
    APP_ORIGIN, BodyKind, CallOrigin, Limits, MAX_COMMAND_LEN, RequestFacts, check_body, read_limit,
};

fuzz_target!(|data: &[u8]| {
    let mut lines = data.split(|&b| b == b'\n');
    let method = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let path = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let origin = lines.next();
    let content_type = lines.next().map(String::from_utf8_lossy);
    let extra = lines.next().map(String::from_utf8_lossy);
    let extra: Vec<&str> = extra.as_deref().into_iter().collect();
    let limits = Limits {
        max_body_bytes: 64,
        ..Limits::default()
    };
    let request = RequestFacts {
        method: &method,
        path: &path,
        origin_header: origin,
        content_type: content_type.as_deref(),
    };
    let Ok(call) = rampart_core::ipc::check_request(&request, &extra) else {
        return;
    };
    assert_eq!(&*method, "POST");
    let body_len = data.len().min(read_limit(&limits));
    if check_body(&call, body_len, &limits).is_ok() {
        assert!(body_len <= limits.max_body_bytes);
        assert!(call.body != BodyKind::Empty || body_len == 0);
    }
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
        CallOrigin::Local => {
            assert!(origin == Some(APP_ORIGIN.as_bytes()) || !extra.is_empty());
            if extra.is_empty() {
                assert_eq!(call.allow_origin, APP_ORIGIN);
            }
        }
        CallOrigin::Remote(url) => {
            assert_ne!(url.scheme(), "app");
            assert!(url.username().is_empty() && url.password().is_none());
            assert!(url.query().is_none() && url.fragment().is_none());
            assert!(matches!(url.path(), "" | "/"));
        }
    }
});

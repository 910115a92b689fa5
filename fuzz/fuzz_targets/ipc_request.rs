//! The `ipc://` door's request checks (`ipc::http::call_facts`). The input's lines are: method,
//! path, Origin header (raw bytes, absent if the line is missing), Content-Type (absent if
//! missing), a declared local origin.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::acl::Origin;
use rampart_core::ipc::{APP_ORIGIN, MAX_COMMAND_LEN, RequestParts, call_facts};

fuzz_target!(|data: &[u8]| {
    let mut lines = data.split(|&b| b == b'\n');
    let method = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let path = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let origin = lines.next();
    let content_type = lines.next().map(String::from_utf8_lossy);
    let extra = lines.next().map(String::from_utf8_lossy);
    let extra: Vec<&str> = extra.as_deref().into_iter().collect();
    let request = RequestParts {
        method: &method,
        path: &path,
        origin_header: origin,
        content_type: content_type.as_deref(),
    };
    let call = match call_facts(&request, &extra) {
        Ok(call) => call,
        Err(refusal) => {
            // Only the app's own origins may read a refusal.
            if let Some(reader) = refusal.readable_by {
                assert_eq!(origin, Some(reader.as_bytes()));
                assert!(reader == APP_ORIGIN || extra.contains(&reader.as_str()));
            }
            return;
        }
    };
    assert_eq!(&*method, "POST");
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
            assert!(origin == Some(APP_ORIGIN.as_bytes()) || !extra.is_empty());
            if extra.is_empty() {
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
});

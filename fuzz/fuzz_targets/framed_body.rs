//! A framed body (a 4-byte head length, a JSON head, the data), as the fs plugin's `write_file`,
//! `append_file` and `write` read it: `split` never panics, never returns a head longer than the
//! limit or than the body, the head and data are exactly the body after the length, and `join`
//! of what it returns gives the body back. The head then goes to serde_json, as the plugin does.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::ipc::framed::{MAX_HEAD_LEN, join, split};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok((head, rest)) = split(data) else {
        return;
    };
    assert!(head.len() <= MAX_HEAD_LEN);
    assert_eq!(4 + head.len() + rest.len(), data.len());
    assert_eq!(join(head, rest), data);
    let _ = serde_json::from_slice::<Value>(head);
});

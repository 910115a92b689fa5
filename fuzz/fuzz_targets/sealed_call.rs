//! The gate's opening of sealed calls (the isolation pattern): any envelope, and any plaintext
//! sealed with the right key, is opened or refused without panicking; an opened call is for the
//! command and webview asked, its JSON body parses, and its counter is never accepted twice.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::ipc::BodyKind;
use rampart_core::ipc::seal::{Replays, SealKey, open, seal};

fuzz_target!(|data: &[u8]| {
    let key = SealKey::new(&[42; 32]);
    let mut replays = Replays::default();
    // As an envelope: almost always refused (a forgery).
    let _ = open(&key, data, "greet", "main", &mut replays);
    // As a plaintext the frame sealed.
    let envelope = seal(&key, &[7; 12], data);
    if let Ok(call) = open(&key, &envelope, "greet", "main", &mut replays) {
        if call.kind == BodyKind::Json {
            assert!(serde_json::from_slice::<serde_json::Value>(&call.body).is_ok());
        }
        assert!(
            open(&key, &envelope, "greet", "main", &mut replays).is_err(),
            "a replay opened"
        );
    }
});

//! The gate's opening of sealed calls (the isolation pattern): any envelope, and any plaintext
//! sealed with the right key, is opened or refused without panicking; an opened call is for the
//! command and webview asked, its JSON body parses, and its counter is never accepted twice.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::ipc::BodyKind;
use rampart_core::ipc::seal::{Replays, SealKey, open, seal};

/// The gate's clock: the seeds are stamped with it.
const NOW: u64 = 1_800_000_000_000;

fuzz_target!(|data: &[u8]| {
    let key = SealKey::new(&[42; 32]);
    let mut replays = Replays::default();
    // As an envelope: almost always refused (a forgery).
    let _ = open(&key, data, "greet", "main", &mut replays, NOW);
    // As a plaintext the frame sealed.
    let envelope = seal(&key, &[7; 12], data);
    if let Ok(call) = open(&key, &envelope, "greet", "main", &mut replays, NOW) {
        if call.kind == BodyKind::Json {
            assert!(serde_json::from_slice::<serde_json::Value>(&call.body).is_ok());
        }
        assert!(
            open(&key, &envelope, "greet", "main", &mut replays, NOW).is_err(),
            "a replay opened"
        );
    }
});

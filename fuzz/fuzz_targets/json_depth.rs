//! The JSON depth bound against serde_json. The first byte of the input is the limit, the rest
//! the JSON text: for every text serde_json accepts, `check_depth` accepts exactly when the
//! parsed value nests no deeper than the limit.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::ipc::check_depth;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&max, text)) = data.split_first() else {
        return;
    };
    let max = usize::from(max);
    let result = check_depth(text, max);
    if let Err(error) = result {
        assert_eq!(error.max_depth, max);
        assert!(matches!(text.get(error.offset), Some(b'[' | b'{')));
        assert!(check_depth(&text[..error.offset], max).is_ok());
    } else {
        assert!(check_depth(text, max + 1).is_ok());
    }
    if let Ok(value) = serde_json::from_slice::<Value>(text) {
        assert_eq!(
            result.is_ok(),
            depth(&value) <= max,
            "depth {}",
            depth(&value)
        );
    }
});

/// The nesting of a parsed value: a scalar is 0, `[]` is 1. serde_json refuses 128 levels, so
/// the recursion is bounded.
fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

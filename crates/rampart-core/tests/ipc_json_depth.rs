//! The JSON depth bound: exact at the limit, blind to brackets inside strings, and fast on a
//! body built to exhaust the stack.

use rampart_core::ipc::{DepthError, ErrorCode, IpcError, Limits, check_depth};

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn the_limit_is_exact() {
    for max in [1, 2, 64, 127, 512] {
        assert_eq!(check_depth(nested(max).as_bytes(), max), Ok(()), "{max}");
        assert_eq!(
            check_depth(nested(max + 1).as_bytes(), max),
            Err(DepthError {
                max_depth: max,
                offset: max
            }),
            "{max}"
        );
    }
}

#[test]
fn scalars_have_depth_zero() {
    for text in ["1", "\"x\"", "null", "", "  true  "] {
        assert_eq!(check_depth(text.as_bytes(), 0), Ok(()), "{text}");
    }
    assert!(check_depth(b"[]", 0).is_err());
    assert!(check_depth(b"{}", 0).is_err());
}

#[test]
fn objects_and_arrays_both_count() {
    let text = br#"{"a":[{"b":[1,2,{"c":{}}]}]}"#;
    assert_eq!(check_depth(text, 6), Ok(()));
    assert!(check_depth(text, 5).is_err());
    // Siblings do not add up.
    assert_eq!(check_depth(b"[[],[],{},[[]]]", 3), Ok(()));
}

#[test]
fn brackets_inside_strings_are_ignored() {
    assert_eq!(check_depth(br#""[[[[""#, 0), Ok(()));
    assert_eq!(check_depth(br#"{"[[[[{{{{": "]]]]}}}}[[[["}"#, 1), Ok(()));
    assert_eq!(check_depth(br#"["[", "{", "\\", "["]"#, 1), Ok(()));
}

#[test]
fn escaped_quotes_do_not_end_strings() {
    // The string is `\"[[[`, so the brackets stay inside it.
    assert_eq!(check_depth(br#"["\"[[[", 1]"#, 1), Ok(()));
    // An escaped backslash does end before the quote: the brackets after it count.
    assert!(check_depth(br#"["\\", [[1]]]"#, 2).is_err());
    assert_eq!(check_depth(br#"["\\", [[1]]]"#, 3), Ok(()));
    // A string never closed hides what follows; serde_json refuses such a text anyway.
    assert_eq!(check_depth(br#"["abc\"[[[[["#, 1), Ok(()));
}

#[test]
fn agrees_with_serde_json_on_valid_documents() {
    for text in [
        r#"{"a":{"b":{"c":[1,[2,[3]]]}}}"#,
        r#"["\"]", {"k\\": [["x"]]}]"#,
        r#"[{"\u005b": "\u005d"}]"#,
    ] {
        let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        let depth = depth_of(&value);
        assert_eq!(check_depth(text.as_bytes(), depth), Ok(()), "{text}");
        assert!(check_depth(text.as_bytes(), depth - 1).is_err(), "{text}");
    }
}

fn depth_of(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        serde_json::Value::Object(map) => 1 + map.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn ten_megabytes_of_brackets_fail_at_the_first_one_too_deep() {
    // Runs on a small thread stack: the check must not recurse.
    let handle = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let body = vec![b'['; 10 << 20];
            let limit = Limits::default().max_json_depth;
            check_depth(&body, limit)
        })
        .expect("thread");
    let result = handle.join().expect("no panic");
    assert_eq!(
        result,
        Err(DepthError {
            max_depth: 64,
            offset: 64
        })
    );
}

#[test]
fn a_body_too_deep_is_a_bad_request() {
    let error = check_depth(nested(3).as_bytes(), 2)
        .map_err(IpcError::from)
        .expect_err("too deep");
    assert_eq!(error.code, ErrorCode::BadRequest);
}

#[test]
fn never_goes_below_zero() {
    // Stray closers cannot buy depth for later openers.
    assert!(check_depth(b"]]]]]]][[[", 2).is_err());
    assert_eq!(check_depth(b"]]]]]]][[", 2), Ok(()));
}

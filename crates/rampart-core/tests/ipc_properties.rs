//! Properties of the IPC door over arbitrary input: it never panics, and whatever it accepts is
//! well formed.

use proptest::prelude::*;
use rampart_core::acl::Origin;
use rampart_core::ipc::{APP_ORIGIN, MAX_COMMAND_LEN, RequestParts, call_facts, check_depth};

fn origin_bytes() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        Just(None),
        Just(Some(APP_ORIGIN.as_bytes().to_vec())),
        "[a-zA-Z]{1,6}://[a-zA-Z0-9.@:\\[\\]%-]{0,20}(/[a-z?#]{0,4})?"
            .prop_map(|s| Some(s.into_bytes())),
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(Some),
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        "/[a-z_|:%0-9A-F.-]{0,40}",
        "/plugin(:|%3A|%3a)[a-z-]{0,6}(\\||%7C|%7c)[a-z_]{0,8}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn check_request_never_panics(
        method in prop_oneof![Just("POST".to_string()), any::<String>()],
        path in path(),
        origin in origin_bytes(),
        content_type in proptest::option::of(prop_oneof![
            Just("application/json".to_string()),
            any::<String>(),
        ]),
        extra in proptest::collection::vec(any::<String>(), 0..3),
    ) {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let request = RequestParts {
            method: &method,
            path: &path,
            origin_header: origin.as_deref(),
            content_type: content_type.as_deref(),
        };
        match call_facts(&request, &extra) {
            Err(refusal) => {
                // Only the app's own origins may read a refusal.
                if let Some(reader) = &refusal.readable_by {
                    prop_assert!(origin.as_deref() == Some(reader.as_bytes()));
                    prop_assert!(reader == APP_ORIGIN || extra.contains(&reader.as_str()));
                }
            }
            Ok(call) => {
            prop_assert_eq!(method.as_str(), "POST");
            prop_assert!(!call.command.is_empty() && call.command.len() <= MAX_COMMAND_LEN);
            prop_assert!(call.command.bytes().all(|b| b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b"_:|-".contains(&b)));
            match &call.origin {
                Origin::Local => prop_assert!(
                    origin.as_deref() == Some(APP_ORIGIN.as_bytes()) || !extra.is_empty()
                ),
                Origin::Remote(url) => {
                    prop_assert_ne!(url.scheme(), "app");
                    prop_assert!(url.username().is_empty() && url.password().is_none());
                    prop_assert!(url.query().is_none() && url.fragment().is_none());
                }
            }
            }
        }
    }

    #[test]
    fn check_depth_never_panics_and_bounds_depth(
        bytes in proptest::collection::vec(
            prop_oneof![Just(b'['), Just(b'{'), Just(b']'), Just(b'}'), Just(b'"'), Just(b'\\'),
                        any::<u8>()],
            0..512,
        ),
        max in 0usize..16,
    ) {
        if let Err(error) = check_depth(&bytes, max) {
            prop_assert_eq!(error.max_depth, max);
            let opener = matches!(bytes.get(error.offset), Some(b'[' | b'{'));
            prop_assert!(opener, "offset {} is not an opening bracket", error.offset);
            // Accepted up to the byte before the one too deep.
            prop_assert!(check_depth(&bytes[..error.offset], max).is_ok());
        }
    }

    #[test]
    fn check_depth_agrees_with_serde_json(value in json_value(), max in 0usize..8) {
        let text = serde_json::to_vec(&value).expect("serializes");
        prop_assert_eq!(check_depth(&text, max).is_ok(), depth_of(&value) <= max);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<i64>().prop_map(serde_json::Value::from),
        "[\\[\\]{}\"\\\\a-z]{0,6}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(8, 64, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[\\[\\]{}\"\\\\a-z]{0,4}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn depth_of(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        serde_json::Value::Object(map) => 1 + map.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

//! Origin patterns: the first line of the input is a pattern, the second an origin to match.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::scope::OriginPattern;
use url::Url;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pattern, candidate) = text
        .split_once('\n')
        .unwrap_or((&text, "https://example.com"));
    let Ok(pattern) = OriginPattern::parse(pattern) else {
        return;
    };
    let Ok(origin) = Url::parse(candidate) else {
        return;
    };
    if pattern.matches(&origin) {
        // Only https origins without credentials ever match.
        assert_eq!(origin.scheme(), "https");
        assert!(origin.username().is_empty() && origin.password().is_none());
    }
});

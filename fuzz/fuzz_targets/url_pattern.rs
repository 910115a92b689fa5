//! URL patterns: the first line of the input is a pattern, the second a URL to match.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::scope::{OpenerRule, UrlPattern};
use url::Url;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pattern, candidate) = text
        .split_once('\n')
        .unwrap_or((&text, "https://example.com/"));
    let pattern = UrlPattern::parse(pattern);
    let scheme = OpenerRule::scheme(text.split(':').next().unwrap_or_default());
    let Ok(url) = Url::parse(candidate) else {
        return;
    };
    let has_userinfo = !url.username().is_empty() || url.password().is_some();
    if let Ok(pattern) = pattern {
        let matched = pattern.matches(&url);
        // A URL that carries credentials never matches.
        assert!(!(matched && has_userinfo));
    }
    if let Ok(rule) = scheme {
        let _ = rule.matches_url(&url);
    }
});

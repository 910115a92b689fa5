//! Reading a page for its Content-Security-Policy (`csp::page::scan`, the HTML rewriter): the
//! input is the page. Never a panic; findings locate themselves inside the page and render
//! without control characters; hashes are base64 SHA-256 digests, each listed once; a nonce
//! placeholder is added only where the scan says the page is nonce'd; a page with nothing to
//! nonce comes out as it went in (up to bytes that are not UTF-8, which come out as U+FFFD, as
//! the engine reads them); and reading the rewritten page again finds the same inline
//! code, the same nonce'd elements and the same findings (the rewrite adds attributes, nothing
//! else).

#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};
use rampart_core::csp::nonce::NONCE_PLACEHOLDER;
use rampart_core::csp::page::{self, PageScan};
use rampart_core::diagnostic::ConfigError;

/// How often `needle` occurs in `haystack`, overlaps counted.
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Whether the rewriter gave up on the page (its output may then stop short).
fn unreadable(scan: &PageScan) -> bool {
    scan.errors
        .iter()
        .any(|e| e.message.contains("cannot be read as HTML"))
}

fn located(lines: usize, finding: &ConfigError) {
    assert!(finding.location.line >= 1, "{finding}");
    assert!(
        finding.location.line <= lines,
        "{finding} (of {lines} lines)"
    );
    assert!(finding.location.column >= 1, "{finding}");
}

fn renders_safely(finding: &ConfigError) {
    let mut report = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .render_report(&mut report, finding)
        .expect("a diagnostic renders");
    assert!(
        !report.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
        "{report:?}"
    );
}

fn hashes_are_digests(hashes: &[String]) {
    for (i, hash) in hashes.iter().enumerate() {
        let digest = base64::engine::general_purpose::STANDARD
            .decode(hash)
            .unwrap_or_else(|e| panic!("{hash}: {e}"));
        assert_eq!(digest.len(), 32, "{hash}");
        assert!(!hashes[..i].contains(hash), "{hash} listed twice");
    }
}

/// Whether `data` has an `=` followed by `>` (spaces between allowed): in a tag, an attribute
/// without a value at the tag's end.
fn empty_value_before_close(data: &[u8]) -> bool {
    data.iter().enumerate().any(|(i, &b)| {
        b == b'='
            && data[i + 1..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|&c| c == b'>')
    })
}

/// The messages of `list`, without their locations (which the added attributes move).
fn messages(list: &[ConfigError]) -> Vec<&str> {
    list.iter().map(|f| f.message.as_str()).collect()
}

fuzz_target!(|data: &[u8]| {
    let scan = page::scan("fuzz.html", data);
    let text = String::from_utf8_lossy(data);
    let lines = text.split(['\n', '\r']).count();
    for finding in scan.errors.iter().chain(&scan.warnings) {
        located(lines, finding);
    }
    // Rendering is slow: a few of each kind cover its paths.
    for finding in scan
        .errors
        .iter()
        .take(2)
        .chain(scan.warnings.iter().take(2))
    {
        renders_safely(finding);
    }
    hashes_are_digests(&scan.sources.script_hashes);
    hashes_are_digests(&scan.sources.style_hashes);
    let placeholder = NONCE_PLACEHOLDER.as_bytes();
    if count(&scan.html, placeholder) > count(data, placeholder) {
        assert!(
            scan.sources.nonced,
            "a placeholder added to a page not nonce'd"
        );
    }
    if unreadable(&scan) {
        return;
    }
    if !scan.sources.nonced {
        // Inline code is decoded as the engine decodes it (a byte that is not UTF-8 becomes
        // U+FFFD) and written back so: the same page to a browser.
        assert!(
            String::from_utf8_lossy(&scan.html) == text,
            "a page with nothing to nonce was changed"
        );
        return;
    }
    if empty_value_before_close(data) {
        // lol_html reads what follows a tag such as `<script x=>` as markup, where a browser
        // reads code (so the hash of such a script is wrong, and the script blocked): a
        // rewritten `<script src=>` then reads differently. Known; not checked here.
        return;
    }
    let again = page::scan("fuzz.html", &scan.html);
    assert!(!unreadable(&again), "the rewritten page cannot be read");
    assert_eq!(
        again.sources, scan.sources,
        "the rewrite changed the page's code"
    );
    // The rewritten page holds the placeholders it was given, which a page of the author's
    // may not: read again, that finding may come or go; every other one stays.
    let reserved = |m: &&str| !m.contains(NONCE_PLACEHOLDER);
    let kept = |list: &[ConfigError]| -> Vec<String> {
        messages(list)
            .into_iter()
            .filter(reserved)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(kept(&again.errors), kept(&scan.errors));
    assert_eq!(messages(&again.warnings), messages(&scan.warnings));
    assert!(again.html == scan.html, "a second rewrite changed the page");
});

//! Every diagnostic points at the offending byte, by line and column as an editor counts them
//! (lines end at `\n`, `\r\n` or a lone `\r`; columns are characters; a byte order mark is not
//! one), its snippet is headed with the same position, and nothing a configuration file holds
//! reaches the terminal unescaped or unbounded.

mod common;

use common::{rendered, snippet_header};
use rampart_core::acl::parse;
use rampart_core::diagnostic::{ConfigError, SourceFile};

const APP: &str = "[app]\nidentifier = \"com.example.x\"\n";

fn manifest_error(text: &str) -> ConfigError {
    parse::app_manifest(&SourceFile::new("Rampart.toml", text)).expect_err("the text is invalid")
}

/// The error's line and column, after checking that its snippet is headed with them.
fn position(error: &ConfigError) -> (usize, usize) {
    let report = rendered(error);
    let location = error.location.to_string();
    assert_eq!(snippet_header(&report), Some(location.as_str()), "{report}");
    (error.location.line, error.location.column)
}

#[test]
fn columns_count_characters_in_the_message_and_the_snippet() {
    let error = manifest_error("[app]\nidentifier = \"ééééééééé\" x\n");
    // The offending byte is `x` (column 26), after 9 two-byte characters.
    assert_eq!(position(&error), (2, 26), "{error}");
    let error = manifest_error("[app]\nidentifier = \"com.x.y\"\n\t\"日本語\" = 1\n");
    assert_eq!(position(&error), (3, 2), "{error}");
}

#[test]
fn a_lone_carriage_return_ends_a_line() {
    // TOML refuses a lone CR; the error is at the CR itself, at the end of line 1.
    let error = manifest_error("[app]\ridentifier = \"com.x.y\"\r");
    assert_eq!(position(&error), (1, 6), "{error}");
    let report = rendered(&error);
    assert!(report.contains(" 1 │ [app]"), "{report}");
    assert!(report.contains("2 │ identifier"), "{report}");
    assert!(!report.contains(" 0 │"), "{report}");
}

#[test]
fn a_crlf_ends_a_line_once() {
    let error = manifest_error("[app]\r\nidentifier = \"com.x.y\r\n");
    // The string is unterminated: the line ends (at its CR) where `"` was expected.
    assert_eq!(position(&error), (2, 22), "{error}");
    let error = manifest_error("[app]\r\nidentifier = \"com.x.y\"\r\ncomands = []\r\n");
    assert_eq!(position(&error), (3, 1), "{error}");
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let error = manifest_error("\u{feff}[ap]\n");
    assert_eq!(position(&error), (1, 2), "{error}");
    let error = manifest_error("\u{feff}[app]\nidentifer = \"com.x.y\"\n");
    assert_eq!(position(&error), (2, 1), "{error}");
    // An error about the whole document starts in the mark: it is shown at 1:1.
    let error = manifest_error("\u{feff}# nothing yet\n");
    assert!(error.message.contains("missing field `app`"), "{error}");
    assert_eq!(position(&error), (1, 1), "{error}");
}

#[test]
fn a_deep_dotted_key_is_an_error_at_the_level_too_deep() {
    let key = vec!["a"; 10_000].join(".");
    let error = manifest_error(&format!("{APP}{key} = 1\n"));
    assert!(error.message.contains("deeper than 32"), "{error}");
    // The root, `[app]` and 30 tables fit; segment 31 would open the 33rd: column 61.
    assert_eq!(position(&error), (3, 61), "{error}");
    let header = format!("[{}]\nx = 1\n", vec!["b"; 100].join("."));
    let error = manifest_error(&format!("{APP}{header}"));
    assert_eq!(position(&error), (3, 64), "{error}");
    let arrays = format!("{APP}x = {}{}\n", "[".repeat(100), "]".repeat(100));
    let error = manifest_error(&arrays);
    // The root, `[app]` and 30 arrays fit; the 31st `[` is at column 35.
    assert_eq!(position(&error), (3, 35), "{error}");
}

/// Bytes a terminal interprets: ESC (CSI and OSC sequences), BEL, the C1 CSI, backspace, CR,
/// and the bidirectional overrides that reorder what is shown.
const TERMINAL_CONTROLS: [char; 7] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{8}', '\r', '\u{202e}', '\u{2066}',
];

fn assert_no_controls(report: &str) {
    for control in TERMINAL_CONTROLS {
        assert!(!report.contains(control), "{control:?} in {report:?}");
    }
}

#[test]
fn control_characters_are_escaped_in_message_snippet_and_help() {
    // TOML escapes: the key holds the raw characters once parsed.
    let key = r#""\u001b]0;pwned\u0007\u001b[31m\u009b2J\b\u202e\u2066x""#;
    let error = manifest_error(&format!("{APP}{key} = 1\n"));
    assert!(error.message.contains("\\u{1b}]0;pwned\\u{7}"), "{error}");
    assert_no_controls(&error.to_string());
    assert_no_controls(&rendered(&error));
    // A raw control character inside a string is a TOML error, located on it.
    let error = manifest_error("[app]\nidentifier = \"com\u{1b}[2J.x\"\n");
    assert_eq!(position(&error), (2, 18), "{error}");
    assert_no_controls(&rendered(&error));
    // A name that becomes the help's suggestion is escaped too.
    let error = manifest_error("[app]\nidentifier = \"com.x.y\"\nscope-kind = \"pat\\u001bh\"\n");
    assert_no_controls(&rendered(&error));
    let help = error.help.unwrap_or_default();
    assert!(!help.contains('\u{1b}'), "{help}");
}

#[test]
fn long_lines_and_long_names_are_shown_in_part() {
    let key = "k".repeat(500_000);
    let error = manifest_error(&format!("{APP}{key} = 1\n"));
    let report = rendered(&error);
    assert!(error.message.len() < 300, "{} bytes", error.message.len());
    assert!(report.len() < 2_000, "{} bytes: {report}", report.len());
    assert_eq!(position(&error), (3, 1));
    // The offending byte at the end of a long line: shown with the text just before it.
    let value = "v".repeat(500_000);
    let error = manifest_error(&format!("{APP}description = \"{value}\" x\n"));
    let report = rendered(&error);
    assert!(report.len() < 2_000, "{} bytes", report.len());
    assert_eq!(position(&error), (3, 500_018), "{error}");
    assert!(report.contains("vvv\" x"), "{report}");
}

//! Configuration files: the input is parsed as `Rampart.toml` (and read as the runtime reads it:
//! windows, labels, pages, the dev server), a permission file, a plugin manifest, a TOML
//! capability file and a JSON capability file. Errors are fine; panics are not. Every error
//! must locate itself inside the file, and render (as `rampart` prints it) without control
//! characters, under a snippet header that repeats its position. JSON the reader accepts must
//! be JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};
use rampart_core::acl::parse;
use rampart_core::diagnostic::{ConfigError, SourceFile};

fn located(file: &SourceFile, error: ConfigError) {
    // Lines end at `\n`, `\r\n` or `\r`: at most one per `\n` or `\r`.
    let lines = file.text().split(['\n', '\r']).count();
    assert!(
        error.location.line >= 1 && error.location.line <= lines,
        "{error}"
    );
    assert!(error.location.column >= 1, "{error}");
    let mut report = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .render_report(&mut report, &error)
        .expect("a diagnostic renders");
    assert!(
        !report.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
        "{report:?}"
    );
    if report.contains("╭─[") {
        assert!(
            report.contains(&format!("╭─[{}]", error.location)),
            "{report}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("fuzz.toml", text);
    if let Err(error) = parse::app_manifest(&file) {
        located(&file, error);
    }
    // The runtime's reading of it: windows, labels, pages, the dev server.
    if let Err(errors) = rampart_core::app::app_info(&file) {
        for error in errors.errors {
            located(&file, error);
        }
    }
    if let Err(error) = parse::permission_file(&file) {
        located(&file, error);
    }
    if let Err(error) = parse::plugin_manifest(&file) {
        located(&file, error);
    }
    if let Err(error) = parse::capability_file(&file) {
        located(&file, error);
    }
    match parse::json_source("fuzz.json".into(), text.into()) {
        Ok(json) => {
            let plain = text.strip_prefix('\u{feff}').unwrap_or(text);
            assert!(
                serde_json::from_str::<serde_json::Value>(plain).is_ok(),
                "accepted as JSON, refused by serde_json"
            );
            if let Err(error) = parse::capability_file(&json) {
                located(&json, error);
            }
        }
        Err(error) => located(&file, error),
    }
});

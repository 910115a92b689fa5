//! Configuration files: the input is parsed as `Rampart.toml` (and read as the runtime reads it:
//! windows, labels, pages, the dev server), a permission file, a plugin manifest, a TOML
//! capability file and a JSON capability file. Errors are fine; panics are not, and every error
//! must locate itself inside the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::acl::parse;
use rampart_core::diagnostic::{ConfigError, SourceFile};

fn located(file: &SourceFile, error: ConfigError) {
    let lines = file.text().lines().count().max(1);
    assert!(error.location.line >= 1 && error.location.line <= lines + 1, "{error}");
    assert!(error.location.column >= 1, "{error}");
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
            if let Err(error) = parse::capability_file(&json) {
                located(&json, error);
            }
        }
        Err(error) => located(&file, error),
    }
});

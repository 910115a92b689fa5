//! The `user-dirs.dirs` parser and the base directories resolved from it.

#![no_main]

use std::ffi::OsString;

use libfuzzer_sys::fuzz_target;
use rampart_core::scope::{BaseDir, BaseDirs, parse_user_dirs};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_user_dirs(&text);
    let env = |name: &str| (name == "HOME").then(|| OsString::from("/home/u"));
    let dirs = BaseDirs::from_env("com.example.app", env, Some(&text), None);
    let user_dirs = [
        BaseDir::Document,
        BaseDir::Download,
        BaseDir::Desktop,
        BaseDir::Picture,
        BaseDir::Video,
        BaseDir::Audio,
        BaseDir::Public,
        BaseDir::Template,
    ];
    for &dir in BaseDir::ALL {
        if let Some(path) = dirs.get(dir) {
            // Every resolved directory is absolute, and a user directory is never the whole
            // home directory.
            assert!(path.is_absolute());
            if user_dirs.contains(&dir) {
                assert_ne!(Some(path), dirs.get(BaseDir::Home));
            }
        }
        let _ = dirs.expand(&format!("{}/x", dir.variable()));
    }
});

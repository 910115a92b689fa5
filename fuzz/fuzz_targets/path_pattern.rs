//! Path patterns: the first line of the input is a pattern, the second a path to check.
//! Checks the invariants as well as the absence of panics.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::scope::{BaseDir, BaseDirs, CheckedPath, PathPattern};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pattern, candidate) = text.split_once('\n').unwrap_or((&text, "/"));
    let dirs = BaseDirs::default()
        .with(BaseDir::Home, "/home/u")
        .with(BaseDir::AppData, "/home/u/.local/share/id")
        .with(BaseDir::Temp, "/tmp/[a]*?");
    let pattern = PathPattern::parse(pattern, &dirs);
    let Ok(path) = CheckedPath::new(candidate, &dirs) else {
        return;
    };
    // Normalisation is idempotent.
    assert_eq!(CheckedPath::new(path.as_str(), &dirs).as_ref(), Ok(&path));
    // A literal matches exactly its path.
    assert!(PathPattern::literal(&path).matches(&path));
    if let Ok(pattern) = pattern
        && pattern.matches(&path)
    {
        assert!(path.as_path().starts_with(pattern.root()));
    }
});

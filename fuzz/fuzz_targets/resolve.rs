//! Whole configurations: the input is split at NUL bytes into a permission file and capability
//! files of an app whose commands are fixed, then resolved. A resolved Authority must answer
//! decisions and explanations without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::acl::{AppConfig, Facts, Origin, ResolveOptions, ScopeQuery, resolve};
use rampart_core::diagnostic::SourceFile;
use rampart_core::scope::{BaseDir, BaseDirs};

const MANIFEST: &str =
    "[app]\nidentifier = \"com.example.fuzz\"\ncommands = [\"read_note\", \"save_note\"]\nscope-kind = \"path\"\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let permissions = parts.next().unwrap_or_default();
    let config = AppConfig {
        manifest: SourceFile::new("Rampart.toml", MANIFEST),
        permission_files: vec![SourceFile::new("permissions/p.toml", permissions)],
        capability_files: parts
            .enumerate()
            .map(|(i, text)| SourceFile::new(format!("capabilities/{i}.toml"), text))
            .collect(),
    };
    let dirs = BaseDirs::default().with(BaseDir::Home, "/home/u").with(BaseDir::AppData, "/home/u/.local/share/x");
    let Ok(authority) = resolve(&config, &ResolveOptions::new(dirs)) else {
        return;
    };
    for window in ["main", "other", "a/b"] {
        let facts = Facts { window, webview: window, origin: Origin::Local };
        for command in ["read_note", "save_note", "plugin:fs|read_file", "nope"] {
            let decided = authority.decide(facts, command).is_ok();
            let explained = authority.explain(facts, command, Some(ScopeQuery::Path("$HOME/x")));
            assert_eq!(decided, explained.allowed);
        }
    }
    let _ = authority.listing().to_string();
});

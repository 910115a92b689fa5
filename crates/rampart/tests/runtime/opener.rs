//! The opener plugin through the mock door: what a page may hand to the desktop is what the
//! call's opener scope allows — schemes and URL patterns for URLs, path rules for files, and for
//! a file also what it really is once symbolic links are resolved. The launcher records what
//! would have been opened.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rampart::mock::MockApp;
use rampart::plugins::opener::{self, Opening};
use rampart::{Builder, Context};
use serde_json::json;

use crate::support;

/// The fixture app; main may open mailto, one site, and the files of `folder/allowed`.
fn context(folder: &Path) -> Context {
    let allowed = folder.join("allowed").display().to_string();
    let capability = format!(
        "identifier = \"opening\"\nwindows = [\"main\"]\npermissions = [\n  {{ identifier = \"opener:allow-open-url\", allow = [{{ scheme = \"mailto\" }}, {{ url = \"https://docs.example.com/**\" }}] }},\n  {{ identifier = \"opener:allow-open-path\", allow = [{{ path = \"{allowed}/*\" }}] }},\n  {{ identifier = \"opener:allow-reveal-item\", allow = [{{ path = \"{allowed}/*\" }}] }},\n]\n"
    );
    support::fixture_with("opener", "", &[("capabilities/opening.toml", &capability)])
}

fn start(folder: &Path) -> (MockApp, Arc<Mutex<Vec<Opening>>>) {
    let opened = Arc::new(Mutex::new(Vec::new()));
    let record = opened.clone();
    let plugin = opener::plugin_with(move |opening| {
        record
            .lock()
            .map_err(|e| e.to_string())?
            .push(opening.clone());
        Ok(())
    });
    let builder = support::with_placeholders(Builder::new().plugin(plugin), &[]);
    let app = MockApp::new(builder, context(folder)).unwrap_or_else(|e| panic!("{e}"));
    (app, opened)
}

#[test]
fn only_what_the_scope_allows_is_opened() {
    let folder = std::env::temp_dir().join(format!("rampart-opener-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("allowed")).expect("folder");
    std::fs::write(folder.join("allowed/report.pdf"), "pdf").expect("file");
    std::fs::write(folder.join("secret.txt"), "secret").expect("file");
    symlink(folder.join("secret.txt"), folder.join("allowed/link.pdf")).expect("symlink");
    let (app, opened) = start(&folder);
    let code = |command: &str, args| app.invoke("main", command, args).error_code();

    for url in [
        "mailto:someone@example.com",
        "https://docs.example.com/guide",
    ] {
        assert_eq!(
            code("plugin:opener|open_url", json!({ "url": url })),
            None,
            "{url}"
        );
    }
    for url in [
        "https://evil.example.com/",
        "https://docs.example.com.evil.com/",
        "https://user@docs.example.com/guide",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://docs.example.com/guide",
    ] {
        assert_eq!(
            code("plugin:opener|open_url", json!({ "url": url })).as_deref(),
            Some("denied"),
            "{url}"
        );
    }
    assert_eq!(
        code("plugin:opener|open_url", json!({ "url": "not a url" })).as_deref(),
        Some("bad_request")
    );

    let report = folder.join("allowed/report.pdf").display().to_string();
    assert_eq!(
        code("plugin:opener|open_path", json!({ "path": report })),
        None
    );
    assert_eq!(
        code("plugin:opener|reveal_item", json!({ "path": report })),
        None
    );
    for path in [
        folder.join("secret.txt").display().to_string(),
        folder.join("allowed/link.pdf").display().to_string(),
        format!("{}/allowed/../secret.txt", folder.display()),
    ] {
        let refused = code("plugin:opener|open_path", json!({ "path": path }));
        assert!(
            matches!(refused.as_deref(), Some("denied" | "bad_request")),
            "{path}: {refused:?}"
        );
    }
    let missing = folder.join("allowed/missing.pdf").display().to_string();
    assert_eq!(
        code("plugin:opener|open_path", json!({ "path": missing })).as_deref(),
        Some("not_found")
    );
    // Another window has no opener scope at all.
    let other = app.invoke(
        "settings",
        "plugin:opener|open_url",
        json!({ "url": "mailto:a@b.c" }),
    );
    assert_eq!(other.error_code().as_deref(), Some("denied"));

    let opened = opened.lock().expect("recorded").clone();
    let real = std::fs::canonicalize(folder.join("allowed")).expect("real");
    assert_eq!(
        opened,
        [
            Opening::Url("mailto:someone@example.com".into()),
            Opening::Url("https://docs.example.com/guide".into()),
            Opening::Path(real.join("report.pdf")),
            Opening::Path(real.clone()),
        ]
    );
    let _ = std::fs::remove_dir_all(&folder);
}

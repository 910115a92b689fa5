//! `[dev] url`: in debug builds the development server's origin is the app's own; no other
//! origin is, and release builds honour none.

use std::path::{Path, PathBuf};

use rampart::mock::{MockApp, MockRequest};
use rampart::{Builder, Context};
use serde_json::json;

mod support;

/// The fixture app, copied with a `[dev]` table.
fn app_with_dev_server(url: &str) -> MockApp {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
    let root = std::env::temp_dir().join(format!("rampart-dev-server-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&fixture, &root);
    let manifest = std::fs::read_to_string(root.join("Rampart.toml")).expect("fixture manifest");
    std::fs::write(
        root.join("Rampart.toml"),
        format!("{manifest}\n[dev]\nurl = \"{url}\"\n"),
    )
    .expect("write");
    let context = Context::from_dir(&root).unwrap_or_else(|e| panic!("{e:?}"));
    let builder = support::with_placeholders(Builder::new(), &[]);
    MockApp::new(builder, context).unwrap_or_else(|e| panic!("{e}"))
}

fn copy_dir(from: &Path, to: &PathBuf) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from)
        .expect("read fixture")
        .filter_map(Result::ok)
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn greet_from(app: &MockApp, origin: &str) -> (u16, Option<String>) {
    let request = MockRequest {
        origin: Some(origin),
        ..MockRequest::invoke("greet", json!({}))
    };
    let response = app.request("main", request);
    (response.status, response.allow_origin)
}

#[test]
fn only_the_dev_server_origin_counts_as_the_app_and_only_in_debug_builds() {
    let app = app_with_dev_server("http://localhost:5173");
    let (status, allow_origin) = greet_from(&app, "http://localhost:5173");
    if cfg!(debug_assertions) {
        assert_eq!(status, 200);
        assert_eq!(allow_origin.as_deref(), Some("http://localhost:5173"));
    } else {
        assert_ne!(status, 200);
        assert_eq!(allow_origin, None);
    }
    for other in [
        "http://localhost:5174",
        "https://localhost:5173",
        "http://127.0.0.1:5173",
        "http://localhost:5173.evil.com",
    ] {
        let (status, allow_origin) = greet_from(&app, other);
        assert_ne!(status, 200, "{other}");
        assert_eq!(allow_origin, None, "{other}");
    }
    assert_eq!(greet_from(&app, "app://localhost").0, 200);
}

//! `[dev] url`: in debug builds the development server's origin is the app's own; no other
//! origin is, and release builds honour none.

use rampart::Builder;
use rampart::mock::{MockApp, MockRequest};
use serde_json::json;

use crate::support;

/// The fixture app, copied with a `[dev]` table.
fn app_with_dev_server(url: &str) -> MockApp {
    let context = support::fixture_with("dev-server", &format!("[dev]\nurl = \"{url}\"\n"), &[]);
    let builder = support::with_placeholders(Builder::new(), &[]);
    MockApp::new(builder, context).unwrap_or_else(|e| panic!("{e}"))
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

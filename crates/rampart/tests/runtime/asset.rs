//! The asset scheme through the mock runtime: `asset://localhost/<path>` serves what the
//! window's asset scope allows, opened as the fs plugin opens files, with MIME types, ranges and
//! the app's policy; traversal in any encoding, symlinks, denied and outside files, and windows
//! without a grant get nothing, and each refusal reaches the refusal hook.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rampart::Builder;
use rampart::mock::MockApp;

use crate::support;

const SECRET: &[u8] = b"SECRET: outside the asset scope";

fn url(path: &Path) -> String {
    let encoded: Vec<String> = path
        .to_str()
        .expect("UTF-8")
        .trim_start_matches('/')
        .split('/')
        .map(|segment| segment.replace('%', "%25").replace(' ', "%20"))
        .collect();
    format!("asset://localhost/{}", encoded.join("/"))
}

fn folder() -> PathBuf {
    let folder = std::env::temp_dir().join(format!("rampart-asset-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    for dir in ["root/pictures", "root/private", "outside"] {
        std::fs::create_dir_all(folder.join(dir)).expect("folder");
    }
    let folder = std::fs::canonicalize(&folder).expect("canonical");
    std::fs::write(folder.join("root/pictures/pic one.png"), b"\x89PNG picture").expect("png");
    std::fs::write(folder.join("root/private/key.png"), SECRET).expect("key");
    std::fs::write(folder.join("outside/secret.png"), SECRET).expect("secret");
    symlink(
        folder.join("outside/secret.png"),
        folder.join("root/pictures/link.png"),
    )
    .expect("link");
    let big = std::fs::File::create(folder.join("root/pictures/big.mp4")).expect("big");
    big.set_len(1 << 30).expect("a sparse 1 GiB file");
    folder
}

fn start(folder: &Path) -> (MockApp, Arc<Mutex<Vec<rampart::Refused>>>) {
    let root = folder.join("root").display().to_string();
    let capability = format!(
        "identifier = \"assets\"\nwindows = [\"main\"]\npermissions = [\"asset:allow-fetch\", {{ identifier = \"asset:scope\", allow = [{{ path = \"{root}/**\" }}], deny = [{{ path = \"{root}/private/**\" }}] }}]\n"
    );
    let context = support::fixture_with("asset", "", &[("capabilities/assets.toml", &capability)]);
    let heard = Arc::new(Mutex::new(Vec::new()));
    let record = heard.clone();
    let builder = Builder::new().on_refused(move |_, refused| {
        if let Ok(mut all) = record.lock() {
            all.push(refused.clone());
        }
    });
    let app = MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"));
    (app, heard)
}

#[test]
fn the_asset_scheme_serves_the_scope_and_nothing_else() {
    let folder = folder();
    let (app, heard) = start(&folder);
    let picture = folder.join("root/pictures/pic one.png");

    let served = app.asset("main", &url(&picture), None);
    assert_eq!(
        (served.status, served.content_type.as_str()),
        (200, "image/png")
    );
    assert_eq!(served.body, b"\x89PNG picture");
    assert!(
        served
            .policy
            .is_some_and(|p| p.contains("default-src 'self'"))
    );

    // Ranges: a slice, an open end (at most 8 MiB), the last bytes, past the end.
    let big = url(&folder.join("root/pictures/big.mp4"));
    let slice = app.asset("main", &url(&picture), Some("bytes=1-3"));
    assert_eq!((slice.status, slice.body.as_slice()), (206, &b"PNG"[..]));
    assert_eq!(slice.content_range.as_deref(), Some("bytes 1-3/12"));
    let seek = app.asset("main", &big, Some("bytes=1073741000-"));
    assert_eq!(
        (seek.status, seek.body.len(), seek.content_type.as_str()),
        (206, 824, "video/mp4")
    );
    assert_eq!(
        seek.content_range.as_deref(),
        Some("bytes 1073741000-1073741823/1073741824")
    );
    let open = app.asset("main", &big, Some("bytes=0-"));
    assert_eq!((open.status, open.body.len()), (206, 8 * 1024 * 1024));
    let tail = app.asset("main", &url(&picture), Some("bytes=-4"));
    assert_eq!(tail.body, b"ture");
    let past = app.asset("main", &url(&picture), Some("bytes=100-"));
    assert_eq!(
        (past.status, past.content_range.as_deref()),
        (416, Some("bytes */12"))
    );
    // A file too large to send whole is sent only in ranges.
    assert_eq!(app.asset("main", &big, None).status, 416);

    // Outside, denied, through a symlink, by traversal in any spelling, from another window.
    let root = folder.join("root").display().to_string();
    let outside = folder.join("outside/secret.png");
    for (webview, target, status) in [
        ("main", url(&outside), 403),
        ("main", url(&folder.join("root/private/key.png")), 403),
        ("main", url(&folder.join("root/pictures/link.png")), 403),
        (
            "main",
            format!("asset://localhost{root}/pictures/../../outside/secret.png"),
            400,
        ),
        (
            "main",
            format!("asset://localhost{root}/pictures/%2e%2e/%2E%2E/outside/secret.png"),
            400,
        ),
        (
            "main",
            format!("asset://localhost{root}/pictures/%252e%252e/%252e%252e/outside/secret.png"),
            400,
        ),
        (
            "main",
            format!("asset://localhost{root}/pictures%2f..%2f..%2foutside%2fsecret.png"),
            400,
        ),
        (
            "main",
            format!("asset://otherhost{}", outside.display()),
            404,
        ),
        ("settings", url(&picture), 403),
        ("main", url(&folder.join("root/pictures/missing.png")), 404),
        ("main", url(&folder.join("root/pictures")), 404),
    ] {
        let answer = app.asset(webview, &target, None);
        assert_eq!(answer.status, status, "{webview} {target}");
        assert!(
            !answer.body.windows(SECRET.len()).any(|w| w == SECRET),
            "{target}"
        );
        assert!(
            !String::from_utf8_lossy(&answer.body).contains(&root),
            "{target}"
        );
    }
    let heard = heard.lock().map(|h| h.clone()).unwrap_or_default();
    assert_eq!(heard.len(), 4, "{heard:?}");
    assert!(
        heard
            .iter()
            .all(|r| r.command.as_deref() == Some("plugin:asset|fetch"))
    );
    assert_eq!(heard[3].reason, "not_granted");
    assert_eq!(heard[0].reason, "scope_denied");
    let _ = std::fs::remove_dir_all(&folder);
}

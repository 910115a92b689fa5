//! `rampart csp` on small apps: the header each page is served with, and the diagnostics (with
//! file and line) when the policy or a page has an error. Runs the real `rampart` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MANIFEST: &str = "[app]\nidentifier = \"com.example.csp\"\ncommands = []\n";

/// The strict default policy, as served to a page without inline code or nonce'd elements.
const DEFAULT: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' asset: data:; connect-src 'self' ipc:; object-src 'none'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// An app folder with `Rampart.toml` (the manifest above, then `extra`) and `dist/` holding
/// `pages`, removed when dropped.
struct App(PathBuf);

impl App {
    fn new(test: &str, extra: &str, pages: &[(&str, &str)]) -> App {
        let dir =
            std::env::temp_dir().join(format!("rampart-cli-csp-{test}-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(dir.join("dist")).expect("temp dir");
        std::fs::write(dir.join("Rampart.toml"), format!("{MANIFEST}{extra}")).expect("write");
        for (name, text) in pages {
            let path = dir.join("dist").join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("dir");
            }
            std::fs::write(path, text).expect("write");
        }
        App(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// `rampart csp --dir <app> args...`, without colours.
    fn csp(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let output: Output = Command::new(env!("CARGO_BIN_EXE_rampart"))
            .arg("csp")
            .arg("--dir")
            .arg(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("cannot run rampart: {e}"));
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

impl Drop for App {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn a_plain_page_gets_the_strict_default() {
    let app = App::new(
        "plain",
        "",
        &[("index.html", "<p>hi</p>"), ("app.js", "x()")],
    );
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        format!("index.html: {DEFAULT}\n(other files): {DEFAULT}\n")
    );
    assert!(!stderr.contains("nonce"), "{stderr}");
}

#[test]
fn inline_code_is_hashed_and_external_code_nonced() {
    let app = App::new(
        "inline",
        "",
        &[
            (
                "index.html",
                "<script>alert(1)</script><script src=app.js></script>",
            ),
            ("settings/index.html", "<p>settings</p>"),
        ],
    );
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    // `echo -n 'alert(1)' | openssl sha256 -binary | base64`
    assert!(
        lines[0].starts_with(
            "index.html: default-src 'self'; script-src 'self' \
            'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=' 'nonce-RAMPART_NONCE_PLACEHOL';"
        ),
        "{stdout}"
    );
    assert_eq!(lines[1], format!("settings/index.html: {DEFAULT}"));
    assert!(
        stderr.contains("stands for the nonce drawn fresh at each launch"),
        "{stderr}"
    );
}

#[test]
fn one_page_or_file_can_be_chosen() {
    let app = App::new(
        "choose",
        "",
        &[
            ("index.html", "<script>alert(1)</script>"),
            ("settings/index.html", "<p>settings</p>"),
            ("app.js", "x()"),
        ],
    );
    let (code, stdout, _) = app.csp(&["settings/index.html"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, format!("settings/index.html: {DEFAULT}\n"));
    let (code, stdout, _) = app.csp(&["/app.js"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, format!("app.js: {DEFAULT}\n"));
}

#[test]
fn an_unknown_page_is_an_error_listing_the_pages() {
    let app = App::new(
        "unknown",
        "",
        &[
            ("index.html", "<p>hi</p>"),
            ("settings/index.html", "<p>s</p>"),
        ],
    );
    let (code, stdout, stderr) = app.csp(&["setings/index.html"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("`setings/index.html` is not a file of dist/; its pages: index.html, settings/index.html"),
        "{stderr}"
    );
}

#[test]
fn an_inline_handler_is_an_error_with_its_page_and_line() {
    let app = App::new(
        "handler",
        "",
        &[(
            "index.html",
            "<p>hi</p>\n<button onclick=\"go()\">go</button>\n",
        )],
    );
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("dist/index.html:2:9"), "{stderr}");
    assert!(
        stderr.contains("inline event handler `onclick`"),
        "{stderr}"
    );
}

#[test]
fn a_plain_http_source_is_an_error_in_rampart_toml() {
    let app = App::new(
        "http",
        "[security]\ncsp = \"img-src 'self' http://img.example.com\"\n",
        &[("index.html", "<p>hi</p>")],
    );
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("Rampart.toml:5:23"), "{stderr}");
    assert!(stderr.contains("plain `http:`"), "{stderr}");
}

#[test]
fn a_weakening_source_is_a_warning() {
    let app = App::new(
        "warning",
        "[security.csp]\nscript-src = [\"'self'\", \"'unsafe-eval'\"]\n",
        &[("index.html", "<p style=\"color: red\">hi</p>")],
    );
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.starts_with("index.html: default-src 'self'; script-src 'self' 'unsafe-eval';"),
        "{stdout}"
    );
    assert!(stderr.contains("Rampart.toml:5:25"), "{stderr}");
    assert!(stderr.contains("weakens the policy"), "{stderr}");
    assert!(stderr.contains("dist/index.html:1:4"), "{stderr}");
    assert!(stderr.contains("inline `style` attribute"), "{stderr}");
    assert!(stderr.contains("the app has 2 warnings"), "{stderr}");
    assert!(stderr.contains("Warning: "), "{stderr}");
}

#[test]
#[cfg(unix)]
fn control_characters_in_a_page_name_are_escaped() {
    let app = App::new("escape", "", &[("a\u{1b}[2J.html", "<p>hi</p>")]);
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.starts_with("a\\u{1b}[2J.html: "), "{stdout:?}");
}

#[test]
fn every_example_with_pages_prints_its_headers() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let entries = std::fs::read_dir(&examples)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", examples.display()));
    let mut checked = 0;
    for app in entries.filter_map(Result::ok).map(|e| e.path()) {
        if !app.join("dist").is_dir() || !app.join("Rampart.toml").is_file() {
            continue;
        }
        let output = Command::new(env!("CARGO_BIN_EXE_rampart"))
            .args(["csp", "--dir"])
            .arg(&app)
            .output()
            .unwrap_or_else(|e| panic!("cannot run rampart: {e}"));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{}: {stderr}", app.display());
        assert!(stdout.contains("index.html: default-src "), "{stdout}");
        // An app with the isolation pattern frames its isolation application.
        let manifest = std::fs::read_to_string(app.join("Rampart.toml")).unwrap_or_default();
        let expected = if manifest.contains("[security.isolation]") {
            format!("{DEFAULT}; frame-src 'self' isolation:")
        } else {
            DEFAULT.to_string()
        };
        assert!(
            stdout.ends_with(&format!("(other files): {expected}\n")),
            "{stdout}"
        );
        checked += 1;
    }
    assert!(checked > 0, "no example has a dist/");
}

#[test]
fn an_app_without_pages_is_an_error() {
    let app = App::new("no-dist", "", &[]);
    std::fs::remove_dir(app.path().join("dist")).expect("rmdir");
    let (code, _, stderr) = app.csp(&[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("pages folder"), "{stderr}");
}

#[test]
#[cfg(unix)]
fn an_unusable_file_in_dist_is_named_safely() {
    let app = App::new("fifo", "", &[("index.html", "<p>hi</p>")]);
    let fifo = app.path().join("dist/x\u{1b}[2J.html");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let (code, stdout, stderr) = app.csp(&[]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "{stdout}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.contains("x\\u{1b}[2J.html is neither a file nor a folder"),
        "{stderr}"
    );
}

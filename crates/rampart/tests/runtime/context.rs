//! Loading an app from its folder: a `[[window]]` whose page is not in `dist/` keeps the app
//! from starting, with the file, line and page named; a page may carry a query and a fragment.

use std::path::Path;

use rampart::Context;

fn app_folder(name: &str, windows: &str) -> std::path::PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
    let root = std::env::temp_dir().join(format!("rampart-context-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("dist")).expect("dist");
    std::fs::write(root.join("dist/index.html"), "<!doctype html><p>hi</p>").expect("page");
    std::fs::create_dir_all(root.join("capabilities")).expect("capabilities");
    let manifest = std::fs::read_to_string(fixture.join("Rampart.toml")).expect("fixture");
    let app = manifest.split("[[window]]").next().unwrap_or_default();
    std::fs::write(root.join("Rampart.toml"), format!("{app}{windows}")).expect("manifest");
    root
}

#[test]
fn a_window_whose_page_is_missing_keeps_the_app_from_starting() {
    let root = app_folder(
        "missing",
        "[[window]]\nlabel = \"main\"\nurl = \"index.html?tab=1#top\"\n\n[[window]]\nlabel = \"settings\"\nurl = \"settings.html\"\n",
    );
    let errors = match Context::from_dir(&root) {
        Ok(_) => panic!("an app whose window has no page started"),
        Err(errors) => errors,
    };
    let text = errors
        .errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("Rampart.toml:") && text.contains("`settings.html`"),
        "{text}"
    );
    assert!(
        !text.contains("index.html`, which"),
        "a query and a fragment are fine: {text}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

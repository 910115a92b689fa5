//! Folder apps copied for a test, with the page API's modules beside their pages.

use std::path::Path;

/// Copies the folder app `name` (under tests/e2e) to `to`, and the built modules of
/// `@rampart/api` named in `modules` (`index.js`, `fs.js`, ...) into its `dist/`, so its pages
/// import the real wrappers.
pub fn copy_app(name: &str, to: &Path, modules: &[&str]) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&here.join(name), to);
    for module in modules {
        std::fs::copy(
            here.join("../../js/dist").join(module),
            to.join("dist").join(module),
        )
        .unwrap_or_else(|e| panic!("the API's module {module}: {e}"));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

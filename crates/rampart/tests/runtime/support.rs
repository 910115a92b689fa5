//! The fixture app shared by the mock-runtime tests.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rampart::{Builder, Commands, Context, Reply};

/// Every command of the fixture app (`tests/fixture/Rampart.toml`).
pub const COMMANDS: [&str; 10] = [
    "greet",
    "secret",
    "wait",
    "explode",
    "open_note",
    "quit",
    "later",
    "explode_later",
    "count",
    "stream",
];

/// The fixture app's context.
pub fn context() -> Context {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
    Context::from_dir(root).unwrap_or_else(|e| panic!("fixture: {e:?}"))
}

/// `builder` with a do-nothing handler for every fixture command not in `registered`.
pub fn with_placeholders(mut builder: Builder, registered: &[&str]) -> Builder {
    for name in COMMANDS.iter().filter(|name| !registered.contains(name)) {
        builder = builder.command(name, |_| Ok(Reply::empty()));
    }
    builder
}

/// Scratch folders made by this test process so far: each call gets its own, so that tests
/// running at once in one process never share one.
static SCRATCH: AtomicUsize = AtomicUsize::new(0);

/// The fixture app copied to a scratch folder named after `name`, with `files` (relative path,
/// text) written over it or added; `Rampart.toml` may be appended to with `append_manifest`.
pub fn fixture_with(name: &str, append_manifest: &str, files: &[(&str, &str)]) -> Context {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture");
    let scratch = SCRATCH.fetch_add(1, Ordering::Relaxed);
    let root =
        std::env::temp_dir().join(format!("rampart-{name}-{}-{scratch}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&fixture, &root);
    let manifest = std::fs::read_to_string(root.join("Rampart.toml")).expect("fixture manifest");
    std::fs::write(
        root.join("Rampart.toml"),
        format!("{manifest}\n{append_manifest}"),
    )
    .expect("write the manifest");
    for (path, text) in files {
        let target = root.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).expect("a fixture folder");
        }
        std::fs::write(target, text).expect("write a fixture file");
    }
    Context::from_dir(&root).unwrap_or_else(|e| panic!("{e:?}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from)
        .expect("read the fixture")
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

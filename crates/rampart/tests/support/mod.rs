//! The fixture app shared by the mock-runtime tests.

#![allow(dead_code)]

use std::path::Path;

use rampart::{Builder, Context, Response};

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
        builder = builder.command(name, |_| Ok(Response::empty()));
    }
    builder
}

//! For a Rampart app's `build.rs`: tells cargo to rebuild the app when a file of its
//! configuration, its pages or its isolation application is added, removed, renamed or changed.
//!
//! `generate_context!` reads those folders when the app is compiled; a macro cannot ask cargo to
//! watch a folder, so without this a new (even invalid) capability file or page goes unseen
//! until something else triggers a rebuild.
//!
//! In `build.rs`'s `main`:
//!
//! ```no_run
//! rampart_build::track_app();
//! ```

use std::path::Path;

/// Prints the `cargo:rerun-if-changed` lines for the app beside `Cargo.toml`.
pub fn track_app() {
    for line in rerun_lines(Path::new(".")) {
        println!("{line}");
    }
}

/// The `cargo:rerun-if-changed` lines for the app whose `Rampart.toml` is in `root`: the
/// manifest, `capabilities/`, `permissions/`, `dist/`, and the isolation application's folder
/// when `[security.isolation] dir` names one (cargo watches a folder's whole contents).
pub fn rerun_lines(root: &Path) -> Vec<String> {
    let mut watched = vec![
        "Rampart.toml".to_string(),
        "capabilities".to_string(),
        "permissions".to_string(),
        "dist".to_string(),
    ];
    if let Some(dir) = isolation_dir(root) {
        watched.push(dir);
    }
    watched
        .iter()
        .map(|entry| format!("cargo:rerun-if-changed={}", root.join(entry).display()))
        .collect()
}

/// `[security.isolation] dir`, if the manifest can be read and has it.
fn isolation_dir(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("Rampart.toml")).ok()?;
    let manifest: toml::Table = text.parse().ok()?;
    let dir = manifest
        .get("security")?
        .get("isolation")?
        .get("dir")?
        .as_str()?;
    Some(dir.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_pages_and_isolation_application_are_watched() {
        let root = std::env::temp_dir().join(format!("rampart-build-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("root");
        std::fs::write(root.join("Rampart.toml"), "[app]\nidentifier = \"a.b\"\n").expect("write");
        let lines = rerun_lines(&root);
        assert_eq!(lines.len(), 4);
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with("cargo:rerun-if-changed="))
        );
        assert!(lines.iter().any(|l| l.ends_with("capabilities")));
        std::fs::write(
            root.join("Rampart.toml"),
            "[app]\nidentifier = \"a.b\"\n[security.isolation]\ndir = \"isolation-dist\"\n",
        )
        .expect("write");
        let lines = rerun_lines(&root);
        assert!(
            lines.last().is_some_and(|l| l.ends_with("isolation-dist")),
            "{lines:?}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}

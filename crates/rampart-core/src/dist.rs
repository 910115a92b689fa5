//! The app's pages folder, `dist/`: which files it serves, reading one without surprises, and
//! reading its HTML pages for their Content-Security-Policy.
//!
//! Served are the regular files under `dist/` (symbolic links followed), by their path relative
//! to it with `/` separators; names starting with `.` are not served, nor is anything beneath
//! them. A file is opened non-blocking and checked for its type once open, so a FIFO planted or
//! swapped in never makes the app wait; its size is bounded by [`MAX_ASSET_BYTES`].

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::acl::files::open_to_read;

/// Files of `dist/` larger than this are refused: the folder is for an app's pages.
pub const MAX_ASSET_BYTES: u64 = 64 << 20;

/// Whether `path` is an HTML page (`.html` or `.htm`), whose policy is its own.
pub fn is_page(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
}

/// The files `dist` serves, relative to it, sorted. An entry that is neither a file nor a
/// folder, a file over [`MAX_ASSET_BYTES`], or a name that is not UTF-8 is an error naming it.
pub fn list(dist: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    collect(dist, dist, &mut found)?;
    found.sort();
    Ok(found)
}

fn collect(dist: &Path, dir: &Path, found: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let metadata =
            fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if metadata.is_dir() {
            collect(dist, &path, found)?;
            continue;
        }
        if !metadata.is_file() {
            return Err(format!(
                "{} is neither a file nor a folder: keep only pages and assets in dist/",
                path.display()
            ));
        }
        if metadata.len() > MAX_ASSET_BYTES {
            return Err(format!(
                "{} is larger than {} MiB: keep large files out of dist/",
                path.display(),
                MAX_ASSET_BYTES >> 20
            ));
        }
        let relative = path
            .strip_prefix(dist)
            .map_err(|_| format!("{} is outside dist/", path.display()))?
            .to_str()
            .ok_or_else(|| format!("{} is not a UTF-8 path", path.display()))?;
        found.push(relative.replace('\\', "/"));
    }
    Ok(())
}

/// Reads the file `relative` (a plain relative path, as [`list`] names files) of `dist`: a
/// regular file of at most [`MAX_ASSET_BYTES`], opened without waiting on a FIFO.
pub fn read(dist: &Path, relative: &str) -> io::Result<Vec<u8>> {
    let file = open_to_read(&dist.join(relative))?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    if metadata.len() > MAX_ASSET_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            "larger than the asset limit",
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_ASSET_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Every HTML page of `dist`, read for its policy: `(path, scan)`, sorted by path; the scans
/// name each page `dist/<path>`.
#[cfg(feature = "html")]
pub fn read_pages(dist: &Path) -> Result<Vec<(String, crate::csp::page::PageScan)>, String> {
    list(dist)?
        .into_iter()
        .filter(|path| is_page(path))
        .map(|path| {
            let bytes = read(dist, &path)
                .map_err(|e| format!("cannot read {}: {e}", dist.join(&path).display()))?;
            let scan = crate::csp::page::scan(&format!("dist/{path}"), &bytes);
            Ok((path, scan))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_files_are_listed_relative_and_sorted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path();
        fs::create_dir_all(dist.join("css")).expect("dir");
        fs::create_dir_all(dist.join(".git")).expect("dir");
        fs::write(dist.join("index.html"), "<p>hi</p>").expect("write");
        fs::write(dist.join("css/app.css"), "p {}").expect("write");
        fs::write(dist.join(".env"), "SECRET=1").expect("write");
        fs::write(dist.join(".git/config"), "x").expect("write");
        assert_eq!(list(dist).expect("listed"), ["css/app.css", "index.html"]);
        assert!(is_page("index.html") && is_page("a/B.HTM") && !is_page("app.js"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("page.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        assert!(
            list(dir.path())
                .expect_err("a FIFO")
                .contains("neither a file nor a folder")
        );
        assert!(read(dir.path(), "page.html").is_err());
    }
}

//! The entries of a directory a scope lists.

use std::io;

use crate::acl::{Scope, ScopeVerdict};
use crate::scope::{BaseDirs, CheckedPath};

use super::{FileType, ScopeError};

/// One entry of a listed directory: its name and its type as it is (a symlink is a symlink).
#[derive(Clone, Debug)]
pub struct DirEntry {
    /// The name of the entry within its directory.
    pub name: String,
    /// The type of the entry itself, never of what a symlink points to.
    pub file_type: FileType,
}

/// The entries of a directory, from [`Scope::read_dir`]. Left out: `.` and `..`, names that
/// are not valid UTF-8 (no [`CheckedPath`] can name them), and entries a deny rule of the scope
/// matches. Nothing is followed or opened: an entry is only named, and reaching it goes through
/// the scope again.
#[derive(Debug)]
pub struct ReadDir<'a, 'f> {
    entries: cap_std::fs::ReadDir,
    dir: CheckedPath,
    scope: Scope<'a, 'f>,
}

impl<'a, 'f> ReadDir<'a, 'f> {
    /// The entries of `dir`, listed within `scope`.
    pub(super) fn new(
        entries: cap_std::fs::ReadDir,
        dir: CheckedPath,
        scope: Scope<'a, 'f>,
    ) -> ReadDir<'a, 'f> {
        ReadDir {
            entries,
            dir,
            scope,
        }
    }

    /// Whether a deny rule matches the entry `name` (or the name cannot be checked at all).
    fn denied(&self, name: &str) -> bool {
        if matches!(name, "." | "..") {
            return true;
        }
        let joined = self.dir.as_path().join(name);
        let Some(joined) = joined.to_str() else {
            return true;
        };
        // The joined path is absolute, so no `$VARIABLE` is expanded.
        match CheckedPath::new(joined, &BaseDirs::default()) {
            Ok(entry) => matches!(self.scope.check_path(&entry), ScopeVerdict::Denied(_)),
            Err(_) => true,
        }
    }
}

impl Iterator for ReadDir<'_, '_> {
    type Item = Result<DirEntry, ScopeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.entries.next()? {
                Ok(entry) => entry,
                Err(e) => return Some(Err(ScopeError::io(&self.dir, e))),
            };
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if self.denied(&name) {
                continue;
            }
            // Both calls describe the entry itself: `metadata` (an `lstat`) is needed only where
            // the directory does not record the type.
            let file_type = match entry.file_type() {
                Ok(t) if t.is_file() || t.is_dir() || t.is_symlink() => t,
                _ => match entry.metadata() {
                    Ok(metadata) => metadata.file_type(),
                    // Removed since it was listed.
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Some(Err(ScopeError::io(&self.dir, e))),
                },
            };
            return Some(Ok(DirEntry { name, file_type }));
        }
    }
}

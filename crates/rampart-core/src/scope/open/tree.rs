//! Directory trees in a scope: created component by component, removed entry by entry, each
//! one checked against the scope and none reached through a symlink.

use std::io;
use std::path::{Component, Path, PathBuf};

use cap_fs_ext::DirExt;
use cap_std::ambient_authority;
use cap_std::fs::Dir;

use super::{ScopeError, refused};
use crate::acl::{Scope, ScopeVerdict};
use crate::scope::{BaseDirs, CheckedPath};

/// How deep [`Scope::remove_dir_all`] goes before it gives up (each level holds a descriptor).
pub const MAX_REMOVE_DEPTH: usize = 128;

impl Scope<'_, '_> {
    /// Creates the directory `path` and every missing directory on the way to it, if the scope
    /// allows `path` and every directory created (a deny rule on one stops the walk there).
    /// The allow pattern's root is created as the system resolves it when it is missing: it
    /// comes from the configuration, not from the caller. Nothing beneath it is created through
    /// a symlink.
    pub fn create_dir_all(&self, path: &CheckedPath) -> Result<(), ScopeError> {
        let root = self.root_for(path)?;
        std::fs::create_dir_all(root).map_err(|e| ScopeError::io(path, e))?;
        let rest = path.as_path().strip_prefix(root).map_err(|_| out(path))?;
        let mut dir = Dir::open_ambient_dir(root, ambient_authority())
            .map_err(|e| ScopeError::io(path, e))?;
        let mut reached = root.to_path_buf();
        for component in rest.components() {
            let Component::Normal(name) = component else {
                return Err(out(path));
            };
            reached.push(name);
            dir = match dir.open_dir_nofollow(name) {
                Ok(next) => next,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    self.check_entry(&reached, path)?;
                    match dir.create_dir(name) {
                        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                            return Err(refused(&dir, name, path, e));
                        }
                        _ => {}
                    }
                    dir.open_dir_nofollow(name)
                        .map_err(|e| refused(&dir, name, path, e))?
                }
                Err(e) => return Err(refused(&dir, name, path, e)),
            };
        }
        Ok(())
    }

    /// Removes the directory `path` and everything in it, if the scope allows `path` and every
    /// entry beneath it. A symlink inside is removed itself, never followed. The tree is walked
    /// twice: first every entry is checked and nothing removed, so an entry a deny rule matches
    /// (or that no allow rule reaches) refuses the whole removal; then each entry is checked
    /// again as it is removed (one that appears in between stops the removal there). The root
    /// of an allow pattern (`$APPDATA` of `$APPDATA/**`) is not removed, even where another
    /// rule grants it as a path.
    pub fn remove_dir_all(&self, path: &CheckedPath) -> Result<(), ScopeError> {
        let (parent, name) = self.beneath(path)?;
        if name == "." || self.is_allow_root(path.as_path()) {
            return Err(ScopeError::Root {
                path: path.as_str().to_owned(),
            });
        }
        let dir = parent
            .open_dir_nofollow(name)
            .map_err(|e| refused(&parent, name, path, e))?;
        let at = path.as_path().to_path_buf();
        self.empty(&dir, at.clone(), path, 0, Pass::Check)?;
        self.empty(&dir, at, path, 0, Pass::Remove)?;
        drop(dir);
        parent
            .remove_dir(name)
            .map_err(|e| refused(&parent, name, path, e))
    }

    /// Checks every entry of `dir` (which is `at`), and in the [`Pass::Remove`] pass removes
    /// each once checked.
    fn empty(
        &self,
        dir: &Dir,
        at: PathBuf,
        asked: &CheckedPath,
        depth: usize,
        pass: Pass,
    ) -> Result<(), ScopeError> {
        if depth >= MAX_REMOVE_DEPTH {
            return Err(ScopeError::Io {
                path: asked.as_str().to_owned(),
                source: io::Error::other(format!("more than {MAX_REMOVE_DEPTH} directories deep")),
            });
        }
        for entry in dir.entries().map_err(|e| ScopeError::io(asked, e))? {
            let entry = entry.map_err(|e| ScopeError::io(asked, e))?;
            let name = entry.file_name();
            let entry_path = at.join(&name);
            self.check_entry(&entry_path, asked)?;
            // The entry's own type: a symlink to a directory is a symlink.
            let is_dir = entry
                .file_type()
                .map_err(|e| ScopeError::io(asked, e))?
                .is_dir();
            if is_dir {
                let sub = dir
                    .open_dir_nofollow(&name)
                    .map_err(|e| refused(dir, &name, asked, e))?;
                self.empty(&sub, entry_path, asked, depth + 1, pass)?;
                drop(sub);
                if pass == Pass::Remove {
                    dir.remove_dir(&name)
                        .map_err(|e| refused(dir, &name, asked, e))?;
                }
            } else if pass == Pass::Remove {
                dir.remove_file(&name)
                    .map_err(|e| refused(dir, &name, asked, e))?;
            }
        }
        Ok(())
    }

    /// Whether `entry`, met on the way to or beneath `asked`, is itself allowed; the error
    /// names only `asked`.
    fn check_entry(&self, entry: &Path, asked: &CheckedPath) -> Result<(), ScopeError> {
        let checked = entry
            .to_str()
            .and_then(|text| CheckedPath::new(text, &BaseDirs::default()).ok());
        match checked.as_ref().map(|entry| self.check_path(entry)) {
            Some(ScopeVerdict::Allowed(_)) => Ok(()),
            Some(ScopeVerdict::Denied(deny)) => Err(ScopeError::Denied {
                path: asked.as_str().to_owned(),
                rule: deny.to_string(),
            }),
            _ => Err(out(asked)),
        }
    }
}

/// The two walks of [`Scope::remove_dir_all`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Every entry checked, nothing removed.
    Check,
    /// Every entry checked again, and removed.
    Remove,
}

fn out(path: &CheckedPath) -> ScopeError {
    ScopeError::OutOfScope {
        path: path.as_str().to_owned(),
    }
}

//! A path scope that opens what it allows, instead of answering yes or no about a string.
//!
//! [`Scope::open`] and its siblings check a [`CheckedPath`] exactly as [`Scope::check_path`]
//! does (a deny rule beats every allow; no allow rule means out of scope), then reach the file
//! through a directory handle opened at the matching allow pattern's [`PathPattern::root`]. That
//! handle is the only use of ambient authority: the components of the path beneath it are
//! walked one by one with `cap-std`, each directory opened without following a symlink, and
//! the last component opened, created, listed or removed without following one either.
//!
//! **Symlinks are never followed inside a scope.** A symlink anywhere beneath the root, whether
//! it points outside (absolute or relative), at a denied sibling or at an allowed file, is
//! refused with [`ScopeError::Symlink`]; so is one planted in the last component of a file about
//! to be created or written. Because the walk is made of handles, not strings, `..`, a symlink
//! that climbs out and a symlink swapped in between the check and the use cannot leave the root,
//! and because nothing is followed, the lexical deny check is the check of the file reached.
//! The root itself is opened as the system resolves it: a base directory may be a symlink that
//! the app author (not the page) chose.
//!
//! **Only regular files are opened.** A FIFO, socket or device planted in a scope is refused
//! without being opened, and one swapped in between that check and the open is opened
//! non-blocking (so a FIFO cannot make the command wait for a writer) and refused.
//!
//! [`PathPattern::root`]: super::PathPattern::root

mod error;
mod options;
mod read_dir;
mod tree;

use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::path::{Component, Path};

use cap_fs_ext::DirExt;
use cap_std::ambient_authority;

pub use self::error::ScopeError;
pub use self::options::OpenOptions;
pub use self::read_dir::{DirEntry, ReadDir};
pub use self::tree::MAX_REMOVE_DEPTH;
pub use cap_std::fs::{Dir, FileType, Metadata};

use super::CheckedPath;
use crate::acl::{Scope, ScopeRule, ScopeVerdict};

impl<'a, 'f> Scope<'a, 'f> {
    /// Opens the regular file at `path`, as `options` say, if the scope allows it.
    ///
    /// Errors: the path is denied or out of scope, a symlink lies on the way or is the file
    /// itself (also when creating or writing), the file or a directory on the way does not exist,
    /// the path names a directory or another non-file, or the system refuses.
    pub fn open(&self, path: &CheckedPath, options: &OpenOptions) -> Result<File, ScopeError> {
        let (dir, name) = self.beneath(path)?;
        // A FIFO, socket or device is refused before it is opened (opening a FIFO waits for
        // the other end); one swapped in afterwards is opened without waiting (`no_follow`
        // opens non-blocking) and refused below.
        let existing = dir.symlink_metadata(name);
        if existing.is_ok_and(|m| !m.is_file() && !m.is_symlink()) {
            return Err(ScopeError::NotAFile {
                path: path.as_str().to_owned(),
            });
        }
        let file = dir
            .open_with(name, &options.no_follow())
            .map_err(|e| refused(&dir, name, path, e))?;
        let metadata = file.metadata().map_err(|e| ScopeError::io(path, e))?;
        if !metadata.is_file() {
            return Err(ScopeError::NotAFile {
                path: path.as_str().to_owned(),
            });
        }
        Ok(file.into_std())
    }

    /// Creates the directory `path` (not its parents), if the scope allows it.
    pub fn create_dir(&self, path: &CheckedPath) -> Result<(), ScopeError> {
        let (dir, name) = self.beneath(path)?;
        dir.create_dir(name)
            .map_err(|e| refused(&dir, name, path, e))
    }

    /// Lists the directory `path`, if the scope allows it. Entries are named, with their type
    /// as they are (a symlink is listed as a symlink, never followed); see [`ReadDir`] for the
    /// entries left out.
    pub fn read_dir(&self, path: &CheckedPath) -> Result<ReadDir<'a, 'f>, ScopeError> {
        let (parent, name) = self.beneath(path)?;
        let dir = parent
            .open_dir_nofollow(name)
            .map_err(|e| refused(&parent, name, path, e))?;
        let entries = dir.entries().map_err(|e| ScopeError::io(path, e))?;
        Ok(ReadDir::new(entries, path.clone(), *self))
    }

    /// A handle to the directory `path`, if the scope allows it, reached as every path of the
    /// scope is (no symlink followed, the last component included): what to watch it through.
    pub fn open_dir(&self, path: &CheckedPath) -> Result<Dir, ScopeError> {
        let (parent, name) = self.beneath(path)?;
        if name == "." {
            return Ok(parent);
        }
        parent
            .open_dir_nofollow(name)
            .map_err(|e| refused(&parent, name, path, e))
    }

    /// The metadata of `path` itself, if the scope allows it: a symlink is described, not
    /// followed.
    pub fn metadata(&self, path: &CheckedPath) -> Result<Metadata, ScopeError> {
        let (dir, name) = self.beneath(path)?;
        dir.symlink_metadata(name)
            .map_err(|e| ScopeError::io(path, e))
    }

    /// Removes the file at `path`, if the scope allows it. A symlink there is removed itself;
    /// what it points to is untouched.
    pub fn remove_file(&self, path: &CheckedPath) -> Result<(), ScopeError> {
        let (dir, name) = self.beneath(path)?;
        dir.remove_file(name)
            .map_err(|e| refused(&dir, name, path, e))
    }

    /// Renames `from` to `to`, if the scope allows both (a deny rule holds for either end).
    /// Neither is reached through a symlink; a symlink at either end is renamed or replaced
    /// itself, never followed, and what it points to is untouched.
    pub fn rename(&self, from: &CheckedPath, to: &CheckedPath) -> Result<(), ScopeError> {
        let (from_dir, from_name) = self.beneath(from)?;
        let (to_dir, to_name) = self.beneath(to)?;
        from_dir
            .rename(from_name, &to_dir, to_name)
            .map_err(|e| refused(&from_dir, from_name, from, e))
    }

    /// Copies the regular file `from` to `to` (created, or truncated if it exists), if the
    /// scope allows both (a deny rule holds for either end); neither is reached through a
    /// symlink. Copying a file onto itself (the same path, or a hard link to it) is refused
    /// before anything is truncated. Returns the number of bytes copied.
    pub fn copy_file(&self, from: &CheckedPath, to: &CheckedPath) -> Result<u64, ScopeError> {
        let mut source = self.open(from, OpenOptions::new().read(true))?;
        let mut target = self.open(to, OpenOptions::new().write(true).create(true))?;
        let same = |a: &File, b: &File| -> io::Result<bool> {
            use std::os::unix::fs::MetadataExt;
            let (a, b) = (a.metadata()?, b.metadata()?);
            Ok(a.dev() == b.dev() && a.ino() == b.ino())
        };
        if same(&source, &target).map_err(|e| ScopeError::io(to, e))? {
            return Err(ScopeError::Io {
                path: to.as_str().to_owned(),
                source: io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a file cannot be copied onto itself",
                ),
            });
        }
        target.set_len(0).map_err(|e| ScopeError::io(to, e))?;
        io::copy(&mut source, &mut target).map_err(|e| ScopeError::io(to, e))
    }

    /// Removes the empty directory `path`, if the scope allows it.
    pub fn remove_dir(&self, path: &CheckedPath) -> Result<(), ScopeError> {
        let (dir, name) = self.beneath(path)?;
        dir.remove_dir(name)
            .map_err(|e| refused(&dir, name, path, e))
    }

    /// Checks `path` against the scope, then opens the directory that holds it beneath the
    /// matching allow pattern's root without following any symlink. Returns that directory and
    /// the last component (`.` when `path` is the root itself).
    fn beneath<'p>(&self, path: &'p CheckedPath) -> Result<(Dir, &'p OsStr), ScopeError> {
        let root = self.root_for(path)?;
        let out_of_scope = || ScopeError::OutOfScope {
            path: path.as_str().to_owned(),
        };
        let rest = path
            .as_path()
            .strip_prefix(root)
            .map_err(|_| out_of_scope())?;
        let mut names = rest.components().map(|component| match component {
            Component::Normal(name) => Ok(name),
            // A checked path has no `.` or `..`; anything else is refused, not interpreted.
            _ => Err(out_of_scope()),
        });
        let mut dir = Dir::open_ambient_dir(root, ambient_authority())
            .map_err(|e| ScopeError::io(path, e))?;
        let Some(first) = names.next() else {
            return Ok((dir, OsStr::new(".")));
        };
        let mut name = first?;
        for next in names {
            let next = next?;
            dir = dir
                .open_dir_nofollow(name)
                .map_err(|e| refused(&dir, name, path, e))?;
            name = next;
        }
        Ok((dir, name))
    }

    /// The root of the allow pattern that lets `path` in, or why none does.
    fn root_for(&self, path: &CheckedPath) -> Result<&'a Path, ScopeError> {
        match self.check_path(path) {
            ScopeVerdict::Allowed(allow) => match allow.rule {
                ScopeRule::Path(pattern) => Ok(pattern.root()),
                // `check_path` matches path rules only.
                _ => Err(ScopeError::OutOfScope {
                    path: path.as_str().to_owned(),
                }),
            },
            ScopeVerdict::Denied(deny) => Err(ScopeError::Denied {
                path: path.as_str().to_owned(),
                rule: deny.to_string(),
            }),
            ScopeVerdict::OutOfScope => Err(ScopeError::OutOfScope {
                path: path.as_str().to_owned(),
            }),
        }
    }
}

/// The error for an operation on `name` in `dir` that failed: a symlink there is named as the
/// reason (whatever error the system chose for it), anything else as the system reported it.
fn refused(dir: &Dir, name: &OsStr, path: &CheckedPath, error: io::Error) -> ScopeError {
    let symlink = dir
        .symlink_metadata(name)
        .is_ok_and(|metadata| metadata.is_symlink());
    if symlink {
        ScopeError::Symlink {
            path: path.as_str().to_owned(),
        }
    } else {
        ScopeError::io(path, error)
    }
}

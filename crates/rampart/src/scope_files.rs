//! Files through the call's scope: a command touches files the page names only this way, never
//! with `std::fs` on a path the page chose.
//!
//! Each method checks the path against the scope the call was granted (a deny rule beats every
//! allow), then reaches the file beneath a directory handle rooted at the matching allow rule
//! and follows no symlink on the way (`rampart_core::scope::open`): `..`, a symlink planted
//! inside the folder, or one swapped in between the check and the use cannot lead out.
//!
//! ```
//! use std::io::Read;
//!
//! use rampart::{CallScope, IpcError, OpenOptions};
//!
//! /// The page names a note; the scope decides whether, and the handle where, it is read.
//! #[rampart::command]
//! fn read_note(path: String, scope: CallScope) -> Result<String, IpcError> {
//!     let mut text = String::new();
//!     scope
//!         .open(&path, OpenOptions::new().read(true))?
//!         .read_to_string(&mut text)
//!         .map_err(|e| IpcError::internal(e.to_string()))?;
//!     Ok(text)
//! }
//! ```

use std::fs::File;

use rampart_core::ipc::IpcError;
use rampart_core::scope::open::{DirEntry, Metadata, OpenOptions, ScopeError};

use crate::caller::CallScope;

impl CallScope {
    /// Opens the regular file at `path` (`$VARIABLES` allowed) as `options` say, if the scope
    /// allows it.
    pub fn open(&self, path: &str, options: &OpenOptions) -> Result<File, IpcError> {
        let path = self.path(path)?;
        self.scope().open(&path, options).map_err(refusal)
    }

    /// Creates the directory `path` (not its parents), if the scope allows it.
    pub fn create_dir(&self, path: &str) -> Result<(), IpcError> {
        let path = self.path(path)?;
        self.scope().create_dir(&path).map_err(refusal)
    }

    /// The entries of the directory `path`, if the scope allows it: names and types as they
    /// are (a symlink is listed as one, never followed); entries a deny rule matches are left
    /// out.
    pub fn read_dir(&self, path: &str) -> Result<Vec<DirEntry>, IpcError> {
        let path = self.path(path)?;
        let entries = self.scope().read_dir(&path).map_err(refusal)?;
        entries.collect::<Result<_, _>>().map_err(refusal)
    }

    /// The metadata of `path` itself (a symlink is described, not followed), if the scope
    /// allows it.
    pub fn metadata(&self, path: &str) -> Result<Metadata, IpcError> {
        let path = self.path(path)?;
        self.scope().metadata(&path).map_err(refusal)
    }

    /// Removes the file `path`, if the scope allows it (a symlink is removed itself).
    pub fn remove_file(&self, path: &str) -> Result<(), IpcError> {
        let path = self.path(path)?;
        self.scope().remove_file(&path).map_err(refusal)
    }

    /// Removes the empty directory `path`, if the scope allows it.
    pub fn remove_dir(&self, path: &str) -> Result<(), IpcError> {
        let path = self.path(path)?;
        self.scope().remove_dir(&path).map_err(refusal)
    }

    /// Creates the directory `path` and the parents it lacks, if the scope allows each one it
    /// creates (the allow rule's own folder is created if missing).
    pub fn create_dir_all(&self, path: &str) -> Result<(), IpcError> {
        let path = self.path(path)?;
        self.scope().create_dir_all(&path).map_err(refusal)
    }

    /// Removes the directory `path` and everything in it, if the scope allows every entry
    /// (checked before anything is removed); links are removed themselves, and the folder an
    /// allow rule opens beneath never is.
    pub fn remove_dir_all(&self, path: &str) -> Result<(), IpcError> {
        let path = self.path(path)?;
        self.scope().remove_dir_all(&path).map_err(refusal)
    }

    /// Copies the regular file `from` to `to`, if the scope allows both (a copy onto itself is
    /// refused): the bytes copied.
    pub fn copy_file(&self, from: &str, to: &str) -> Result<u64, IpcError> {
        let (from, to) = (self.path(from)?, self.path(to)?);
        self.scope().copy_file(&from, &to).map_err(refusal)
    }

    /// Renames `from` to `to`, if the scope allows both.
    pub fn rename(&self, from: &str, to: &str) -> Result<(), IpcError> {
        let (from, to) = (self.path(from)?, self.path(to)?);
        self.scope().rename(&from, &to).map_err(refusal)
    }
}

/// The page's error for a scope's refusal: its message names only the path the page gave.
pub(crate) fn refusal(error: ScopeError) -> IpcError {
    let message = error.to_string();
    match error {
        ScopeError::Denied { ref rule, .. } => {
            tracing::warn!(%rule, %message, "a scope denied a path");
            IpcError::denied(message)
        }
        ScopeError::OutOfScope { .. } | ScopeError::Symlink { .. } | ScopeError::Root { .. } => {
            IpcError::denied(message)
        }
        ScopeError::NotFound { .. } => IpcError::not_found(message),
        ScopeError::NotAFile { .. } | ScopeError::NotADirectory { .. } => {
            IpcError::bad_request(message)
        }
        _ => IpcError::internal(message),
    }
}

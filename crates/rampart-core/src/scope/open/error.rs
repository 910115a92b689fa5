//! Why a scope refused to open something.

use std::io;

use crate::scope::{CheckedPath, shown};

/// What a scope refused, and why. Its message names the path the caller gave and nothing else:
/// no root, no symlink target, no rule (the rule that denies is in the `rule` field of
/// [`ScopeError::Denied`], for logs and explanations, not for the page).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScopeError {
    /// A deny rule of the scope matches the path.
    #[error("`{}` is denied by the scope", shown(path))]
    Denied {
        /// The path as given.
        path: String,
        /// The rule that denies it, and where it comes from.
        rule: String,
    },
    /// No allow rule of the scope matches the path.
    #[error("`{}` is outside the scope", shown(path))]
    OutOfScope {
        /// The path as given.
        path: String,
    },
    /// A symlink lies on the way to the path, or is the path itself.
    #[error(
        "`{}` leads through a symbolic link; symlinks are never followed in a scope",
        shown(path)
    )]
    Symlink {
        /// The path as given.
        path: String,
    },
    /// The path, or a directory on the way to it, does not exist.
    #[error("`{}` does not exist", shown(path))]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// A file was expected, and the path names a directory or something else.
    #[error("`{}` is not a file", shown(path))]
    NotAFile {
        /// The path as given.
        path: String,
    },
    /// A directory was expected, at the path or on the way to it, and something else is there.
    #[error(
        "`{}` is not a directory, or something on the way to it is not",
        shown(path)
    )]
    NotADirectory {
        /// The path as given.
        path: String,
    },
    /// The path is the root of the allow rule that lets it in, which an operation on the
    /// directory's entries (removing it with everything in it) does not touch.
    #[error("`{}` is the root of the scope and cannot be removed", shown(path))]
    Root {
        /// The path as given.
        path: String,
    },
    /// The system refused for another reason (permissions, an existing file, a full disk, ...).
    #[error("`{}`: {source}", shown(path))]
    Io {
        /// The path as given.
        path: String,
        /// What the system said.
        source: io::Error,
    },
}

impl ScopeError {
    /// The error for `path` that the system reported as `error`.
    pub(super) fn io(path: &CheckedPath, error: io::Error) -> ScopeError {
        let path = path.as_str().to_owned();
        match error.kind() {
            io::ErrorKind::NotFound => ScopeError::NotFound { path },
            io::ErrorKind::IsADirectory => ScopeError::NotAFile { path },
            io::ErrorKind::NotADirectory => ScopeError::NotADirectory { path },
            _ => ScopeError::Io {
                path,
                source: error,
            },
        }
    }
}

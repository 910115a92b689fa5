//! Which files of an app's folder are its configuration, and reading them without surprises.
//!
//! The rule (the README says the same): `Rampart.toml` at the root; in `permissions/` every
//! `*.toml`, in `capabilities/` every `*.toml` and `*.json`, in name order. Symbolic links are
//! followed. Nothing else in those two folders is skipped silently: a file of another kind, a
//! sub-folder (they are not read recursively), a link that leads nowhere or loops, a FIFO, socket
//! or device, a hidden `.toml` or `.json` file are each an error naming the path. Other names
//! starting with `.` (an editor's swap or lock file, `.DS_Store`) are not read.
//!
//! A file's type is checked before it is opened, and again once it is open (non-blocking), so a
//! FIFO never blocks loading, even one swapped in between; its size before it is read, and the
//! read stops at the limit; its bytes must be UTF-8, and an invalid byte is reported at its line
//! and column.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::parse::MAX_FILE_LEN;
use super::sources::APP_MANIFEST;
use crate::diagnostic::{ConfigError, ConfigErrors, SourceFile};

/// What a path names, symbolic links followed.
enum Entry {
    File,
    Folder,
    Missing,
    /// Anything else, or a path that cannot be examined: what to say about it.
    Unusable(String),
}

/// The configuration files of the app under `root`, relative to it: `Rampart.toml`, then
/// `permissions/*.toml` and `capabilities/*.{toml,json}` in name order. Anything else in those
/// folders is an error (see the [module](self) for the rule).
pub fn list_app_files(root: &Path) -> Result<Vec<String>, ConfigErrors> {
    match entry(&root.join(APP_MANIFEST)) {
        Entry::File => {}
        Entry::Missing => {
            let help = format!(
                "run this in the app's root folder (the one with {APP_MANIFEST}), or pass --dir"
            );
            let message = format!("there is no {}", root.join(APP_MANIFEST).display());
            return Err(path_error(APP_MANIFEST, message, Some(help)).into());
        }
        Entry::Folder => return Err(not_a_file(APP_MANIFEST, "a folder").into()),
        Entry::Unusable(what) => return Err(not_a_file(APP_MANIFEST, &what).into()),
    }
    let mut errors = Vec::new();
    let mut names = vec![APP_MANIFEST.to_string()];
    names.extend(list_folder(root, "permissions", &["toml"], &mut errors));
    names.extend(list_folder(
        root,
        "capabilities",
        &["toml", "json"],
        &mut errors,
    ));
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(ConfigErrors { errors })
    }
}

/// Reads the file `relative` (as [`list_app_files`] names it) under `root`: a regular file of
/// at most [`MAX_FILE_LEN`] bytes of UTF-8.
pub(crate) fn read(root: &Path, relative: &str) -> Result<SourceFile, ConfigError> {
    let path = root.join(relative);
    let cannot_read = |error: io::Error| {
        path_error(
            relative,
            format!("cannot read {}: {error}", path.display()),
            None,
        )
    };
    // Checked before opening: opening a FIFO would wait for a writer. One swapped in after the
    // check is opened without waiting (non-blocking) and refused for its type below.
    match entry(&path) {
        Entry::File => {}
        Entry::Folder => return Err(not_a_file(relative, "a folder")),
        Entry::Missing => return Err(cannot_read(io::ErrorKind::NotFound.into())),
        Entry::Unusable(what) => return Err(not_a_file(relative, &what)),
    }
    let file = open_to_read(&path).map_err(cannot_read)?;
    let metadata = file.metadata().map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_a_file(relative, &kind(&metadata)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_LEN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() > MAX_FILE_LEN {
        return Err(path_error(
            relative,
            format!("the file is larger than {} KiB", MAX_FILE_LEN / 1024),
            Some("configuration files are small; check that this is the right file".into()),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(relative, text)),
        Err(error) => Err(not_utf8(relative, error.as_bytes(), error.utf8_error())),
    }
}

/// Opens `path` to read it, without waiting for a writer if it is a FIFO (on Unix: non-blocking;
/// on a regular file the flag changes nothing).
pub(crate) fn open_to_read(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// The error for bytes that are not UTF-8, at the first offending byte.
fn not_utf8(relative: &str, bytes: &[u8], error: std::str::Utf8Error) -> ConfigError {
    let at = error.valid_up_to();
    let text = String::from_utf8_lossy(bytes);
    let byte = bytes.get(at).copied().unwrap_or_default();
    // In the lossy text the offending bytes are one U+FFFD (3 bytes), at the same offset.
    SourceFile::new(relative, text).error(
        at..at + 3,
        format!("the file is not UTF-8: byte 0x{byte:02X} cannot appear here"),
        Some("configuration files are UTF-8 text: save the file as UTF-8".into()),
    )
}

/// The files of `root/folder` with one of `extensions`, relative to `root`, sorted by name. A
/// missing folder is empty; anything in it that is not such a file is an error.
fn list_folder(
    root: &Path,
    folder: &str,
    extensions: &[&str],
    errors: &mut Vec<ConfigError>,
) -> Vec<String> {
    let path = root.join(folder);
    match entry(&path) {
        Entry::Folder => {}
        Entry::Missing => return Vec::new(),
        Entry::File => {
            errors.push(not_a_folder(folder, "a file"));
            return Vec::new();
        }
        Entry::Unusable(what) => {
            errors.push(not_a_folder(folder, &what));
            return Vec::new();
        }
    }
    let cannot_list = |error: io::Error| {
        path_error(
            folder,
            format!("cannot list {}: {error}", path.display()),
            None,
        )
    };
    let mut names = Vec::new();
    match fs::read_dir(&path) {
        Ok(entries) => {
            for entry in entries {
                match entry {
                    Ok(entry) => names.push(entry.file_name()),
                    Err(error) => errors.push(cannot_list(error)),
                }
            }
        }
        Err(error) => errors.push(cannot_list(error)),
    }
    names.sort();
    let mut files = Vec::new();
    for name in names {
        let Some(name) = name.to_str() else {
            let shown = name.to_string_lossy();
            errors.push(path_error(
                &format!("{folder}/{shown}"),
                "the name is not UTF-8".to_string(),
                Some("rename the file".into()),
            ));
            continue;
        };
        let relative = format!("{folder}/{name}");
        let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
        let configuration = extensions.contains(&extension);
        if name.starts_with('.') {
            if configuration && !name.starts_with(".#") {
                errors.push(path_error(
                    &relative,
                    "hidden files are not read".into(),
                    Some(format!(
                        "remove the leading `.` to use it, or move it out of {folder}/"
                    )),
                ));
            }
            continue;
        }
        match entry(&root.join(&relative)) {
            Entry::File if configuration => files.push(relative),
            Entry::File => {
                let allowed: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
                errors.push(path_error(
                    &relative,
                    format!("{folder}/ holds only {} files", allowed.join(" and ")),
                    Some("rename the file, or move it out of this folder".into()),
                ));
            }
            Entry::Folder => errors.push(path_error(
                &relative,
                format!("this is a folder: {folder}/ is not read recursively"),
                Some(format!(
                    "move its files into {folder}/, or move the folder out of it"
                )),
            )),
            Entry::Unusable(what) => errors.push(not_a_file(&relative, &what)),
            Entry::Missing => errors.push(path_error(
                &relative,
                "this file disappeared while the folder was read".into(),
                Some("run it again once the folder no longer changes".into()),
            )),
        }
    }
    files
}

/// What `path` names, symbolic links followed. Examines; never opens.
fn entry(path: &Path) -> Entry {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Entry::File,
        Ok(metadata) if metadata.is_dir() => Entry::Folder,
        Ok(metadata) => Entry::Unusable(kind(&metadata)),
        Err(error) => match fs::symlink_metadata(path) {
            Ok(link) if link.file_type().is_symlink() => {
                Entry::Unusable(if error.kind() == io::ErrorKind::NotFound {
                    "a symbolic link to nothing (its target does not exist)".into()
                } else {
                    format!("a symbolic link that cannot be followed ({error})")
                })
            }
            Err(missing) if missing.kind() == io::ErrorKind::NotFound => Entry::Missing,
            _ => Entry::Unusable(format!("unreadable ({error})")),
        },
    }
}

/// What a file that is neither a regular file nor a folder is: "a FIFO", "a socket", ...
fn kind(metadata: &Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "a FIFO".into();
        }
        if file_type.is_socket() {
            return "a socket".into();
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device".into();
        }
    }
    if metadata.is_dir() {
        "a folder".into()
    } else {
        "neither a file nor a folder".into()
    }
}

fn not_a_file(relative: &str, what: &str) -> ConfigError {
    path_error(
        relative,
        format!("this is {what}, not a regular file"),
        Some("configuration is read from regular files (or symbolic links to them)".into()),
    )
}

fn not_a_folder(folder: &str, what: &str) -> ConfigError {
    path_error(
        folder,
        format!("this is {what}, not a folder"),
        Some(format!(
            "{folder}/ is a folder of configuration files: move this out of the way"
        )),
    )
}

/// An error about a path as a whole: its name, at line 1, column 1.
fn path_error(relative: &str, message: String, help: Option<String>) -> ConfigError {
    SourceFile::new(relative, "").file_error(message, help)
}

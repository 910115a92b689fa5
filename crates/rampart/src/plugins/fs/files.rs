//! The fs commands on whole files and directories.

use std::io::{Read, Write};
use std::time::SystemTime;

use rampart_core::ipc::{ErrorCode, IpcError};
use rampart_core::scope::open::{Metadata, OpenOptions, ScopeError};
use serde::{Deserialize, Serialize};

use crate::command::{Invocation, Reply};
use crate::scope_files::refusal;

use crate::plugins::framed_body;

/// The largest file `read_file` and `read_text_file` read whole; larger files are read in
/// chunks through `open` and `read`.
pub const MAX_WHOLE_FILE: u64 = 256 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PathArgs {
    path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TreeArgs {
    path: String,
    #[serde(default)]
    recursive: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TwoPaths {
    from: String,
    to: String,
}

/// How `write_file` and `write_text_file` open their file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct WriteOptions {
    #[serde(default)]
    append: bool,
    #[serde(default = "yes")]
    create: bool,
    #[serde(default)]
    create_new: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            append: false,
            create: true,
            create_new: false,
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteHead {
    path: String,
    #[serde(default)]
    options: Option<WriteOptions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteText {
    path: String,
    contents: String,
    #[serde(default)]
    options: Option<WriteOptions>,
}

/// One entry of `read_dir`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    name: String,
    is_file: bool,
    is_directory: bool,
    is_symlink: bool,
}

/// What `stat` answers: the entry itself, never what a symlink points to. Times are
/// milliseconds since the Unix epoch, `null` where the system does not record them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stat {
    size: u64,
    is_file: bool,
    is_directory: bool,
    is_symlink: bool,
    readonly: bool,
    mode: u32,
    modified: Option<u64>,
    accessed: Option<u64>,
    created: Option<u64>,
}

/// `read_file { path }`: the file's bytes.
pub(super) fn read_file(call: Invocation) -> Result<Reply, IpcError> {
    let args: PathArgs = call.args()?;
    read_whole(&call, &args.path).map(Reply::Bytes)
}

/// `read_text_file { path }`: the file's text, which must be UTF-8.
pub(super) fn read_text_file(call: Invocation) -> Result<Reply, IpcError> {
    let args: PathArgs = call.args()?;
    let bytes = read_whole(&call, &args.path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        IpcError::bad_request(format!(
            "`{}` is not UTF-8 text: read it with read_file",
            args.path
        ))
    })?;
    Reply::json(&text)
}

/// The whole file at `path`, read once into a buffer of its size.
fn read_whole(call: &Invocation, path: &str) -> Result<Vec<u8>, IpcError> {
    let file = call
        .call_scope()
        .open(path, OpenOptions::new().read(true))?;
    let size = file.metadata().map_or(0, |m| m.len());
    if size > MAX_WHOLE_FILE {
        return Err(too_large(path, size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may grow while it is read: never past the limit.
    file.take(MAX_WHOLE_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_WHOLE_FILE {
        return Err(too_large(path, read));
    }
    Ok(bytes)
}

fn too_large(path: &str, size: u64) -> IpcError {
    IpcError::new(
        ErrorCode::TooLarge,
        format!(
            "`{path}` is {size} bytes, more than read_file reads at once ({MAX_WHOLE_FILE}): read it in chunks with open and read"
        ),
    )
}

/// `write_file` and `append_file`: a framed body, head `{ path, options? }`, then the bytes.
pub(super) fn write_file(mut call: Invocation, append: bool) -> Result<Reply, IpcError> {
    let body = call.take_bytes()?;
    let (head, data): (WriteHead, &[u8]) = framed_body(&body)?;
    let mut options = head.options.unwrap_or_default();
    options.append |= append;
    write(&call, &head.path, &options, data)
}

/// `write_text_file { path, contents, options? }`.
pub(super) fn write_text_file(call: Invocation) -> Result<Reply, IpcError> {
    let args: WriteText = call.args()?;
    let options = args.options.unwrap_or_default();
    write(&call, &args.path, &options, args.contents.as_bytes())
}

fn write(
    call: &Invocation,
    path: &str,
    options: &WriteOptions,
    data: &[u8],
) -> Result<Reply, IpcError> {
    let mut open = OpenOptions::new();
    open.write(true)
        .append(options.append)
        .truncate(!options.append)
        .create(options.create)
        .create_new(options.create_new);
    let mut file = call.call_scope().open(path, &open)?;
    file.write_all(data).map_err(|e| io_error(path, &e))?;
    Ok(Reply::empty())
}

/// `read_dir { path }`: the entries, each as it is.
pub(super) fn read_dir(call: Invocation) -> Result<Reply, IpcError> {
    let args: PathArgs = call.args()?;
    let entries: Vec<Entry> = call
        .call_scope()
        .read_dir(&args.path)?
        .into_iter()
        .map(|entry| Entry {
            name: entry.name,
            is_file: entry.file_type.is_file(),
            is_directory: entry.file_type.is_dir(),
            is_symlink: entry.file_type.is_symlink(),
        })
        .collect();
    Reply::json(&entries)
}

/// `mkdir { path, recursive? }`.
pub(super) fn mkdir(call: Invocation) -> Result<Reply, IpcError> {
    let args: TreeArgs = call.args()?;
    let scope = call.call_scope();
    if args.recursive {
        scope.create_dir_all(&args.path)?;
    } else {
        scope.create_dir(&args.path)?;
    }
    Ok(Reply::empty())
}

/// `remove { path, recursive? }`: a file or symlink (itself), an empty directory, or with
/// `recursive` a directory and everything in it.
pub(super) fn remove(call: Invocation) -> Result<Reply, IpcError> {
    let args: TreeArgs = call.args()?;
    let scope = call.call_scope();
    let metadata = scope.metadata(&args.path)?;
    if !metadata.is_dir() {
        scope.remove_file(&args.path)?;
    } else if args.recursive {
        scope.remove_dir_all(&args.path)?;
    } else {
        let path = scope.path(&args.path)?;
        scope.scope().remove_dir(&path).map_err(|e| match e {
            ScopeError::Io { ref source, .. }
                if source.kind() == std::io::ErrorKind::DirectoryNotEmpty =>
            {
                IpcError::bad_request(format!(
                    "`{}` is a directory that is not empty: pass `recursive` to remove what it holds",
                    args.path
                ))
            }
            other => refusal(other),
        })?;
    }
    Ok(Reply::empty())
}

/// `rename { from, to }`: both ends checked.
pub(super) fn rename(call: Invocation) -> Result<Reply, IpcError> {
    let args: TwoPaths = call.args()?;
    call.call_scope().rename(&args.from, &args.to)?;
    Ok(Reply::empty())
}

/// `copy_file { from, to }`: both ends checked.
pub(super) fn copy_file(call: Invocation) -> Result<Reply, IpcError> {
    let args: TwoPaths = call.args()?;
    call.call_scope().copy_file(&args.from, &args.to)?;
    Ok(Reply::empty())
}

/// `exists { path }`: whether there is an entry at `path` (within the scope: a path the scope
/// refuses is refused, not answered `false`).
pub(super) fn exists(call: Invocation) -> Result<Reply, IpcError> {
    let args: PathArgs = call.args()?;
    match call.call_scope().metadata(&args.path) {
        Ok(_) => Reply::json(&true),
        Err(e) if e.code == ErrorCode::NotFound => Reply::json(&false),
        Err(e) => Err(e),
    }
}

/// `stat { path }`: the entry's metadata.
pub(super) fn stat(call: Invocation) -> Result<Reply, IpcError> {
    let args: PathArgs = call.args()?;
    let metadata = call.call_scope().metadata(&args.path)?;
    Reply::json(&stat_of(&metadata))
}

fn stat_of(metadata: &Metadata) -> Stat {
    use cap_std::fs::PermissionsExt;
    let millis = |time: std::io::Result<cap_std::time::SystemTime>| {
        time.ok()
            .and_then(|t| t.into_std().duration_since(SystemTime::UNIX_EPOCH).ok())
            .and_then(|d| u64::try_from(d.as_millis()).ok())
    };
    let file_type = metadata.file_type();
    Stat {
        size: metadata.len(),
        is_file: file_type.is_file(),
        is_directory: file_type.is_dir(),
        is_symlink: file_type.is_symlink(),
        readonly: metadata.permissions().readonly(),
        mode: metadata.permissions().mode(),
        modified: millis(metadata.modified()),
        accessed: millis(metadata.accessed()),
        created: millis(metadata.created()),
    }
}

/// An I/O error while reading or writing `path`, naming only that path.
pub(super) fn io_error(path: &str, error: &std::io::Error) -> IpcError {
    IpcError::internal(format!("`{path}`: {error}"))
}

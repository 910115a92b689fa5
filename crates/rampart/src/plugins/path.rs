//! The `path` plugin (cargo feature `path`): where the app's directories are, and path strings
//! put together the way the path scope reads them. It touches no file.
//!
//! - `app_data_dir`, `app_config_dir`, `app_cache_dir`, `app_log_dir`, `home_dir`, `temp_dir`:
//!   the directory `$APPDATA`, `$APPCONFIG`, `$APPCACHE`, `$APPLOG`, `$HOME` or `$TEMP` stands
//!   for in this app's scopes (`not_found` when this machine has none, such as no `$HOME`).
//! - `resolve { paths }`: the segments joined (an absolute or `$VARIABLE` segment starts over),
//!   the leading variable expanded and `.`/`..` resolved lexically: exactly the path an fs
//!   scope checks for the same input. It must come out absolute.
//! - `normalize { path }`: `resolve` of one path.
//! - `join { paths }`: the segments joined with `/` (an absolute or `$VARIABLE` segment starts
//!   over), nothing expanded or resolved.

use rampart_core::ipc::{ErrorCode, IpcError};
use rampart_core::scope::BaseDir;
use serde::Deserialize;

use crate::command::{Commands, Invocation, Reply};
use crate::plugin::Plugin;

/// The longest path these commands build, in bytes (as the scopes accept).
const MAX_PATH_LEN: usize = 4095;

/// The most segments `join` and `resolve` take.
const MAX_SEGMENTS: usize = 256;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Segments {
    paths: Vec<String>,
}

/// The directory commands take no arguments.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OnePath {
    path: String,
}

/// The plugin.
pub fn plugin() -> Plugin {
    let mut plugin = Plugin::new("path");
    for (command, dir) in [
        ("app_data_dir", BaseDir::AppData),
        ("app_config_dir", BaseDir::AppConfig),
        ("app_cache_dir", BaseDir::AppCache),
        ("app_log_dir", BaseDir::AppLog),
        ("home_dir", BaseDir::Home),
        ("temp_dir", BaseDir::Temp),
    ] {
        plugin = plugin.command(command, move |call| base_dir(&call, dir));
    }
    plugin
        .command("resolve", |call| {
            let args: Segments = call.args()?;
            resolved(&call, &joined(&args.paths)?)
        })
        .command("normalize", |call| {
            let args: OnePath = call.args()?;
            resolved(&call, &args.path)
        })
        .command("join", |call| {
            let args: Segments = call.args()?;
            Reply::json(&joined(&args.paths)?)
        })
}

fn base_dir(call: &Invocation, dir: BaseDir) -> Result<Reply, IpcError> {
    let NoArgs {} = call.args()?;
    let path = call.base_dirs().get(dir).ok_or_else(|| {
        IpcError::new(
            ErrorCode::NotFound,
            format!("this machine has no {} directory", dir.variable()),
        )
    })?;
    let text = path
        .to_str()
        .ok_or_else(|| IpcError::internal(format!("{} is not a UTF-8 path", dir.variable())))?;
    Reply::json(&text)
}

/// `input` as the path scope reads it: variable expanded, normalised, absolute.
fn resolved(call: &Invocation, input: &str) -> Result<Reply, IpcError> {
    Reply::json(&call.call_scope().path(input)?.as_str())
}

/// The segments joined with `/`; an absolute or `$VARIABLE` segment starts over.
fn joined(segments: &[String]) -> Result<String, IpcError> {
    if segments.len() > MAX_SEGMENTS {
        return Err(IpcError::bad_request(format!(
            "at most {MAX_SEGMENTS} segments are joined"
        )));
    }
    let mut path = String::new();
    for segment in segments {
        if segment.contains('\0') {
            return Err(IpcError::bad_request(
                "a path segment contains a NUL character",
            ));
        }
        if segment.starts_with('/') || segment.starts_with('$') || path.is_empty() {
            path.clear();
        } else if !segment.is_empty() && !path.ends_with('/') {
            path.push('/');
        }
        path.push_str(segment);
        if path.len() > MAX_PATH_LEN {
            return Err(IpcError::bad_request(format!(
                "the joined path is longer than {MAX_PATH_LEN} bytes"
            )));
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::joined;

    fn join(segments: &[&str]) -> String {
        let owned: Vec<String> = segments.iter().map(|s| (*s).to_string()).collect();
        joined(&owned).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn segments_join_with_one_slash_and_absolute_ones_start_over() {
        assert_eq!(join(&["$APPDATA", "notes", "a.md"]), "$APPDATA/notes/a.md");
        assert_eq!(join(&["/a/", "b"]), "/a/b");
        assert_eq!(join(&["a", "/etc", "passwd"]), "/etc/passwd");
        assert_eq!(join(&["/a", "$HOME", "x"]), "$HOME/x");
        assert_eq!(join(&["/a", "", "b"]), "/a/b");
        assert_eq!(join(&["rel", "../x"]), "rel/../x");
        assert_eq!(join(&[]), "");
    }

    #[test]
    fn nul_long_and_too_many_segments_are_refused() {
        for bad in [
            vec!["/a\0b".to_string()],
            vec!["x".repeat(4096)],
            vec!["a".to_string(); 257],
        ] {
            assert!(joined(&bad).is_err());
        }
    }
}

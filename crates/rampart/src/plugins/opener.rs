//! The `opener` plugin (cargo feature `opener`): hands a URL or a local path to the desktop's
//! default application, within the call's opener scope.
//!
//! - `open_url { url }`: the URL must be allowed by a scheme or URL rule (`{ scheme = "mailto" }`,
//!   `{ url = "https://example.com/**" }`); a URL with a user name or password never matches.
//! - `open_path { path }` and `reveal_item { path }` (its folder is opened): the path must be
//!   allowed by a path rule, and so must the file it really is once symbolic links are resolved,
//!   which is what is handed over: a link planted inside an allowed folder cannot open what lies
//!   outside it.
//!
//! The launcher is `xdg-open` by default, given the target as its one argument (never through a
//! shell); [`plugin_with`] takes another, so tests observe what would have been opened.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::Arc;

use rampart_core::ipc::{ErrorCode, IpcError};
use serde::Deserialize;
use url::Url;

use crate::command::{Commands, Invocation, Reply};
use crate::plugin::Plugin;

/// What the opener hands to the launcher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening {
    /// A URL, as parsed (serialized by the URL standard).
    Url(String),
    /// A local file or folder, symbolic links resolved.
    Path(PathBuf),
}

/// What opens an [`Opening`].
pub type Launcher = dyn Fn(&Opening) -> Result<(), String> + Send + Sync;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UrlArgs {
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PathArgs {
    path: String,
}

/// The plugin, opening with `xdg-open`.
pub fn plugin() -> Plugin {
    plugin_with(xdg_open)
}

/// The plugin, opening with `launcher`.
pub fn plugin_with(
    launcher: impl Fn(&Opening) -> Result<(), String> + Send + Sync + 'static,
) -> Plugin {
    let launcher: Arc<Launcher> = Arc::new(launcher);
    let (for_url, for_path, for_reveal) = (launcher.clone(), launcher.clone(), launcher);
    Plugin::new("opener")
        .command("open_url", move |call| {
            let args: UrlArgs = call.args()?;
            let url = Url::parse(&args.url)
                .map_err(|e| IpcError::bad_request(format!("`{}` is not a URL: {e}", args.url)))?;
            if !call.scope().check_open_url(&url).is_allowed() {
                return Err(refused(&call, &args.url));
            }
            launch(&for_url, Opening::Url(url.into()))
        })
        .command("open_path", move |call| {
            let args: PathArgs = call.args()?;
            let real = allowed_path(&call, &args.path)?;
            launch(&for_path, Opening::Path(real))
        })
        .command("reveal_item", move |call| {
            let args: PathArgs = call.args()?;
            let real = allowed_path(&call, &args.path)?;
            let folder = real
                .parent()
                .map_or_else(|| real.clone(), Path::to_path_buf);
            launch(&for_reveal, Opening::Path(folder))
        })
}

/// `input` if the path scope allows it, and allows what it resolves to: the resolved path.
fn allowed_path(call: &Invocation, input: &str) -> Result<PathBuf, IpcError> {
    let scope = call.call_scope();
    scope.resolved_path(
        input,
        |path| scope.check_open_path(path).is_allowed(),
        || refused(call, input),
    )
}

/// The page's own words back, nothing of the scope.
fn refused(call: &Invocation, target: &str) -> IpcError {
    tracing::warn!(
        webview = call.webview_label(),
        target,
        "opener target not in scope"
    );
    IpcError::new(
        ErrorCode::Denied,
        format!("`{target}` may not be opened here"),
    )
}

fn launch(launcher: &Arc<Launcher>, opening: Opening) -> Result<Reply, IpcError> {
    launcher(&opening).map_err(IpcError::internal)?;
    Ok(Reply::empty())
}

/// Opens `opening` with `xdg-open`, waited for on a thread of its own.
fn xdg_open(opening: &Opening) -> Result<(), String> {
    let target = match opening {
        Opening::Url(url) => std::ffi::OsStr::new(url),
        Opening::Path(path) => path.as_os_str(),
    };
    let mut child = Process::new("xdg-open")
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start xdg-open: {e}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

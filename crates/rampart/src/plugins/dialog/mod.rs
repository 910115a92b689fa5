//! The `dialog` plugin (cargo feature `dialog`): the desktop's file choosers and message boxes,
//! and the grants that follow from them.
//!
//! - `open { title?, directory?, multiple?, recursive?, filters?, defaultPath? }`: the path picked
//!   (`null` if the person cancelled; a list with `multiple`);
//! - `save { title?, filters?, defaultPath? }`: the path chosen, or `null`;
//! - `message { title?, message, kind? }`, `ask { ... }` (yes/no) and `confirm { ... }`
//!   (OK/cancel): `null`, or whether the person said yes.
//!
//! **What a person picks is granted**, to the webview that showed the dialog only, for the rest
//! of the run: the path (symbolic links resolved) becomes a literal allow rule of its path
//! scopes (the fs plugin's, the asset scheme's), never a glob; a picked directory grants itself,
//! and what lies beneath it only when the dialog asked for `recursive`. The configuration's deny
//! rules still win, and the commands must still be granted. The app lists and revokes picks
//! with [`AppHandle::picked_paths`](crate::AppHandle::picked_paths) and
//! [`AppHandle::revoke_picked`](crate::AppHandle::revoke_picked).
//!
//! Dialogs are GTK's, shown on the GTK thread; [`plugin_with`] takes another [`Chooser`], so
//! tests (and headless runs) decide what the person would have picked.

mod native;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rampart_core::ipc::IpcError;
use rampart_core::scope::{BaseDirs, CheckedPath};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::command::{Commands, Invocation, Reply};
use crate::plugin::Plugin;

/// The longest title or message a page may show, in bytes.
const MAX_TEXT: usize = 4096;

/// The most filters one dialog may have, and extensions per filter.
const MAX_FILTERS: usize = 32;

/// A group of files the chooser offers, by extension (`["png", "jpg"]`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// What the person sees (`Images`).
    pub name: String,
    /// Extensions without the dot: letters, digits, `_`, `+`, `-`.
    pub extensions: Vec<String>,
}

/// What kind of message a message box shows.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MessageKind {
    /// Information (the default).
    #[default]
    Info,
    /// A warning.
    Warning,
    /// An error.
    Error,
}

/// The buttons of a message box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Buttons {
    /// OK.
    Ok,
    /// Yes and No.
    YesNo,
    /// OK and Cancel.
    OkCancel,
}

/// A dialog to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Pick existing files, or a directory.
    Open {
        /// The window title.
        title: Option<String>,
        /// Pick a directory rather than files.
        directory: bool,
        /// Allow picking several.
        multiple: bool,
        /// The groups of files offered.
        filters: Vec<Filter>,
        /// Where the chooser starts.
        default_path: Option<PathBuf>,
    },
    /// Choose where to save a file.
    Save {
        /// The window title.
        title: Option<String>,
        /// The groups of files offered.
        filters: Vec<Filter>,
        /// Where the chooser starts (a folder, or a folder and a file name).
        default_path: Option<PathBuf>,
    },
    /// A message box.
    Message {
        /// The window title.
        title: Option<String>,
        /// The text.
        message: String,
        /// Information, warning or error.
        kind: MessageKind,
        /// Which buttons.
        buttons: Buttons,
    },
}

/// What the person did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Picked these paths.
    Paths(Vec<PathBuf>),
    /// Answered yes/OK (`true`) or no/cancel (`false`).
    Answer(bool),
    /// Closed the dialog.
    Dismissed,
}

/// What shows a dialog and returns what the person did.
pub type Chooser = dyn Fn(&Dialog) -> Choice + Send + Sync;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct OpenArgs {
    title: Option<String>,
    #[serde(default)]
    directory: bool,
    #[serde(default)]
    multiple: bool,
    #[serde(default)]
    recursive: bool,
    #[serde(default)]
    filters: Vec<Filter>,
    default_path: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SaveArgs {
    title: Option<String>,
    #[serde(default)]
    filters: Vec<Filter>,
    default_path: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageArgs {
    title: Option<String>,
    message: String,
    #[serde(default)]
    kind: MessageKind,
}

/// The plugin, with GTK's dialogs.
pub fn plugin() -> Plugin {
    build(None)
}

/// The plugin, with `chooser` in place of GTK's dialogs (tests, headless runs).
pub fn plugin_with(chooser: impl Fn(&Dialog) -> Choice + Send + Sync + 'static) -> Plugin {
    build(Some(Arc::new(chooser)))
}

fn build(chooser: Option<Arc<Chooser>>) -> Plugin {
    let show = move |call: &Invocation, dialog: Dialog| match &chooser {
        Some(chooser) => chooser(&dialog),
        None => native::show_on_main(call.app(), dialog),
    };
    let show = Arc::new(show);
    let (open, save, message, ask, confirm) =
        (show.clone(), show.clone(), show.clone(), show.clone(), show);
    Plugin::new("dialog")
        .command("open", move |call| {
            let args: OpenArgs = call.args()?;
            let dialog = Dialog::Open {
                title: text(args.title, "title")?,
                directory: args.directory,
                multiple: args.multiple,
                filters: filters(args.filters)?,
                default_path: default_path(args.default_path)?,
            };
            let mut paths = match open(&call, dialog) {
                Choice::Paths(paths) if !paths.is_empty() => paths,
                _ => return Reply::json(&Value::Null),
            };
            // One pick asked for, one granted: whatever else a chooser returns is not.
            if !args.multiple {
                paths.truncate(1);
            }
            let recursive = args.directory && args.recursive;
            let granted = paths
                .iter()
                .map(|path| grant(&call, path, recursive, true))
                .collect::<Result<Vec<String>, IpcError>>()?;
            if args.multiple {
                Reply::json(&granted)
            } else {
                Reply::json(&granted.first())
            }
        })
        .command("save", move |call| {
            let args: SaveArgs = call.args()?;
            let dialog = Dialog::Save {
                title: text(args.title, "title")?,
                filters: filters(args.filters)?,
                default_path: default_path(args.default_path)?,
            };
            match save(&call, dialog) {
                Choice::Paths(paths) => match paths.first() {
                    Some(path) => Reply::json(&grant(&call, path, false, false)?),
                    None => Reply::json(&Value::Null),
                },
                _ => Reply::json(&Value::Null),
            }
        })
        .command("message", move |call| {
            let dialog = message_dialog(&call, Buttons::Ok)?;
            message(&call, dialog);
            Ok(Reply::empty())
        })
        .command("ask", move |call| {
            let dialog = message_dialog(&call, Buttons::YesNo)?;
            Reply::json(&json!(ask(&call, dialog) == Choice::Answer(true)))
        })
        .command("confirm", move |call| {
            let dialog = message_dialog(&call, Buttons::OkCancel)?;
            Reply::json(&json!(confirm(&call, dialog) == Choice::Answer(true)))
        })
}

fn message_dialog(call: &Invocation, buttons: Buttons) -> Result<Dialog, IpcError> {
    let args: MessageArgs = call.args()?;
    Ok(Dialog::Message {
        title: text(args.title, "title")?,
        message: text(Some(args.message), "message")?.unwrap_or_default(),
        kind: args.kind,
        buttons,
    })
}

/// Grants `picked` to the calling webview: its real path (symbolic links resolved; for a save,
/// the folder's, since the file may not exist yet), as a literal. Answers that path.
fn grant(
    call: &Invocation,
    picked: &Path,
    recursive: bool,
    exists: bool,
) -> Result<String, IpcError> {
    let unusable = || IpcError::internal("the chosen path cannot be used");
    let real = if exists {
        std::fs::canonicalize(picked).map_err(|_| unusable())?
    } else {
        let (Some(folder), Some(name)) = (picked.parent(), picked.file_name()) else {
            return Err(unusable());
        };
        std::fs::canonicalize(folder)
            .map_err(|_| unusable())?
            .join(name)
    };
    let text = real.to_str().ok_or_else(unusable)?;
    let checked = CheckedPath::new(text, &BaseDirs::default()).map_err(|_| unusable())?;
    call.app()
        .picks
        .add(call.webview_label(), &checked, recursive)
        .map_err(IpcError::internal)?;
    Ok(checked.as_str().to_string())
}

/// A page's text for a dialog, bounded.
fn text(value: Option<String>, what: &str) -> Result<Option<String>, IpcError> {
    match value {
        Some(text) if text.len() > MAX_TEXT => Err(IpcError::bad_request(format!(
            "the {what} is longer than {MAX_TEXT} bytes"
        ))),
        other => Ok(other),
    }
}

fn filters(filters: Vec<Filter>) -> Result<Vec<Filter>, IpcError> {
    let valid = |ext: &String| {
        !ext.is_empty()
            && ext.len() <= 16
            && ext
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
    };
    if filters.len() > MAX_FILTERS
        || filters.iter().any(|f| {
            f.name.len() > 128
                || f.extensions.len() > MAX_FILTERS
                || !f.extensions.iter().all(valid)
        })
    {
        return Err(IpcError::bad_request(format!(
            "filters: at most {MAX_FILTERS}, each named in 128 bytes, with at most {MAX_FILTERS} extensions of letters, digits, `_`, `+` or `-`"
        )));
    }
    Ok(filters)
}

fn default_path(path: Option<String>) -> Result<Option<PathBuf>, IpcError> {
    match path {
        None => Ok(None),
        Some(path) => CheckedPath::new(&path, &BaseDirs::default())
            .map(|p| Some(p.as_path().to_path_buf()))
            .map_err(|_| IpcError::bad_request("defaultPath must be an absolute path")),
    }
}

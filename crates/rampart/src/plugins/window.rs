//! The `window` plugin, one of the runtime's own: a page changes its own window — title, size,
//! position, state — or closes it, each command its own permission (`window:allow-set-title`,
//! ...; `window:default` reads the state only). Every command acts on the calling webview's
//! window unless it names another `label`, which the window scope of that permission must
//! allow (`{ window = "settings" }`). `open { label }` opens a window `Rampart.toml` declares,
//! or one from a template, where the scope allows its label — and, when a capability names
//! that label (it would grant the new window its permissions), only by a rule naming exactly
//! that label, never through a glob.

use rampart_core::ipc::IpcError;
use serde::Deserialize;

use crate::command::{Commands, Invocation, Reply};
use crate::plugin::Plugin;
use crate::window_control::WindowHandle;

/// The longest title a page may set, in characters.
const MAX_TITLE: usize = 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleArgs {
    title: String,
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SizeArgs {
    width: f64,
    height: f64,
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionalSize {
    size: Option<Size>,
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Size {
    width: f64,
    height: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionArgs {
    x: f64,
    y: f64,
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Flag {
    value: bool,
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelOnly {
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenArgs {
    label: String,
}

/// The window a command acts on: the caller's own, or the one `label` names if the call's
/// window scope allows it (`denied` otherwise; `not_found` if `Rampart.toml` declares none).
fn target(call: &Invocation, label: Option<&str>) -> Result<WindowHandle, IpcError> {
    let own = call.window_label();
    let label = match label {
        None => own,
        Some(label) if label == own => own,
        Some(label) => {
            if !call.call_scope().check_window(label).is_allowed() {
                return Err(IpcError::denied(format!(
                    "the window `{label}` is not in this call's window scope"
                )));
            }
            label
        }
    };
    call.app().window(label)
}

/// A size a page asks for, in logical pixels: finite, 1 to 16384.
fn size(width: f64, height: f64) -> Result<(f64, f64), IpcError> {
    let valid = |v: f64| v.is_finite() && (1.0..=16384.0).contains(&v);
    if valid(width) && valid(height) {
        Ok((width, height))
    } else {
        Err(IpcError::bad_request(
            "a size is 1 to 16384 logical pixels each way",
        ))
    }
}

/// A command taking only a window `label` that does `act` to that window.
fn simple(act: fn(&WindowHandle)) -> impl Fn(Invocation) -> Result<Reply, IpcError> {
    move |call| {
        let LabelOnly { label } = call.args()?;
        act(&target(&call, label.as_deref())?);
        Ok(Reply::empty())
    }
}

/// The plugin.
pub(crate) fn plugin() -> Plugin {
    Plugin::new("window")
        .command("set_title", |call| {
            let args: TitleArgs = call.args()?;
            if args.title.chars().count() > MAX_TITLE {
                return Err(IpcError::bad_request(format!(
                    "a title is at most {MAX_TITLE} characters"
                )));
            }
            target(&call, args.label.as_deref())?.set_title(&args.title);
            Ok(Reply::empty())
        })
        .command("set_size", |call| {
            let args: SizeArgs = call.args()?;
            let (width, height) = size(args.width, args.height)?;
            target(&call, args.label.as_deref())?.set_size(width, height);
            Ok(Reply::empty())
        })
        .command("set_min_size", |call| {
            let args: OptionalSize = call.args()?;
            let min = args.size.map(|s| size(s.width, s.height)).transpose()?;
            target(&call, args.label.as_deref())?.set_min_size(min);
            Ok(Reply::empty())
        })
        .command("set_max_size", |call| {
            let args: OptionalSize = call.args()?;
            let max = args.size.map(|s| size(s.width, s.height)).transpose()?;
            target(&call, args.label.as_deref())?.set_max_size(max);
            Ok(Reply::empty())
        })
        .command("set_position", |call| {
            let args: PositionArgs = call.args()?;
            let valid = |v: f64| v.is_finite() && v.abs() <= 65536.0;
            if !valid(args.x) || !valid(args.y) {
                return Err(IpcError::bad_request(
                    "a position is within ±65536 logical pixels",
                ));
            }
            target(&call, args.label.as_deref())?.set_position(args.x, args.y);
            Ok(Reply::empty())
        })
        .command("set_resizable", |call| {
            let args: Flag = call.args()?;
            target(&call, args.label.as_deref())?.set_resizable(args.value);
            Ok(Reply::empty())
        })
        .command("set_fullscreen", |call| {
            let args: Flag = call.args()?;
            target(&call, args.label.as_deref())?.set_fullscreen(args.value);
            Ok(Reply::empty())
        })
        .command("maximize", simple(WindowHandle::maximize))
        .command("unmaximize", simple(WindowHandle::unmaximize))
        .command("minimize", simple(WindowHandle::minimize))
        .command("show", simple(WindowHandle::show))
        .command("hide", simple(WindowHandle::hide))
        .command("set_focus", simple(WindowHandle::set_focus))
        .command("close", simple(WindowHandle::close))
        .command("state", |call| {
            let LabelOnly { label } = call.args()?;
            Reply::json(&target(&call, label.as_deref())?.state()?)
        })
        .command("open", |call| {
            let OpenArgs { label } = call.args()?;
            let scope = call.call_scope();
            let named = call.grant().authority().names_window(&label);
            if !scope.check_window(&label).is_allowed()
                || (named && !scope.allows_window_exactly(&label))
            {
                let why = if named {
                    "a capability names it, so only a window rule naming exactly this label opens it"
                } else {
                    "it is not in this call's window scope"
                };
                return Err(IpcError::denied(format!(
                    "the window `{label}` may not be opened here: {why}"
                )));
            }
            call.app().open_window(&label)?;
            Ok(Reply::empty())
        })
}

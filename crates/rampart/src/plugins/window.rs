//! The `window` plugin, one of the runtime's own: a page changes its own window — title, size,
//! position, state — or closes it, each command its own permission (`window:allow-set-title`,
//! ...; `window:default` reads the state only). A page never reaches another window: every
//! command acts on the window of the calling webview.

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SizeArgs {
    width: f64,
    height: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionalSize {
    size: Option<SizeArgs>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionArgs {
    x: f64,
    y: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Flag {
    value: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

/// The calling page's own window.
fn own(call: &Invocation) -> Result<WindowHandle, IpcError> {
    call.app().window(call.window_label())
}

/// A size a page asks for, in logical pixels: finite, 1 to 16384.
fn size(args: &SizeArgs) -> Result<(f64, f64), IpcError> {
    let valid = |v: f64| v.is_finite() && (1.0..=16384.0).contains(&v);
    if valid(args.width) && valid(args.height) {
        Ok((args.width, args.height))
    } else {
        Err(IpcError::bad_request(
            "a size is 1 to 16384 logical pixels each way",
        ))
    }
}

/// A command taking no arguments that does `act` to the caller's window.
fn simple(act: fn(&WindowHandle)) -> impl Fn(Invocation) -> Result<Reply, IpcError> {
    move |call| {
        let NoArgs {} = call.args()?;
        act(&own(&call)?);
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
            own(&call)?.set_title(&args.title);
            Ok(Reply::empty())
        })
        .command("set_size", |call| {
            let (width, height) = size(&call.args()?)?;
            own(&call)?.set_size(width, height);
            Ok(Reply::empty())
        })
        .command("set_min_size", |call| {
            let args: OptionalSize = call.args()?;
            let min = args.size.as_ref().map(size).transpose()?;
            own(&call)?.set_min_size(min);
            Ok(Reply::empty())
        })
        .command("set_max_size", |call| {
            let args: OptionalSize = call.args()?;
            let max = args.size.as_ref().map(size).transpose()?;
            own(&call)?.set_max_size(max);
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
            own(&call)?.set_position(args.x, args.y);
            Ok(Reply::empty())
        })
        .command("set_resizable", |call| {
            let args: Flag = call.args()?;
            own(&call)?.set_resizable(args.value);
            Ok(Reply::empty())
        })
        .command("set_fullscreen", |call| {
            let args: Flag = call.args()?;
            own(&call)?.set_fullscreen(args.value);
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
            let NoArgs {} = call.args()?;
            Reply::json(&own(&call)?.state()?)
        })
}

//! The `event` plugin: a page listens to the events a capability grants it
//! (`event:allow-listen`, with an event scope) and sends those it may (`event:allow-emit`).
//! Both are checked against the call's event scope; names are validated.

use std::sync::Arc;

use rampart_core::acl::{ScopeRule, ScopeVerdict};
use rampart_core::ipc::{ErrorCode, IpcError};
use serde::Deserialize;

use crate::command::{Command, Commands, Invocation, Reply};
use crate::events::{Listeners, checked_name};
use crate::plugin::Plugin;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventArgs {
    event: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmitArgs {
    event: String,
    #[serde(default)]
    payload: serde_json::Value,
}

/// Refuses an event name that is invalid or outside the event scope of this call. In debug
/// builds the refusal explains itself, as a command's does: which rule denied the event, or the
/// event rules there are, and the permission that would grant it.
fn require_in_scope(call: &Invocation, event: &str) -> Result<(), IpcError> {
    checked_name(event)?;
    let scope = call.scope();
    let verdict = scope.check_event(event);
    if verdict.is_allowed() {
        return Ok(());
    }
    let command = call.command();
    tracing::warn!(webview = call.webview_label(), %event, %command, "event not in scope");
    let mut message = "this event is not granted here".to_string();
    if cfg!(debug_assertions) {
        let why = match verdict {
            ScopeVerdict::Denied(deny) => format!("`{event}` is denied by {deny}"),
            _ => {
                let rules: Vec<String> = scope
                    .rules()
                    .filter(|r| matches!(r.rule, ScopeRule::Event(_)))
                    .map(|r| r.to_string())
                    .collect();
                if rules.is_empty() {
                    format!("`{event}` is matched by no event rule: this call has none")
                } else {
                    format!("`{event}` is matched by none of {}", rules.join("; "))
                }
            }
        };
        let verb = command.rsplit('|').next().unwrap_or(command);
        message = format!(
            "{message} (debug build: {why}; grant it with `{{ identifier = \"event:allow-{verb}\", allow = [{{ event = \"{event}\" }}] }}` in a capability of window `{}`)",
            call.window_label()
        );
    }
    Err(IpcError::new(ErrorCode::Denied, message))
}

/// The plugin, bound to the app's listener registry.
pub(crate) fn plugin(listeners: &Arc<Listeners>) -> Plugin {
    let (for_listen, for_unlisten) = (listeners.clone(), listeners.clone());
    // `listen` and `unlisten` only touch the registry: they answer at once. `emit` runs the
    // app's own listeners, which may take their time: on a worker.
    let quick = [
        Command::inline("listen", move |call| {
            let args: EventArgs = call.args()?;
            require_in_scope(&call, &args.event)?;
            for_listen.add(call.webview_label(), &args.event);
            Ok(Reply::empty())
        }),
        Command::inline("unlisten", move |call| {
            let args: EventArgs = call.args()?;
            for_unlisten.remove(call.webview_label(), &args.event);
            Ok(Reply::empty())
        }),
    ];
    Plugin::new("event")
        .commands(quick)
        .command("emit", |call| {
            let args: EmitArgs = call.args()?;
            require_in_scope(&call, &args.event)?;
            // Delivered like an event from Rust: only to webviews granted and listening.
            call.app()
                .emit_from(Some(call.webview_label()), None, &args.event, &args.payload)?;
            Ok(Reply::empty())
        })
}

//! The `channel` plugin: a page opens channels (`open`), pulls what a command sent into one
//! (`next`, a long poll checked like any call) and closes them (`close`). A channel is bound to
//! the webview that opened it (`crate::channel`).

use std::sync::Arc;

use serde::Deserialize;

use crate::channel::Channels;
use crate::command::{Command, Commands, Reply};
use crate::plugin::Plugin;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdArgs {
    id: String,
}

/// The plugin, bound to the app's channels.
pub(crate) fn plugin(channels: &Arc<Channels>) -> Plugin {
    let (for_open, for_next, for_close) = (channels.clone(), channels.clone(), channels.clone());
    // `open` and `close` only touch the registry: they answer at once. `next` waits for values.
    let quick = [
        Command::inline("open", move |call| {
            let id = for_open.open(call.webview_label())?;
            Reply::json(&serde_json::json!({ "id": id }))
        }),
        Command::inline("close", move |call| {
            let args: IdArgs = call.args()?;
            for_close.close(call.webview_label(), &args.id)?;
            Ok(Reply::empty())
        }),
    ];
    Plugin::new("channel")
        .commands(quick)
        .async_command("next", move |call| {
            let channels = for_next.clone();
            async move {
                let args: IdArgs = call.args()?;
                channels.pull(call.webview_label(), &args.id).await
            }
        })
}

//! The `clipboard` plugin (cargo feature `clipboard`): `write_text { text }` puts text on the
//! desktop's clipboard, `write_image` a PNG image (the request's raw bytes); `read_text` and
//! `read_image` answer what is there (text or PNG bytes, or `null`), and each is a permission
//! of its own, not in `clipboard:default`: the clipboard holds whatever the person copied
//! elsewhere. They run on the GTK thread; images are decoded and encoded in Rust
//! ([`super::clipboard_image`]).

use std::time::Duration;

use gtk::gdk;
use rampart_core::ipc::IpcError;
use serde::Deserialize;

use crate::app_handle::AppHandle;
use crate::command::{Commands, Reply};
use crate::plugin::Plugin;
use crate::plugins::clipboard_image;

/// The most text a page may copy, in bytes.
pub const MAX_TEXT: usize = 1024 * 1024;

/// How long a command waits for the GTK thread.
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteArgs {
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

/// Runs `work` on the GTK thread and waits for its result.
fn on_main<T: Send + 'static>(
    app: &AppHandle,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, IpcError> {
    app.on_main(work)
        .recv_timeout(TIMEOUT)
        .map_err(|_| IpcError::internal("the clipboard did not answer"))
}

/// The plugin.
pub fn plugin() -> Plugin {
    Plugin::new("clipboard")
        .command("write_text", |call| {
            let args: WriteArgs = call.args()?;
            if args.text.len() > MAX_TEXT {
                return Err(IpcError::too_large(format!(
                    "the clipboard takes at most {MAX_TEXT} bytes of text from a page"
                )));
            }
            on_main(call.app(), move || {
                let clipboard = gtk::Clipboard::get(&gdk::SELECTION_CLIPBOARD);
                clipboard.set_text(&args.text);
                clipboard.store();
            })?;
            Ok(Reply::empty())
        })
        .command("write_image", |mut call| {
            let png = call.take_bytes()?;
            let image = clipboard_image::decode(&png)?;
            on_main(call.app(), move || {
                let pixbuf = clipboard_image::to_pixbuf(image)?;
                let clipboard = gtk::Clipboard::get(&gdk::SELECTION_CLIPBOARD);
                clipboard.set_image(&pixbuf);
                clipboard.store();
                Ok::<(), IpcError>(())
            })??;
            Ok(Reply::empty())
        })
        .command("read_image", |call| {
            let NoArgs {} = call.args()?;
            let png = on_main(call.app(), || {
                gtk::Clipboard::get(&gdk::SELECTION_CLIPBOARD)
                    .wait_for_image()
                    .map(|pixbuf| clipboard_image::encode(&pixbuf))
                    .transpose()
            })??;
            match png {
                Some(png) => Ok(Reply::Bytes(png)),
                None => Reply::json(&None::<()>),
            }
        })
        .command("read_text", |call| {
            let NoArgs {} = call.args()?;
            let text = on_main(call.app(), || {
                gtk::Clipboard::get(&gdk::SELECTION_CLIPBOARD)
                    .wait_for_text()
                    .map(|text| text.to_string())
            })?;
            Reply::json(&text)
        })
}

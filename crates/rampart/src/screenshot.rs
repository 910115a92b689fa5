//! Captures a window's contents as a PNG ([`AppHandle::save_screenshot`](crate::AppHandle::save_screenshot)).

use std::path::Path;

use gtk::prelude::*;
use tao::platform::unix::WindowExtUnix;
use tao::window::Window;

/// Reads the pixels of `window` from the window system and writes them to `path` as PNG.
/// Runs on the GTK thread.
pub(crate) fn save_png(window: &Window, path: &Path) -> Result<(), String> {
    let gdk_window = window
        .gtk_window()
        .window()
        .ok_or("the window is not on screen yet")?;
    let (width, height) = (gdk_window.width(), gdk_window.height());
    let pixbuf = gdk_window
        .pixbuf(0, 0, width, height)
        .ok_or("the window system returned no pixels for the window")?;
    pixbuf
        .savev(path, "png", &[])
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

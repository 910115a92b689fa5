//! The tray icon (cargo feature `tray`), built with [tray-icon](https://docs.rs/tray-icon),
//! re-exported here, and shown through the desktop's AppIndicator library
//! (`libayatana-appindicator3.so.1`, Debian package `libayatana-appindicator3-1`). Its menu is a
//! [`crate::menu::Menu`]: a chosen item reaches the menu hooks and the pages as any menu item's.

pub use tray_icon::{BadIcon, Error, Icon, TrayIcon, TrayIconBuilder};

/// The AppIndicator libraries tray-icon loads, in its order of preference.
const LIBRARIES: [&str; 4] = [
    "libayatana-appindicator3.so.1",
    "libappindicator3.so.1",
    "libayatana-appindicator3.so",
    "libappindicator3.so",
];

/// Builds the tray icon, on the GTK thread once it is ready ([`crate::Builder::tray`]).
pub(crate) type TrayBuild = dyn FnOnce() -> Result<TrayIcon, Box<dyn std::error::Error>>;

/// Whether this machine can show a tray icon: one of the AppIndicator libraries loads.
pub fn is_supported() -> bool {
    LIBRARIES.iter().any(|name| {
        let Ok(name) = std::ffi::CString::new(*name) else {
            return false;
        };
        // SAFETY: dlopen with a NUL-terminated name; the handle is closed at once. Loading
        // runs the library's initialisers, which tray-icon would run anyway.
        #[allow(unsafe_code)]
        unsafe {
            let handle = libc::dlopen(name.as_ptr(), libc::RTLD_LAZY | libc::RTLD_LOCAL);
            if handle.is_null() {
                false
            } else {
                libc::dlclose(handle);
                true
            }
        }
    })
}

/// Builds the tray icon with `build`, where the machine supports one: without the library the
/// app runs without it (tray-icon would abort), and says so.
pub(crate) fn start(build: Box<TrayBuild>) -> Result<Option<TrayIcon>, String> {
    if !is_supported() {
        tracing::warn!(
            "no tray icon: the AppIndicator library is not installed (Debian: apt install libayatana-appindicator3-1)"
        );
        return Ok(None);
    }
    build()
        .map(Some)
        .map_err(|e| format!("cannot build the tray icon: {e}"))
}

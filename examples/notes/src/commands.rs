//! The app's one command: what the page needs to know about the app. The notes themselves are
//! files the page reads and writes through the fs plugin, within the capability's scope.

use std::path::PathBuf;

use rampart::State;
use serde::Serialize;

use crate::tour::Tour;

/// Where the notes are kept: `$APPDATA/notes`.
pub struct NotesFolder(pub PathBuf);

/// What the page shows about the app.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    notes_folder: String,
    version: &'static str,
    tour: bool,
}

/// The app's information.
#[rampart::command]
pub fn app_info(folder: State<NotesFolder>, tour: State<Tour>) -> AppInfo {
    AppInfo {
        notes_folder: folder.0.display().to_string(),
        version: env!("CARGO_PKG_VERSION"),
        tour: tour.is_running(),
    }
}

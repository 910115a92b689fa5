//! The app's commands: what the page may ask for. Each one that touches a file checks that
//! file against the path scope its call was granted (`permissions/notes.toml`).

use std::path::Path;

use rampart::{CallScope, ErrorCode, IpcError, State};
use serde::Serialize;

use crate::store::{Note, NoteStore, NoteSummary, StoreError};
use crate::tour::Tour;

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> IpcError {
        match error {
            StoreError::NotFound => IpcError::new(ErrorCode::NotFound, "there is no such note"),
            StoreError::Invalid(message) => IpcError::new(ErrorCode::BadRequest, message),
            StoreError::Io(message) => IpcError::new(ErrorCode::Internal, message),
        }
    }
}

/// Refuses a path outside the scope of this call.
fn require_in_scope(scope: &CallScope, path: &Path) -> Result<(), IpcError> {
    let outside = || IpcError::new(ErrorCode::Denied, "this file is outside the notes folder");
    let text = path.to_str().ok_or_else(outside)?;
    let checked = scope.path(text).map_err(|_| outside())?;
    if scope.check_path(&checked).is_allowed() {
        Ok(())
    } else {
        Err(outside())
    }
}

/// What the page shows in its footer, and whether it runs the scripted tour.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    notes_folder: String,
    version: &'static str,
    tour: bool,
}

/// The app's information.
#[rampart::command]
pub fn app_info(store: State<NoteStore>, tour: State<Tour>) -> AppInfo {
    AppInfo {
        notes_folder: store.dir().display().to_string(),
        version: env!("CARGO_PKG_VERSION"),
        tour: tour.is_running(),
    }
}

/// Every note, most recent first.
#[rampart::command]
pub fn list_notes(scope: CallScope, store: State<NoteStore>) -> Result<Vec<NoteSummary>, IpcError> {
    require_in_scope(&scope, store.dir())?;
    Ok(store.list()?)
}

/// The notes that contain `query`.
#[rampart::command]
pub fn search_notes(
    scope: CallScope,
    store: State<NoteStore>,
    query: String,
) -> Result<Vec<NoteSummary>, IpcError> {
    require_in_scope(&scope, store.dir())?;
    Ok(store.search(&query)?)
}

/// One note.
#[rampart::command]
pub fn read_note(scope: CallScope, store: State<NoteStore>, id: String) -> Result<Note, IpcError> {
    require_in_scope(&scope, &store.path_of(&id)?)?;
    Ok(store.read(&id)?)
}

/// Saves a note: a new one when `id` is absent.
#[rampart::command]
pub fn save_note(
    scope: CallScope,
    store: State<NoteStore>,
    id: Option<String>,
    title: String,
    body: String,
) -> Result<Note, IpcError> {
    let target = store.target(id);
    require_in_scope(&scope, &store.path_of(target.id())?)?;
    Ok(store.save(&target, &title, &body)?)
}

/// Deletes a note.
#[rampart::command]
pub fn delete_note(scope: CallScope, store: State<NoteStore>, id: String) -> Result<(), IpcError> {
    require_in_scope(&scope, &store.path_of(&id)?)?;
    Ok(store.delete(&id)?)
}

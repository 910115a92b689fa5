//! The app's commands: what the page may ask for. Every file they touch is reached through the
//! call's scope (`permissions/notes.toml`): checked, then opened beneath the notes folder without
//! following symlinks. Nothing here calls `std::fs` on a path a page had a say in.

use std::io::{Read, Write};

use rampart::{CallScope, ErrorCode, IpcError, OpenOptions, State};
use serde::Serialize;

use crate::store::{Folder, Note, NoteStore, NoteSummary, StoreError};
use crate::tour::Tour;

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> IpcError {
        match error {
            StoreError::NotFound => IpcError::new(ErrorCode::NotFound, "there is no such note"),
            StoreError::Invalid(message) => IpcError::new(ErrorCode::BadRequest, message),
            StoreError::Denied(message) => IpcError::new(ErrorCode::Denied, message),
            StoreError::Io(message) => IpcError::new(ErrorCode::Internal, message),
        }
    }
}

/// The notes folder as this call's scope lets it be reached.
struct ScopedFolder<'s> {
    scope: &'s CallScope,
    /// The notes folder, as the scope reads paths.
    dir: String,
}

impl<'s> ScopedFolder<'s> {
    fn new(scope: &'s CallScope, store: &NoteStore) -> Result<ScopedFolder<'s>, IpcError> {
        let dir = store
            .dir()
            .to_str()
            .ok_or_else(|| IpcError::internal("the notes folder is not a UTF-8 path"))?;
        Ok(ScopedFolder {
            scope,
            dir: dir.to_string(),
        })
    }

    fn file(&self, name: &str) -> String {
        format!("{}/{name}", self.dir)
    }
}

/// The store's error for the scope's refusal.
fn store_error(error: IpcError) -> StoreError {
    match error.code {
        ErrorCode::NotFound => StoreError::NotFound,
        ErrorCode::Denied => StoreError::Denied(error.message),
        ErrorCode::BadRequest => StoreError::Invalid(error.message),
        _ => StoreError::Io(error.message),
    }
}

fn io_error(error: std::io::Error) -> StoreError {
    StoreError::Io(error.to_string())
}

impl Folder for ScopedFolder<'_> {
    fn create(&self) -> Result<(), StoreError> {
        match self.scope.create_dir(&self.dir) {
            Ok(()) => Ok(()),
            Err(_) if self.scope.metadata(&self.dir).is_ok_and(|m| m.is_dir()) => Ok(()),
            Err(error) => Err(store_error(error)),
        }
    }

    fn names(&self) -> Result<Vec<String>, StoreError> {
        match self.scope.read_dir(&self.dir) {
            Ok(entries) => Ok(entries
                .into_iter()
                .filter(|entry| entry.file_type.is_file())
                .map(|entry| entry.name)
                .collect()),
            Err(error) if error.code == ErrorCode::NotFound => Ok(Vec::new()),
            Err(error) => Err(store_error(error)),
        }
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        let mut file = self
            .scope
            .open(&self.file(name), OpenOptions::new().read(true))
            .map_err(store_error)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(io_error)?;
        Ok(bytes)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let options = *OpenOptions::new().write(true).create(true).truncate(true);
        let mut file = self
            .scope
            .open(&self.file(name), &options)
            .map_err(store_error)?;
        file.write_all(bytes).map_err(io_error)?;
        file.sync_all().map_err(io_error)
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), StoreError> {
        self.scope
            .rename(&self.file(from), &self.file(to))
            .map_err(store_error)
    }

    fn remove(&self, name: &str) -> Result<(), StoreError> {
        self.scope
            .remove_file(&self.file(name))
            .map_err(store_error)
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
    Ok(store.list(&ScopedFolder::new(&scope, &store)?)?)
}

/// The notes that contain `query`.
#[rampart::command]
pub fn search_notes(
    scope: CallScope,
    store: State<NoteStore>,
    query: String,
) -> Result<Vec<NoteSummary>, IpcError> {
    Ok(store.search(&ScopedFolder::new(&scope, &store)?, &query)?)
}

/// One note.
#[rampart::command]
pub fn read_note(scope: CallScope, store: State<NoteStore>, id: String) -> Result<Note, IpcError> {
    Ok(store.read(&ScopedFolder::new(&scope, &store)?, &id)?)
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
    let folder = ScopedFolder::new(&scope, &store)?;
    Ok(store.save(&folder, &store.target(id), &title, &body)?)
}

/// Deletes a note.
#[rampart::command]
pub fn delete_note(scope: CallScope, store: State<NoteStore>, id: String) -> Result<(), IpcError> {
    Ok(store.delete(&ScopedFolder::new(&scope, &store)?, &id)?)
}

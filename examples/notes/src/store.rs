//! The notes, one JSON file each in the app's data folder (`$APPDATA/notes/<id>.json`).
//!
//! The store reaches its files through a [`Folder`]: in the app, the folder as the call's scope
//! opens it (`commands::ScopedFolder`), so every file is checked and opened beneath the notes
//! folder without following symlinks, and a mistake here could not reach another file. Ids are
//! made here and checked on the way in (lowercase letters, digits and `-`), so a page cannot
//! name a file of its choosing either.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The longest title a note may have, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// The largest body a note may have, in bytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// How much of a body the list shows.
const EXCERPT_CHARS: usize = 120;

/// One note, as stored and as a page receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// Its id (also its file name).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// When it was last saved, in milliseconds since 1970.
    pub updated: u64,
}

/// A note in a list: no full body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The start of its body.
    pub excerpt: String,
    /// When it was last saved, in milliseconds since 1970.
    pub updated: u64,
}

/// Why a store operation failed.
#[derive(Debug, PartialEq, Eq)]
pub enum StoreError {
    /// There is no note with this id (or no such file).
    NotFound,
    /// The request was wrong: what, in words for the user.
    Invalid(String),
    /// The scope refused the file: what, in words for the user.
    Denied(String),
    /// The disk failed us.
    Io(String),
}

/// The notes folder's files, by name: what the store needs of a folder.
pub trait Folder {
    /// Creates the folder if it does not exist.
    fn create(&self) -> Result<(), StoreError>;
    /// The names of the files in it (an absent folder has none).
    fn names(&self) -> Result<Vec<String>, StoreError>;
    /// The contents of the file `name`; [`StoreError::NotFound`] if there is none.
    fn read(&self, name: &str) -> Result<Vec<u8>, StoreError>;
    /// Writes the file `name`, created or replaced.
    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError>;
    /// Renames the file `from` to `to`, replacing `to`.
    fn rename(&self, from: &str, to: &str) -> Result<(), StoreError>;
    /// Removes the file `name`; [`StoreError::NotFound`] if there is none.
    fn remove(&self, name: &str) -> Result<(), StoreError>;
}

/// Which note a save writes: a new one under a fresh id, or the one being edited. Chosen before
/// saving, so the command can check the very file that will be written.
pub enum Target {
    /// A new note, with the id the store made for it.
    New(String),
    /// The existing note with this id.
    Edit(String),
}

impl Target {
    /// The id of the note the save writes.
    pub fn id(&self) -> &str {
        match self {
            Target::New(id) | Target::Edit(id) => id,
        }
    }
}

/// The notes folder.
pub struct NoteStore {
    dir: PathBuf,
    /// Serializes writes and deletes.
    writing: Mutex<()>,
    /// Makes ids unique within a millisecond.
    counter: AtomicU64,
}

impl NoteStore {
    /// The store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> NoteStore {
        NoteStore {
            dir: dir.into(),
            writing: Mutex::new(()),
            counter: AtomicU64::new(0),
        }
    }

    /// The notes folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name of note `id`, once `id` is known to be one this store could have made.
    pub fn file_of(id: &str) -> Result<String, StoreError> {
        let valid = !id.is_empty()
            && id.len() <= 40
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(StoreError::Invalid(format!("`{id}` is not a note id")));
        }
        Ok(format!("{id}.json"))
    }

    /// Every note, most recently saved first.
    pub fn list(&self, folder: &impl Folder) -> Result<Vec<NoteSummary>, StoreError> {
        let mut notes = self.all(folder)?;
        notes.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
        Ok(notes.iter().map(summary).collect())
    }

    /// The notes whose title or body contains `query` (ignoring case), most recent first.
    pub fn search(
        &self,
        folder: &impl Folder,
        query: &str,
    ) -> Result<Vec<NoteSummary>, StoreError> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(StoreError::Invalid(format!(
                "a search is at most {MAX_QUERY_CHARS} characters"
            )));
        }
        let needle = query.trim().to_lowercase();
        let mut found = self.list(folder)?;
        if needle.is_empty() {
            return Ok(found);
        }
        let matching: Vec<String> = self
            .all(folder)?
            .into_iter()
            .filter(|n| {
                n.title.to_lowercase().contains(&needle) || n.body.to_lowercase().contains(&needle)
            })
            .map(|n| n.id)
            .collect();
        found.retain(|n| matching.contains(&n.id));
        Ok(found)
    }

    /// Note `id`.
    pub fn read(&self, folder: &impl Folder, id: &str) -> Result<Note, StoreError> {
        let name = Self::file_of(id)?;
        let bytes = folder.read(&name)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| StoreError::Io(format!("the note {name} is damaged: {e}")))
    }

    /// Where a save with `id` goes: that note, or a new one when `id` is None.
    pub fn target(&self, id: Option<String>) -> Target {
        match id {
            Some(id) => Target::Edit(id),
            None => Target::New(self.new_id()),
        }
    }

    /// Saves the note `target`. Returns it as saved.
    pub fn save(
        &self,
        folder: &impl Folder,
        target: &Target,
        title: &str,
        body: &str,
    ) -> Result<Note, StoreError> {
        let title = title.trim();
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(StoreError::Invalid(format!(
                "a title is at most {MAX_TITLE_CHARS} characters"
            )));
        }
        if body.len() > MAX_BODY_BYTES {
            return Err(StoreError::Invalid(format!(
                "a note is at most {} KiB",
                MAX_BODY_BYTES / 1024
            )));
        }
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        if let Target::Edit(id) = target {
            // Editing: the note must exist.
            self.read(folder, id)?;
        }
        let note = Note {
            id: target.id().to_string(),
            title: if title.is_empty() { "Untitled" } else { title }.to_string(),
            body: body.to_string(),
            updated: now_millis(),
        };
        let name = Self::file_of(&note.id)?;
        folder.create()?;
        let text = serde_json::to_vec_pretty(&note)
            .map_err(|e| StoreError::Io(format!("cannot encode the note: {e}")))?;
        // Write beside it, then rename: a crash never leaves half a note. (`<id>.partial.json`
        // is no note id, so a list skips it.)
        let partial = format!("{}.partial.json", note.id);
        folder.write(&partial, &text)?;
        folder.rename(&partial, &name)?;
        Ok(note)
    }

    /// Deletes note `id`.
    pub fn delete(&self, folder: &impl Folder, id: &str) -> Result<(), StoreError> {
        let name = Self::file_of(id)?;
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        folder.remove(&name)
    }

    fn all(&self, folder: &impl Folder) -> Result<Vec<Note>, StoreError> {
        let mut notes = Vec::new();
        for name in folder.names()? {
            let Some(id) = name.strip_suffix(".json") else {
                continue;
            };
            match self.read(folder, id) {
                Ok(note) => notes.push(note),
                // A stray or damaged file is skipped, not fatal to the list.
                Err(error) => eprintln!("notes: skipping {name}: {error:?}"),
            }
        }
        Ok(notes)
    }

    fn new_id(&self) -> String {
        let count = self.counter.fetch_add(1, Ordering::Relaxed);
        format!("{:x}-{count:x}", now_millis())
    }
}

fn summary(note: &Note) -> NoteSummary {
    NoteSummary {
        id: note.id.clone(),
        title: note.title.clone(),
        excerpt: note.body.chars().take(EXCERPT_CHARS).collect(),
        updated: note.updated,
    }
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::io::ErrorKind;

    use super::*;

    /// A folder of the test's own on disk: the app never uses one (it goes through the scope).
    struct TestFolder(PathBuf);

    fn io(error: std::io::Error) -> StoreError {
        match error.kind() {
            ErrorKind::NotFound => StoreError::NotFound,
            _ => StoreError::Io(error.to_string()),
        }
    }

    impl Folder for TestFolder {
        fn create(&self) -> Result<(), StoreError> {
            fs::create_dir_all(&self.0).map_err(io)
        }
        fn names(&self) -> Result<Vec<String>, StoreError> {
            match fs::read_dir(&self.0) {
                Ok(entries) => Ok(entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(Vec::new()),
                Err(e) => Err(io(e)),
            }
        }
        fn read(&self, name: &str) -> Result<Vec<u8>, StoreError> {
            fs::read(self.0.join(name)).map_err(io)
        }
        fn write(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
            fs::write(self.0.join(name), bytes).map_err(io)
        }
        fn rename(&self, from: &str, to: &str) -> Result<(), StoreError> {
            fs::rename(self.0.join(from), self.0.join(to)).map_err(io)
        }
        fn remove(&self, name: &str) -> Result<(), StoreError> {
            fs::remove_file(self.0.join(name)).map_err(io)
        }
    }

    fn store(name: &str) -> (NoteStore, TestFolder) {
        let dir = std::env::temp_dir().join(format!("rampart-notes-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        (NoteStore::new(&dir), TestFolder(dir))
    }

    #[test]
    fn save_edit_search_delete() {
        let (store, folder) = store("cycle");
        let groceries = store
            .save(&folder, &store.target(None), "Groceries", "milk, eggs")
            .expect("saved");
        store
            .save(&folder, &store.target(None), "Ideas", "a notes app")
            .expect("saved");
        let edited = store
            .save(
                &folder,
                &store.target(Some(groceries.id.clone())),
                "Groceries",
                "milk, eggs, bread",
            )
            .expect("edited");
        assert_eq!(store.read(&folder, &groceries.id).expect("read"), edited);
        assert_eq!(store.list(&folder).expect("list").len(), 2);
        let found = store.search(&folder, "BREAD").expect("search");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, groceries.id);
        store.delete(&folder, &groceries.id).expect("deleted");
        assert_eq!(
            store.read(&folder, &groceries.id),
            Err(StoreError::NotFound)
        );
        assert_eq!(store.list(&folder).expect("list").len(), 1);
    }

    #[test]
    fn ids_cannot_name_other_files() {
        let (store, folder) = store("ids");
        for id in [
            "../secret",
            "..",
            "a/b",
            "",
            "A",
            "x.json",
            &"a".repeat(41),
            "a\0b",
        ] {
            assert!(
                matches!(NoteStore::file_of(id), Err(StoreError::Invalid(_))),
                "{id:?} was accepted"
            );
            assert!(store.read(&folder, id).is_err());
            assert!(store.delete(&folder, id).is_err());
        }
    }

    #[test]
    fn limits_are_errors_the_user_can_read() {
        let (store, folder) = store("limits");
        let long_title = "t".repeat(MAX_TITLE_CHARS + 1);
        assert!(
            matches!(store.save(&folder, &store.target(None), &long_title, ""), Err(StoreError::Invalid(m)) if m.contains("200"))
        );
        let big = "b".repeat(MAX_BODY_BYTES + 1);
        assert!(matches!(
            store.save(&folder, &store.target(None), "big", &big),
            Err(StoreError::Invalid(_))
        ));
        let query = "q".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(
            store.search(&folder, &query),
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            store.save(&folder, &store.target(Some("missing".into())), "x", ""),
            Err(StoreError::NotFound)
        ));
    }
}

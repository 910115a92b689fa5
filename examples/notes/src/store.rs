//! The notes, one JSON file each in the app's data folder (`$APPDATA/notes/<id>.json`).
//!
//! Ids are made here and checked on the way in (lowercase letters, digits and `-`), so a page
//! cannot name a file of its choosing; the commands also check every path against the call's
//! scope, so a mistake here would still not reach a file outside the notes folder.

use std::fs;
use std::io::ErrorKind;
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
    /// There is no note with this id.
    NotFound,
    /// The request was wrong: what, in words for the user.
    Invalid(String),
    /// The disk failed us.
    Io(String),
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

    /// The file of note `id`, once `id` is known to be one this store could have made.
    pub fn path_of(&self, id: &str) -> Result<PathBuf, StoreError> {
        let valid = !id.is_empty()
            && id.len() <= 40
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(StoreError::Invalid(format!("`{id}` is not a note id")));
        }
        Ok(self.dir.join(format!("{id}.json")))
    }

    /// Every note, most recently saved first.
    pub fn list(&self) -> Result<Vec<NoteSummary>, StoreError> {
        let mut notes = self.all()?;
        notes.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
        Ok(notes.iter().map(summary).collect())
    }

    /// The notes whose title or body contains `query` (ignoring case), most recent first.
    pub fn search(&self, query: &str) -> Result<Vec<NoteSummary>, StoreError> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(StoreError::Invalid(format!(
                "a search is at most {MAX_QUERY_CHARS} characters"
            )));
        }
        let needle = query.trim().to_lowercase();
        let mut found = self.list()?;
        if needle.is_empty() {
            return Ok(found);
        }
        let matching: Vec<String> = self
            .all()?
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
    pub fn read(&self, id: &str) -> Result<Note, StoreError> {
        let path = self.path_of(id)?;
        let text = fs::read_to_string(&path).map_err(|e| match e.kind() {
            ErrorKind::NotFound => StoreError::NotFound,
            _ => io_error(&path, &e),
        })?;
        serde_json::from_str(&text)
            .map_err(|e| StoreError::Io(format!("{} is damaged: {e}", path.display())))
    }

    /// Where a save with `id` goes: that note, or a new one when `id` is None.
    pub fn target(&self, id: Option<String>) -> Target {
        match id {
            Some(id) => Target::Edit(id),
            None => Target::New(self.new_id()),
        }
    }

    /// Saves the note `target`. Returns it as saved.
    pub fn save(&self, target: &Target, title: &str, body: &str) -> Result<Note, StoreError> {
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
            self.read(id)?;
        }
        let note = Note {
            id: target.id().to_string(),
            title: if title.is_empty() { "Untitled" } else { title }.to_string(),
            body: body.to_string(),
            updated: now_millis(),
        };
        let path = self.path_of(&note.id)?;
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, &e))?;
        let text = serde_json::to_vec_pretty(&note)
            .map_err(|e| StoreError::Io(format!("cannot encode the note: {e}")))?;
        // Write beside it, then rename: a crash never leaves half a note.
        let partial = path.with_extension("json.partial");
        fs::write(&partial, text).map_err(|e| io_error(&partial, &e))?;
        fs::rename(&partial, &path).map_err(|e| io_error(&path, &e))?;
        Ok(note)
    }

    /// Deletes note `id`.
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        let path = self.path_of(id)?;
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        fs::remove_file(&path).map_err(|e| match e.kind() {
            ErrorKind::NotFound => StoreError::NotFound,
            _ => io_error(&path, &e),
        })
    }

    fn all(&self) -> Result<Vec<Note>, StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&self.dir, &e)),
        };
        let mut notes = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            match self.read(id) {
                Ok(note) => notes.push(note),
                // A stray or damaged file is skipped, not fatal to the list.
                Err(error) => eprintln!("notes: skipping {}: {error:?}", entry.path().display()),
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

fn io_error(path: &Path, error: &std::io::Error) -> StoreError {
    StoreError::Io(format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(name: &str) -> NoteStore {
        let dir = std::env::temp_dir().join(format!("rampart-notes-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        NoteStore::new(dir)
    }

    #[test]
    fn save_edit_search_delete() {
        let store = store("cycle");
        let groceries = store
            .save(&store.target(None), "Groceries", "milk, eggs")
            .expect("saved");
        store
            .save(&store.target(None), "Ideas", "a notes app")
            .expect("saved");
        let edited = store
            .save(
                &store.target(Some(groceries.id.clone())),
                "Groceries",
                "milk, eggs, bread",
            )
            .expect("edited");
        assert_eq!(store.read(&groceries.id).expect("read"), edited);
        assert_eq!(store.list().expect("list").len(), 2);
        let found = store.search("BREAD").expect("search");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, groceries.id);
        store.delete(&groceries.id).expect("deleted");
        assert_eq!(store.read(&groceries.id), Err(StoreError::NotFound));
        assert_eq!(store.list().expect("list").len(), 1);
    }

    #[test]
    fn ids_cannot_name_other_files() {
        let store = store("ids");
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
                matches!(store.path_of(id), Err(StoreError::Invalid(_))),
                "{id:?} was accepted"
            );
            assert!(store.read(id).is_err());
            assert!(store.delete(id).is_err());
        }
    }

    #[test]
    fn limits_are_errors_the_user_can_read() {
        let store = store("limits");
        let long_title = "t".repeat(MAX_TITLE_CHARS + 1);
        assert!(
            matches!(store.save(&store.target(None), &long_title, ""), Err(StoreError::Invalid(m)) if m.contains("200"))
        );
        let big = "b".repeat(MAX_BODY_BYTES + 1);
        assert!(matches!(
            store.save(&store.target(None), "big", &big),
            Err(StoreError::Invalid(_))
        ));
        let query = "q".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(store.search(&query), Err(StoreError::Invalid(_))));
        assert!(matches!(
            store.save(&store.target(Some("missing".into())), "x", ""),
            Err(StoreError::NotFound)
        ));
    }
}

//! What each webview holds between calls — open files, watches, processes, requests — by id:
//! looked up only among the caller's own (another webview's id reads as unknown), bounded per
//! webview, and emptied when its page goes away. The limit is checked and the entry kept under
//! one lock, so calls made at once cannot hold more than the limit.

// The fs, shell and http plugins use the table; a build without some of them uses less of it.
#![cfg_attr(
    not(all(feature = "fs", feature = "shell", feature = "http")),
    allow(dead_code)
)]

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rampart_core::ipc::IpcError;

/// Entries of `T` by webview, then by id.
pub(crate) struct PageTable<T> {
    by_webview: Mutex<HashMap<String, HashMap<String, T>>>,
}

impl<T> Default for PageTable<T> {
    fn default() -> Self {
        PageTable {
            by_webview: Mutex::default(),
        }
    }
}

impl<T: Clone> PageTable<T> {
    /// The table. Each operation leaves it whole, so a panic elsewhere while it was held does
    /// not make it unusable.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, HashMap<String, T>>> {
        self.by_webview
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps `value` as `webview`'s `id`, unless the webview already holds `max` entries or
    /// one under that id: then `value` comes back.
    pub(crate) fn insert(&self, webview: &str, id: &str, value: T, max: usize) -> Result<(), T> {
        let mut table = self.lock();
        let held = table.entry(webview.to_string()).or_default();
        if held.len() >= max || held.contains_key(id) {
            return Err(value);
        }
        held.insert(id.to_string(), value);
        Ok(())
    }

    /// How many entries `webview` holds.
    pub(crate) fn len(&self, webview: &str) -> usize {
        self.lock().get(webview).map_or(0, HashMap::len)
    }

    /// `webview`'s entry `id`.
    pub(crate) fn get(&self, webview: &str, id: &str) -> Option<T> {
        self.lock().get(webview)?.get(id).cloned()
    }

    /// Takes `webview`'s entry `id` out.
    pub(crate) fn remove(&self, webview: &str, id: &str) -> Option<T> {
        self.lock().get_mut(webview)?.remove(id)
    }

    /// Takes `webview`'s entry `id` out if `is_it` says it is the one meant (an id a page
    /// chose may have been given to a newer entry since).
    pub(crate) fn remove_if(&self, webview: &str, id: &str, is_it: impl FnOnce(&T) -> bool) {
        let mut table = self.lock();
        if let Some(held) = table.get_mut(webview)
            && held.get(id).is_some_and(is_it)
        {
            held.remove(id);
        }
    }

    /// Takes every entry of `webview` out (its page is going away).
    pub(crate) fn take_all(&self, webview: &str) -> Vec<T> {
        self.lock()
            .remove(webview)
            .map(|held| held.into_values().collect())
            .unwrap_or_default()
    }
}

/// A fresh id: 128 random bits, in hex; `what` names it in the error.
pub(crate) fn random_id(what: &str) -> Result<String, IpcError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| IpcError::internal(format!("no randomness for {what}: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// An id a page sent, for an error message: at most 64 characters, escaped.
pub(crate) fn shown_id(id: &str) -> String {
    id.chars()
        .take(64)
        .collect::<String>()
        .escape_debug()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_per_webview_and_bounded() {
        let table = PageTable::default();
        assert_eq!(table.insert("main", "a", 1, 2), Ok(()));
        assert_eq!(table.insert("main", "a", 9, 2), Err(9), "the same id");
        assert_eq!(table.insert("main", "b", 2, 2), Ok(()));
        assert_eq!(table.insert("main", "c", 3, 2), Err(3), "over the limit");
        assert_eq!(table.insert("settings", "c", 3, 2), Ok(()));
        assert_eq!((table.len("main"), table.len("settings")), (2, 1));
        assert_eq!(table.get("settings", "a"), None, "another webview's");
        table.remove_if("main", "a", |v| *v == 7);
        assert_eq!(table.get("main", "a"), Some(1), "not the one meant");
        assert_eq!(table.remove("main", "a"), Some(1));
        let mut left = table.take_all("main");
        left.sort();
        assert_eq!(left, [2]);
        assert_eq!(table.get("main", "b"), None);
        assert_eq!(random_id("x").map(|id| id.len()), Ok(32));
        assert_eq!(shown_id(&"\n".repeat(100)), "\\n".repeat(64));
    }
}

//! Paths a person picked in a dialog: granted to the webview that showed the dialog, for the
//! rest of the run, as literal path rules (never globs) added to its path scopes.
//!
//! A picked file grants that file; a picked directory grants the directory itself, and with
//! `recursive` what lies beneath it (not its dotfiles, as every `**` rule). Deny rules of the
//! configuration still win. Another webview never sees them; the app lists and revokes them
//! with [`AppHandle::picked_paths`](crate::AppHandle::picked_paths) and
//! [`AppHandle::revoke_picked`](crate::AppHandle::revoke_picked).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rampart_core::acl::ScopeRule;
use rampart_core::scope::{BaseDirs, CheckedPath, PathPattern};
use serde::Serialize;

/// The most paths one webview may hold from dialogs.
#[cfg(feature = "dialog")]
pub const MAX_PICKS: usize = 4096;

/// A path a person picked, as the app lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PickedPath {
    /// The path picked (symbolic links resolved).
    pub path: PathBuf,
    /// Whether what lies beneath it is granted too (a directory picked with `recursive`).
    pub recursive: bool,
}

/// One webview's picks, and the rules they make.
#[derive(Default)]
struct PageGrants {
    picked: Vec<PickedPath>,
    /// Extended on each pick (copied first only while a call holds a snapshot), rebuilt on a
    /// revocation; each call takes a cheap snapshot.
    rules: Arc<Vec<ScopeRule>>,
}

/// The picks of every webview, by label.
#[derive(Default)]
pub(crate) struct Picks {
    by_webview: Mutex<HashMap<String, PageGrants>>,
    /// The rules of a webview without picks, shared: a call takes them without allocating.
    none: Arc<Vec<ScopeRule>>,
}

impl Picks {
    /// Grants `path` (absolute, normalised, symbolic links resolved) to `webview`.
    #[cfg(feature = "dialog")]
    pub(crate) fn add(
        &self,
        webview: &str,
        path: &CheckedPath,
        recursive: bool,
    ) -> Result<(), String> {
        let mut table = self
            .by_webview
            .lock()
            .map_err(|_| "the table of picked paths is unusable".to_string())?;
        let grants = table.entry(webview.to_string()).or_default();
        let picked = PickedPath {
            path: path.as_path().to_path_buf(),
            recursive,
        };
        if grants.picked.contains(&picked) {
            return Ok(());
        }
        if grants.picked.len() >= MAX_PICKS {
            return Err(format!(
                "this webview already holds {MAX_PICKS} picked paths"
            ));
        }
        Arc::make_mut(&mut grants.rules).extend(rules_of(std::slice::from_ref(&picked)));
        grants.picked.push(picked);
        Ok(())
    }

    /// The rules `webview`'s picks make, as a snapshot.
    pub(crate) fn rules(&self, webview: &str) -> Arc<Vec<ScopeRule>> {
        self.by_webview
            .lock()
            .ok()
            .and_then(|table| table.get(webview).map(|g| g.rules.clone()))
            .unwrap_or_else(|| self.none.clone())
    }

    /// `webview`'s picks.
    pub(crate) fn list(&self, webview: &str) -> Vec<PickedPath> {
        self.by_webview
            .lock()
            .ok()
            .and_then(|table| table.get(webview).map(|g| g.picked.clone()))
            .unwrap_or_default()
    }

    /// Takes back `path` from `webview`; whether it held it.
    pub(crate) fn revoke(&self, webview: &str, path: &std::path::Path) -> bool {
        let Ok(mut table) = self.by_webview.lock() else {
            return false;
        };
        let Some(grants) = table.get_mut(webview) else {
            return false;
        };
        let before = grants.picked.len();
        grants.picked.retain(|p| p.path != path);
        grants.rules = Arc::new(rules_of(&grants.picked));
        grants.picked.len() != before
    }
}

/// The path rules of `picked`: each path as a literal, and a directory's subtree when asked.
fn rules_of(picked: &[PickedPath]) -> Vec<ScopeRule> {
    let mut rules = Vec::new();
    for pick in picked {
        let Some(path) = pick
            .path
            .to_str()
            .and_then(|text| CheckedPath::new(text, &BaseDirs::default()).ok())
        else {
            continue;
        };
        rules.push(ScopeRule::Path(PathPattern::literal(&path)));
        if pick.recursive
            && let Ok(subtree) = PathPattern::subtree(&path)
        {
            rules.push(ScopeRule::Path(subtree));
        }
    }
    rules
}

#[cfg(all(test, feature = "dialog"))]
mod tests {
    use super::*;

    fn checked(text: &str) -> CheckedPath {
        CheckedPath::new(text, &BaseDirs::default()).expect("an absolute path")
    }

    /// Picks `path` for `webview`, which must succeed.
    fn pick(picks: &Picks, webview: &str, path: &str, recursive: bool) {
        picks
            .add(webview, &checked(path), recursive)
            .expect("added");
    }

    /// Whether `rules` grant `path`.
    fn grants(rules: &[ScopeRule], path: &str) -> bool {
        let path = checked(path);
        rules
            .iter()
            .any(|rule| matches!(rule, ScopeRule::Path(pattern) if pattern.matches(&path)))
    }

    #[test]
    fn each_pick_adds_its_rules_and_a_snapshot_taken_before_keeps_its_own() {
        let picks = Picks::default();
        pick(&picks, "main", "/home/me/photo.png", false);
        let before = picks.rules("main");
        pick(&picks, "main", "/home/me/docs", true);
        let after = picks.rules("main");
        assert!(grants(&after, "/home/me/photo.png"));
        assert!(grants(&after, "/home/me/docs"));
        assert!(grants(&after, "/home/me/docs/report.txt"));
        assert!(!grants(&after, "/home/me/other.txt"));
        assert!(!grants(&before, "/home/me/docs"), "a snapshot changed");
        assert!(picks.rules("settings").is_empty());
        // The same pick again adds nothing.
        pick(&picks, "main", "/home/me/docs", true);
        assert_eq!(picks.rules("main").len(), after.len());
        assert_eq!(picks.list("main").len(), 2);
    }

    #[test]
    fn a_revoked_pick_no_longer_grants() {
        let picks = Picks::default();
        pick(&picks, "main", "/home/me/docs", true);
        assert!(picks.revoke("main", std::path::Path::new("/home/me/docs")));
        assert!(!grants(&picks.rules("main"), "/home/me/docs/report.txt"));
        assert!(!picks.revoke("main", std::path::Path::new("/home/me/docs")));
    }

    #[test]
    fn a_webview_holds_at_most_max_picks() {
        let picks = Picks::default();
        for i in 0..MAX_PICKS {
            pick(&picks, "main", &format!("/data/{i}"), false);
        }
        let error = picks
            .add("main", &checked("/data/one-more"), false)
            .expect_err("over the limit");
        assert!(error.contains("4096"), "{error}");
        assert_eq!(picks.rules("main").len(), MAX_PICKS);
        // Another webview has its own room.
        assert!(picks.add("other", &checked("/data/x"), false).is_ok());
    }
}

//! Window and webview label patterns of a capability.

use std::hash::{BuildHasher, BuildHasherDefault};

use rustc_hash::FxHasher;

use super::identifier::check_len;
use crate::app::MAX_LABEL_LEN;
use crate::scope::wildcard::Segment;

/// A label glob: `main`, `settings-*`, `*`.
#[derive(Clone, Debug)]
pub enum LabelPattern {
    /// `*`: every label.
    Any,
    /// A label without glob characters, compared exactly.
    Exact(Box<str>),
    /// `prefix*` (the common shape, e.g. `doc-*`), compared without the glob engine. Holds the
    /// pattern as written, `*` included.
    Prefix(Box<str>),
    /// Any other glob, matched in linear time. Holds the pattern as written.
    Glob(Segment, Box<str>),
}

impl LabelPattern {
    /// Parses a label glob. Labels use `A-Z a-z 0-9 _ / : -`; patterns add `* ? [ ] !`.
    pub fn parse(text: &str) -> Result<LabelPattern, String> {
        let label_char = |c: char| c.is_ascii_alphanumeric() || "_/:-".contains(c);
        check_len(text, MAX_LABEL_LEN, "a label pattern")?;
        if text.is_empty() {
            return Err("a label pattern cannot be empty".into());
        }
        if let Some(bad) = text
            .chars()
            .find(|&c| !label_char(c) && !"*?[]!".contains(c))
        {
            return Err(format!(
                "`{bad}` cannot appear in a label: labels use letters, digits, `_`, `/`, `:` and `-`"
            ));
        }
        if text == "*" {
            return Ok(LabelPattern::Any);
        }
        if text.chars().all(label_char) {
            return Ok(LabelPattern::Exact(text.into()));
        }
        if text
            .strip_suffix('*')
            .is_some_and(|p| p.chars().all(label_char))
        {
            return Ok(LabelPattern::Prefix(text.into()));
        }
        Segment::new(text, false)
            .map(|glob| LabelPattern::Glob(glob, text.into()))
            .map_err(|e| format!("invalid label pattern: {e}"))
    }

    /// Whether `label` matches. Allocates nothing.
    pub fn matches(&self, label: &str) -> bool {
        match self {
            LabelPattern::Any => true,
            LabelPattern::Exact(exact) => **exact == *label,
            LabelPattern::Prefix(written) => {
                label.starts_with(written.strip_suffix('*').unwrap_or(written))
            }
            LabelPattern::Glob(glob, _) => glob.matches(label, false),
        }
    }

    /// Whether some label starting with `prefix` may match: the labels of a window template
    /// (`prefix*`). Exact for every shape but a general glob, which is compared by its literal
    /// start (so it may answer yes where no label matches, never no where one does).
    pub fn may_match_prefix(&self, prefix: &str) -> bool {
        let overlap = |start: &str| start.starts_with(prefix) || prefix.starts_with(start);
        match self {
            LabelPattern::Any => true,
            LabelPattern::Exact(exact) => exact.starts_with(prefix),
            LabelPattern::Prefix(written) => overlap(written.strip_suffix('*').unwrap_or(written)),
            LabelPattern::Glob(_, written) => {
                let literal = written
                    .find(['*', '?', '['])
                    .map_or(&written[..], |i| &written[..i]);
                overlap(literal)
            }
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        match self {
            LabelPattern::Any => "*",
            LabelPattern::Exact(exact) => exact,
            LabelPattern::Prefix(written) => written,
            LabelPattern::Glob(_, written) => written,
        }
    }
}

/// A 64-bit summary of the labels a capability names exactly, so that a decision can skip a
/// capability that cannot match a call without reading it. It may say "maybe" wrongly, never
/// "no" wrongly: a "maybe" is followed by the full comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelFilter {
    bits: u64,
    /// Some pattern is not an exact label: every call may match.
    any: bool,
}

impl LabelFilter {
    /// The filter of a capability with these window and webview patterns.
    pub fn of<'p>(patterns: impl IntoIterator<Item = &'p LabelPattern>) -> LabelFilter {
        patterns
            .into_iter()
            .fold(LabelFilter::default(), |filter, pattern| match pattern {
                LabelPattern::Exact(label) => LabelFilter {
                    bits: filter.bits | label_bit(label),
                    ..filter
                },
                _ => LabelFilter {
                    any: true,
                    ..filter
                },
            })
    }

    /// Whether some pattern is not an exact label, so that every call may match.
    pub fn is_wildcard(self) -> bool {
        self.any
    }

    /// Whether a call whose labels give `probe` (see [`label_probe`]) may match.
    pub fn may_match(self, probe: u64) -> bool {
        self.any || self.bits & probe != 0
    }
}

/// The probe of a call's window and webview labels for [`LabelFilter::may_match`].
pub fn label_probe(window: &str, webview: &str) -> u64 {
    label_bit(window) | label_bit(webview)
}

fn label_bit(label: &str) -> u64 {
    let hash = BuildHasherDefault::<FxHasher>::default().hash_one(label);
    1 << (hash >> 58)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_patterns_match_as_written() {
        let exact = LabelPattern::parse("main").expect("valid");
        assert!(exact.matches("main") && !exact.matches("main2") && !exact.matches("Main"));
        let glob = LabelPattern::parse("doc-*").expect("valid");
        assert!(glob.matches("doc-1") && !glob.matches("doc") && !glob.matches("xdoc-1"));
        assert!(LabelPattern::parse("*").expect("valid").matches("anything"));
        let mixed = LabelPattern::parse("d?c-*").expect("valid");
        assert!(mixed.matches("doc-1") && !mixed.matches("dc-1"));
        assert_eq!(glob.as_str(), "doc-*");
    }

    #[test]
    fn the_filter_never_rules_out_a_matching_label() {
        let patterns = [
            LabelPattern::parse("main").expect("valid"),
            LabelPattern::parse("editor").expect("valid"),
        ];
        let filter = LabelFilter::of(&patterns);
        assert!(filter.may_match(label_probe("main", "x")));
        assert!(filter.may_match(label_probe("x", "editor")));
        let globs = LabelFilter::of(&[LabelPattern::parse("doc-*").expect("valid")]);
        assert!(globs.may_match(label_probe("anything", "else")));
        assert!(!LabelFilter::of(std::iter::empty()).may_match(label_probe("main", "main")));
    }

    #[test]
    fn a_pattern_may_match_a_templates_labels_only_where_one_could() {
        let may = |pattern: &str, prefix: &str| {
            LabelPattern::parse(pattern)
                .expect("valid")
                .may_match_prefix(prefix)
        };
        assert!(may("*", "note-") && may("note-7", "note-") && may("note-*", "note-"));
        assert!(may("n*", "note-") && may("note-7-*", "note-") && may("no?e-*", "note-"));
        assert!(!may("main", "note-") && !may("notes", "note-") && !may("doc-*", "note-"));
        assert!(!may("x?te-*", "note-"));
    }

    proptest::proptest! {
        /// No false "no": whenever a pattern matches some label starting with a template's
        /// prefix, `may_match_prefix` says it may (a false "no" would reject a valid capability).
        #[test]
        fn may_match_prefix_never_rules_out_a_match(
            pattern in "[ab*?-]{1,6}",
            prefix in "[ab-]{1,4}",
            rest in "[ab-]{0,4}",
        ) {
            if let Ok(pattern) = LabelPattern::parse(&pattern)
                && pattern.matches(&format!("{prefix}{rest}"))
            {
                proptest::prop_assert!(pattern.may_match_prefix(&prefix));
            }
        }
    }

    #[test]
    fn bad_label_patterns_are_refused() {
        for bad in ["", "a b", "a.b", "[", "é"] {
            assert!(LabelPattern::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}

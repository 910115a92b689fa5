//! Event-name scopes: which events a webview may listen to.
//!
//! Event names use `A-Z a-z 0-9 _ / : -` (at most 128 characters); a pattern adds `*` (any run
//! of those characters) and `?`, matched over the whole name in linear time.

use super::PatternError;
use super::wildcard::Segment;

/// Longest event name accepted.
pub const MAX_EVENT_LEN: usize = 128;

/// Checks an event name.
pub fn check_event_name(name: &str) -> Result<(), PatternError> {
    let valid = |c: char| c.is_ascii_alphanumeric() || "_/:-".contains(c);
    if name.is_empty() || name.len() > MAX_EVENT_LEN || !name.chars().all(valid) {
        return Err(PatternError {
            message: format!(
                "an event name has 1 to {MAX_EVENT_LEN} letters, digits, `_`, `/`, `:` or `-`"
            ),
            help: None,
        });
    }
    Ok(())
}

/// A pattern of event names, e.g. `note-*`.
#[derive(Clone, Debug)]
pub struct EventPattern {
    written: String,
    glob: Segment,
}

impl EventPattern {
    /// Parses a pattern: an event name in which `*` and `?` may stand for characters.
    pub fn parse(pattern: &str) -> Result<EventPattern, PatternError> {
        let literal: String = pattern.chars().filter(|c| !"*?".contains(*c)).collect();
        let only_wildcards = literal.is_empty() && !pattern.is_empty();
        if !only_wildcards {
            check_event_name(&literal).map_err(|error| PatternError {
                message: format!("`{pattern}` is not an event pattern: {}", error.message),
                help: Some(
                    "write an event name, with `*` for any run of characters: `note-*`".into(),
                ),
            })?;
        }
        if pattern.len() > MAX_EVENT_LEN {
            return Err(PatternError {
                message: format!("an event pattern has at most {MAX_EVENT_LEN} characters"),
                help: None,
            });
        }
        let glob = Segment::new(pattern, true).map_err(|message| PatternError {
            message: format!("`{pattern}` is not an event pattern: {message}"),
            help: None,
        })?;
        Ok(EventPattern {
            written: pattern.to_string(),
            glob,
        })
    }

    /// Whether the event `name` matches. Allocates nothing.
    pub fn matches(&self, name: &str) -> bool {
        self.glob.matches(name, false)
    }

    /// The pattern as written.
    pub fn as_written(&self) -> &str {
        &self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_names() {
        let notes = EventPattern::parse("note-*").expect("valid");
        assert!(notes.matches("note-saved") && notes.matches("note-"));
        assert!(
            !notes.matches("xnote-saved") && !notes.matches("notes") && !notes.matches("Note-1")
        );
        assert!(EventPattern::parse("*").expect("valid").matches("anything"));
        let exact = EventPattern::parse("progress").expect("valid");
        assert!(exact.matches("progress") && !exact.matches("progress2"));
    }

    #[test]
    fn bad_patterns_and_names_are_refused() {
        for bad in ["", "a b", "a.b", "[x]", "é", &"a".repeat(129)] {
            assert!(EventPattern::parse(bad).is_err(), "{bad:?}");
        }
        for bad in ["", "a b", "<script>", "a\"b", "a'b", &"a".repeat(129)] {
            assert!(check_event_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_event_name("note:saved/1").is_ok());
    }
}

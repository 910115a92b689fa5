//! Making configuration text safe to print: control characters escaped, long names shortened.
//!
//! A configuration file is text its author chose; a terminal acts on some characters instead of
//! showing them (ESC starts colour, cursor and title sequences, `\r` and backspace overwrite what
//! was printed, bidirectional overrides reorder it). Every message, help and snippet shows such
//! a character as a Rust escape (`\u{1b}`), never raw.

/// The longest name (or example) shown whole between backticks in a message; longer ones are
/// shortened to [`SHORTENED_CHARS`].
const MAX_QUOTED_CHARS: usize = 120;

/// How much of a name too long to show whole is shown.
const SHORTENED_CHARS: usize = 60;

/// The longest message or help shown whole.
const MAX_MESSAGE_CHARS: usize = 1_000;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls and DEL (the ASCII controls
/// `\t` and `\n` included: a message is one line), and the invisible format characters that
/// reorder or hide text (bidirectional marks and overrides, zero-width characters, a byte order
/// mark, line and paragraph separators).
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Pushes `c` onto `out`, escaped if it is [unsafe](is_unsafe).
pub(crate) fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

/// A message or help fit for a terminal: unsafe characters escaped, each backtick-quoted name
/// longer than 120 characters shortened (with its length said), the whole at most 1,000
/// characters of the original.
pub(crate) fn message(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS));
    let mut room = MAX_MESSAGE_CHARS;
    let mut note: Option<String> = None;
    let mut parts = text.split('`').enumerate().peekable();
    while let Some((i, part)) = parts.next() {
        if i > 0 {
            out.push('`');
        }
        out.extend(note.take());
        let chars = part.chars().count();
        let quoted = i % 2 == 1;
        let limit = if quoted && chars > MAX_QUOTED_CHARS {
            note = Some(format!(" ({chars} characters)"));
            SHORTENED_CHARS
        } else {
            chars
        };
        let keep = limit.min(room);
        part.chars()
            .take(keep)
            .for_each(|c| push_escaped(&mut out, c));
        room -= keep;
        if keep < chars {
            out.push('…');
        }
        if room == 0 && parts.peek().is_some() {
            if keep == chars {
                out.push('…');
            }
            return out;
        }
    }
    out.extend(note);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_invisible_characters_are_escaped() {
        assert_eq!(
            message("a\u{1b}[31m\u{9b}b\r\n\t\u{202e}"),
            "a\\u{1b}[31m\\u{9b}b\\r\\n\\t\\u{202e}"
        );
        assert_eq!(message("plain `name` é"), "plain `name` é");
    }

    #[test]
    fn long_quoted_names_are_shortened_and_the_rest_is_kept() {
        let long = "x".repeat(1 << 20);
        let shown = message(&format!("unknown field `{long}`, expected `identifier`"));
        assert_eq!(
            shown,
            format!(
                "unknown field `{}…` (1048576 characters), expected `identifier`",
                "x".repeat(SHORTENED_CHARS)
            )
        );
        let shown = message(&"y".repeat(5_000));
        assert_eq!(shown.chars().count(), MAX_MESSAGE_CHARS + 1);
        // An odd backtick leaves the rest quoted: still bounded.
        let shown = message(&format!("`{long}"));
        assert!(shown.len() < 200, "{shown}");
    }
}

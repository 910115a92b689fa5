//! The lines a diagnostic shows around its error, made fit to print.
//!
//! An [`Excerpt`] is built when the error is made, from the error's line and one line either
//! side: each at most [`WIDTH`] characters (a long line is shown around the error, with `…`
//! where it was cut), control characters escaped, lines numbered as [`LineIndex`] counts them.
//! It is the [`miette::SourceCode`] of the error, so the snippet's header shows exactly the
//! line and column of the message.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::escape::{is_unsafe, push_escaped};
use super::lines::LineIndex;

/// The most characters of a line shown.
const WIDTH: usize = 100;

/// On a line longer than [`WIDTH`], how many characters before the error are shown.
const LEAD: usize = 40;

/// A few lines of a file around an error, escaped and bounded, with the error's place in them.
#[derive(Clone, Debug)]
pub(crate) struct Excerpt {
    /// The file's name, escaped.
    name: String,
    /// The lines shown, joined by `\n`.
    text: String,
    /// The 0-based number of the first line shown.
    first_line: usize,
    /// How many lines are shown.
    lines: usize,
    /// The error's bytes in `text`.
    label: Range<usize>,
    /// The error's 0-based line and column, as in its message.
    line: usize,
    column: usize,
}

impl Excerpt {
    /// The excerpt of `text` (named `name`, indexed by `index`) for an error at bytes `span`,
    /// whose 1-based position is `line`:`column`.
    pub(crate) fn new(
        name: &str,
        text: &str,
        index: &LineIndex,
        span: Range<usize>,
        (line, column): (usize, usize),
    ) -> Excerpt {
        let content = index.content(text, line);
        // On line 1, a span may start in the byte order mark, which is not shown.
        let start = index
            .normalize(text, span.start)
            .clamp(content.start, content.end);
        let end = index.normalize(text, span.end).clamp(start, content.end);
        let line_text = text.get(content.clone()).unwrap_or_default();
        let from = window_start(line_text, start - content.start);
        let mut shown = String::new();
        let mut first_line = line;
        let context = |line: usize| text.get(index.content(text, line)).unwrap_or_default();
        if from == 0 && line > 1 {
            push_clipped(&mut shown, context(line - 1), 0, 0..0);
            shown.push('\n');
            first_line -= 1;
        }
        let error = start - content.start..end - content.start;
        let label = push_clipped(&mut shown, line_text, from, error);
        let mut lines = 1 + line - first_line;
        if from == 0 && line < index.count(text) {
            shown.push('\n');
            push_clipped(&mut shown, context(line + 1), 0, 0..0);
            lines += 1;
        }
        let mut escaped_name = String::new();
        name.chars()
            .for_each(|c| push_escaped(&mut escaped_name, c));
        Excerpt {
            name: escaped_name,
            text: shown,
            first_line: first_line - 1,
            lines,
            label,
            line: line - 1,
            column: column - 1,
        }
    }

    /// The error's place in the excerpt, for the diagnostic's label.
    pub(crate) fn label(&self) -> SourceSpan {
        SourceSpan::from(self.label.clone())
    }
}

/// The byte offset in `line` from which a line is shown so that `error` (a byte offset in it)
/// is visible: 0 if the line is short enough, else [`LEAD`] characters before the error.
fn window_start(line: &str, error: usize) -> usize {
    let short = line.len() <= WIDTH || line.chars().take(WIDTH + 1).count() <= WIDTH;
    if short {
        return 0;
    }
    let before = line.get(..error).unwrap_or(line);
    before
        .char_indices()
        .rev()
        .nth(LEAD - 1)
        .map_or(0, |(offset, _)| offset)
}

/// Pushes `line` from its byte `from` on, at most [`WIDTH`] characters, escaped, with `…`
/// where it is cut. Returns where the bytes `error` of `line` end up in `out`.
fn push_clipped(out: &mut String, line: &str, from: usize, error: Range<usize>) -> Range<usize> {
    if from > 0 {
        out.push('…');
    }
    let mut label_start = None;
    let mut label_end = None;
    let rest = line.get(from..).unwrap_or_default();
    for (count, (offset, c)) in rest.char_indices().enumerate() {
        let offset = offset + from;
        if label_start.is_none() && offset >= error.start {
            label_start = Some(out.len());
        }
        if label_end.is_none() && offset >= error.end {
            label_end = Some(out.len());
        }
        if count == WIDTH {
            label_end = label_end.or(Some(out.len()));
            out.push('…');
            break;
        }
        if c == '\t' || !is_unsafe(c) {
            out.push(c);
        } else {
            push_escaped(out, c);
        }
    }
    let Some(start) = label_start else {
        // The error is at the line's end: a blank for the label to point at.
        out.push(' ');
        return out.len() - 1..out.len() - 1;
    };
    let end = label_end.unwrap_or(out.len());
    start.min(end)..end
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if context_lines_before == 0 && context_lines_after == 0 {
            // The span itself: where a snippet's header takes its line and column from.
            let data = self.text.as_bytes().get(self.label.clone()).unwrap_or(&[]);
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                data,
                *span,
                self.line,
                self.column,
                1,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::from(0..self.text.len()),
            self.first_line,
            0,
            self.lines,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, span: Range<usize>) -> Excerpt {
        let index = LineIndex::new(text);
        let position = index.position(text, span.start);
        Excerpt::new("f\u{1b}.toml", text, &index, span, position)
    }

    #[test]
    fn one_line_either_side_escaped() {
        let text = "a = 1\nb = \"\u{1b}[2J\" x\nc = 3\nd = 4\n";
        let x = text.find('x').unwrap_or_default();
        let shown = excerpt(text, x..x + 1);
        assert_eq!(shown.text, "a = 1\nb = \"\\u{1b}[2J\" x\nc = 3");
        assert_eq!(&shown.text[shown.label.clone()], "x");
        assert_eq!((shown.first_line, shown.lines), (0, 3));
        assert_eq!((shown.line, shown.column), (1, 11));
        assert_eq!(shown.name, "f\\u{1b}.toml");
    }

    #[test]
    fn a_long_line_is_shown_around_the_error() {
        let text = format!("{} x {}", "v".repeat(5_000), "w".repeat(5_000));
        let x = 5_001;
        let shown = excerpt(&text, x..x + 1);
        assert!(shown.text.starts_with('…') && shown.text.ends_with('…'));
        assert_eq!(shown.text.chars().count(), WIDTH + 2);
        assert_eq!(&shown.text[shown.label.clone()], "x");
        assert_eq!(shown.lines, 1);
    }

    #[test]
    fn a_span_in_the_byte_order_mark_points_at_the_first_character() {
        let shown = excerpt("\u{feff}x = 1", 0..0);
        assert_eq!(shown.text, "x = 1");
        assert_eq!((shown.label.clone(), shown.column), (0..0, 0));
    }

    #[test]
    fn a_span_past_its_line_is_cut_at_the_line_end() {
        let text = "t = { a = 1,\nb = 2 }\n";
        let shown = excerpt(text, 4..text.len() - 1);
        assert_eq!(&shown.text[shown.label.clone()], "{ a = 1,");
        let at_end = excerpt(text, text.len()..text.len());
        assert_eq!(at_end.text, "b = 2 }\n ");
        assert_eq!(at_end.label, at_end.text.len() - 1..at_end.text.len() - 1);
    }
}

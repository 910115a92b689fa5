//! One configuration file's text, and errors that point into it.

use std::ops::Range;
use std::sync::Arc;

use super::escape;
use super::excerpt::Excerpt;
use super::lines::LineIndex;
use super::span_map::SpanMap;
use super::suggest::suggestion_for_serde_message;
use super::{ConfigError, Location};

/// The text of one configuration file and the name it is shown under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    name: Arc<str>,
    /// The name as diagnostics show it (escaped).
    shown_name: Arc<str>,
    text: Arc<str>,
    lines: LineIndex,
    /// For JSON files: the TOML text that was actually parsed, and where its tokens come from.
    translated: Option<(String, SpanMap)>,
}

impl SourceFile {
    /// A TOML (or other directly parsed) file.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        Self::with_translation(name.into(), text.into(), None)
    }

    /// A JSON file whose content was translated to `translated` TOML text for parsing, each
    /// token mapped back by `map`.
    pub(crate) fn json(name: Arc<str>, text: Arc<str>, translated: String, map: SpanMap) -> Self {
        Self::with_translation(name, text, Some((translated, map)))
    }

    fn with_translation(
        name: Arc<str>,
        text: Arc<str>,
        translated: Option<(String, SpanMap)>,
    ) -> Self {
        let mut shown_name = String::new();
        name.chars()
            .for_each(|c| escape::push_escaped(&mut shown_name, c));
        SourceFile {
            inner: Arc::new(Inner {
                shown_name: shown_name.into(),
                lines: LineIndex::new(&text),
                name,
                text,
                translated,
            }),
        }
    }

    /// The file's name as shown to the author.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The file's text as the author wrote it.
    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// The text the parser reads: the file itself, or its TOML translation for JSON.
    pub(crate) fn parsed_text(&self) -> &str {
        match &self.inner.translated {
            Some((toml, _)) => toml,
            None => &self.inner.text,
        }
    }

    /// Whether this is a translation (of a JSON file).
    pub(crate) fn is_translated(&self) -> bool {
        self.inner.translated.is_some()
    }

    /// The location of byte `span` of the parsed text, in the author's file.
    pub fn location(&self, span: &Range<usize>) -> Location {
        self.location_of(self.author_span(span).start)
    }

    fn location_of(&self, offset: usize) -> Location {
        let (line, column) = self.inner.lines.position(&self.inner.text, offset);
        Location {
            file: self.inner.shown_name.clone(),
            line,
            column,
        }
    }

    /// An error at `span` of the parsed text.
    pub fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        self.error_at(self.author_span(&span), &message.into(), help)
    }

    /// An error at `span` of the author's text.
    fn error_at(&self, span: Range<usize>, message: &str, help: Option<String>) -> ConfigError {
        let location = self.location_of(span.start);
        let text = &self.inner.text;
        let position = (location.line, location.column);
        let excerpt = Excerpt::new(&self.inner.name, text, &self.inner.lines, span, position);
        ConfigError::new(location, message, help, Some(excerpt))
    }

    /// An error about the file as a whole (for example: it could not be read).
    pub fn file_error(&self, message: impl Into<String>, help: Option<String>) -> ConfigError {
        let location = Location {
            file: self.inner.shown_name.clone(),
            line: 1,
            column: 1,
        };
        ConfigError::new(location, &message.into(), help, None)
    }

    /// An error from the TOML deserializer, with a suggestion where one can be made.
    pub(crate) fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim_end();
        let help = suggestion_for_serde_message(message);
        match error.span() {
            Some(span) if self.inner.translated.is_none() => {
                let span = self.offending_bytes(span, message);
                self.error_at(span, message, help)
            }
            Some(span) => self.error(span, message, help),
            None => self.file_error(message, help),
        }
    }

    /// The bytes a TOML syntax error is about. The parser reports some where it stopped rather
    /// than where the offence is: just after a lone `\r`, or on the blanks before an unexpected
    /// character.
    fn offending_bytes(&self, span: Range<usize>, message: &str) -> Range<usize> {
        let bytes = self.inner.text.as_bytes();
        let start = span.start;
        let after_cr = start.checked_sub(1).and_then(|i| bytes.get(i)) == Some(&b'\r');
        if message.starts_with("carriage return") && after_cr {
            return start - 1..start;
        }
        if span.is_empty() {
            let blanks = bytes
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            return start + blanks..start + blanks;
        }
        span
    }

    /// Maps a span of the parsed text onto the author's text.
    fn author_span(&self, span: &Range<usize>) -> Range<usize> {
        match &self.inner.translated {
            Some((_, map)) => map.original(span),
            None => {
                let end = span.end.min(self.inner.text.len());
                span.start.min(end)..end
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_is_one_based_line_and_column() {
        let file = SourceFile::new("a.toml", "x = 1\ny = 2\n");
        let location = file.location(&(8..9));
        assert_eq!((location.line, location.column), (2, 3));
        assert_eq!(location.to_string(), "a.toml:2:3");
    }

    #[test]
    fn file_names_are_escaped() {
        let file = SourceFile::new("capabilities/\u{1b}[2J.toml", "x");
        assert_eq!(
            file.location(&(0..1)).to_string(),
            "capabilities/\\u{1b}[2J.toml:1:1"
        );
    }
}

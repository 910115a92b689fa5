//! Configuration diagnostics: what was wrong, where (file, line, column), and what to do.
//!
//! Every configuration error Rampart reports is a [`ConfigError`] that points into the file the
//! author wrote. JSON files are parsed through a TOML translation (see [`SourceFile::json`]);
//! their errors are mapped back onto the JSON text so they still name the author's line.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

/// The text of one configuration file and the name it is shown under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: Arc<str>,
    text: Arc<str>,
    /// For JSON files: the TOML text that was actually parsed.
    translated: Option<Arc<str>>,
}

/// A position in a file, for messages and listings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file as shown to the author (usually relative to the app root).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl SourceFile {
    /// A TOML (or other directly parsed) file.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            translated: None,
        }
    }

    /// A JSON file whose content was translated to `translated` TOML text for parsing.
    pub(crate) fn json(name: Arc<str>, text: Arc<str>, translated: String) -> Self {
        Self {
            name,
            text,
            translated: Some(translated.into()),
        }
    }

    /// The file's name as shown to the author.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's text as the author wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text the parser reads: the file itself, or its TOML translation for JSON.
    pub(crate) fn parsed_text(&self) -> &str {
        self.translated.as_deref().unwrap_or(&self.text)
    }

    /// The location of byte `span` of the parsed text, in the author's file.
    pub fn location(&self, span: &Range<usize>) -> Location {
        let offset = self.author_span(span).start;
        let before = self.text.get(..offset).unwrap_or(&self.text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        Location {
            file: self.name.clone(),
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
        let author_span = self.author_span(&span);
        let location = self.location(&span);
        ConfigError {
            message: message.into(),
            help,
            location,
            snippet: Snippet::new(&self.name, self.text.clone(), Some(author_span.into())),
        }
    }

    /// An error about the file as a whole (for example: it could not be read).
    pub fn file_error(&self, message: impl Into<String>, help: Option<String>) -> ConfigError {
        ConfigError {
            message: message.into(),
            help,
            location: Location {
                file: self.name.clone(),
                line: 1,
                column: 1,
            },
            snippet: Snippet::new(&self.name, self.text.clone(), None),
        }
    }

    /// An error from the TOML deserializer, with a suggestion where one can be made.
    pub(crate) fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let message = error.message().trim_end().to_string();
        let help = suggestion_for_serde_message(&message);
        match error.span() {
            Some(span) => self.error(span, message, help),
            None => self.file_error(message, help),
        }
    }

    /// Maps a span of the parsed text onto the author's text.
    ///
    /// For JSON files the translated TOML has other offsets: the spanned snippet (a quoted
    /// string, or a key) is looked up in the JSON text instead. Not finding it points at the
    /// start of the file, which still names the file.
    fn author_span(&self, span: &Range<usize>) -> Range<usize> {
        let Some(translated) = &self.translated else {
            let end = span.end.min(self.text.len());
            return span.start.min(end)..end;
        };
        let snippet = translated.get(span.clone()).unwrap_or("").trim();
        let needle = if snippet.starts_with('"') {
            snippet.to_string()
        } else if let Some(quoted) = first_quoted(snippet) {
            quoted.to_string()
        } else {
            format!("\"{snippet}\"")
        };
        match self.text.find(&needle) {
            Some(start) if !snippet.is_empty() => start..start + needle.len(),
            _ => 0..0,
        }
    }
}

/// The first `"..."` string in `text`, quotes included.
fn first_quoted(text: &str) -> Option<&str> {
    let start = text.find('"')?;
    let rest = text.get(start + 1..)?;
    let len = rest.find('"')?;
    text.get(start..start + len + 2)
}

/// One error in an app's configuration.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ConfigError {
    /// What was wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Where it is.
    pub location: Location,
    snippet: Box<Snippet>,
}

/// The text an error points into, for rendering.
#[derive(Debug, Clone)]
struct Snippet {
    source: NamedSource<Arc<str>>,
    span: Option<SourceSpan>,
}

impl Snippet {
    fn new(name: &str, text: Arc<str>, span: Option<SourceSpan>) -> Box<Self> {
        Box::new(Snippet {
            source: NamedSource::new(name, text),
            span,
        })
    }
}

impl Diagnostic for ConfigError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.snippet
            .span
            .map(|_| &self.snippet.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.snippet.span?;
        let label = miette::LabeledSpan::new_with_span(Some("here".into()), span);
        Some(Box::new(std::iter::once(label)))
    }
}

impl ConfigError {
    /// An error at a known location whose text is not at hand.
    pub fn at(location: Location, message: impl Into<String>, help: Option<String>) -> Self {
        ConfigError {
            message: message.into(),
            help,
            snippet: Snippet::new(&location.file, "".into(), None),
            location,
        }
    }
}

/// Every error found in one configuration. Loading reports them all, not just the first.
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("the app configuration has {} error{}", .errors.len(), if .errors.len() == 1 { "" } else { "s" })]
pub struct ConfigErrors {
    /// The errors, in the order they were found.
    #[related]
    pub errors: Vec<ConfigError>,
}

impl From<ConfigError> for ConfigErrors {
    fn from(error: ConfigError) -> Self {
        Self {
            errors: vec![error],
        }
    }
}

/// The candidate closest to `word`, if any is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Jaro-Winkler ranks well but scores short words low: one edit also counts as close.
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, candidate)| *score >= 0.8 || strsim::osa_distance(word, candidate) <= 1)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" for the candidate closest to `word`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a suggestion.
fn suggestion_for_serde_message(message: &str) -> Option<String> {
    let is_unknown = message.starts_with("unknown field") || message.starts_with("unknown variant");
    if !is_unknown {
        return None;
    }
    let mut names = message.split('`').skip(1).step_by(2);
    let unknown = names.next()?;
    let expected: Vec<&str> = names.collect();
    if let Some(hint) = misplaced_key_hint(unknown, &expected) {
        return Some(hint);
    }
    did_you_mean(unknown, expected.iter().copied())
        .or_else(|| (!expected.is_empty()).then(|| "remove it, or correct its name".to_string()))
}

/// Keys that are valid Rampart keys, but not where the author put them.
fn misplaced_key_hint(unknown: &str, expected: &[&str]) -> Option<String> {
    let at_permission_file_top = expected.contains(&"permission") && expected.contains(&"set");
    match unknown {
        "scope" if at_permission_file_top => Some(
            "scope rules belong to a permission: write `[[permission.scope.allow]]` or \
             `[[permission.scope.deny]]` after the `[[permission]]` they restrict"
                .to_string(),
        ),
        "commands" if at_permission_file_top => Some(
            "commands belong to a permission: write `commands.allow = [...]` inside a \
             `[[permission]]` table"
                .to_string(),
        ),
        "scope" if expected.contains(&"permissions") => Some(
            "a capability's scope rules are written on the permission they restrict: \
             `permissions = [{ identifier = \"fs:read-files\", allow = [{ path = \"$APPDATA/**\" }] }]`"
                .to_string(),
        ),
        "platform" if expected.contains(&"platforms") => {
            Some("did you mean `platforms`? It takes a list, e.g. `platforms = [\"linux\"]`".into())
        }
        _ => None,
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
    fn unknown_field_gets_a_did_you_mean() {
        let help =
            suggestion_for_serde_message("unknown field `denny`, expected `allow` or `deny`");
        assert_eq!(help.as_deref(), Some("did you mean `deny`?"));
    }

    #[test]
    fn misplaced_scope_table_is_explained() {
        let help = suggestion_for_serde_message(
            "unknown field `scope`, expected one of `default`, `set`, `permission`",
        );
        assert!(help.is_some_and(|h| h.contains("[[permission.scope.deny]]")));
    }

    #[test]
    fn far_away_names_are_not_suggested() {
        assert_eq!(did_you_mean("zzz", ["allow", "deny"]), None);
    }

    #[test]
    fn json_spans_map_back_to_the_json_text() {
        let json = "{\n  \"identifier\": \"main\",\n  \"denny\": 1\n}";
        let file = SourceFile::json("c.json".into(), json.into(), "denny = 1\n".into());
        let location = file.location(&(0..5));
        assert_eq!((location.line, location.column), (3, 3));
    }
}

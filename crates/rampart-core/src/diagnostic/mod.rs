//! Configuration diagnostics: what was wrong, where (file, line, column), and what to do.
//!
//! Every configuration error Rampart reports is a [`ConfigError`] that points into the file the
//! author wrote, at the offending byte: lines and columns are counted as an editor counts them
//! ([`lines`]), and the snippet shown with the error ([`excerpt`]) is headed with the same
//! position. JSON files are parsed through a TOML translation; its tokens are mapped back onto
//! the JSON text ([`span_map`]), so errors still point at what the author wrote.
//!
//! Nothing from a configuration file reaches a terminal raw: messages, helps, snippets and file
//! names escape control characters, and long names and lines are shown in part ([`escape`]).

use std::fmt;
use std::sync::Arc;

use miette::Diagnostic;

mod escape;
mod excerpt;
mod lines;
mod source;
mod span_map;
mod suggest;

use excerpt::Excerpt;
pub use source::SourceFile;
pub(crate) use span_map::SpanMap;
pub use suggest::{closest, did_you_mean};

/// A position in a file, for messages and listings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file as shown to the author (usually relative to the app root), control characters
    /// escaped.
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
    excerpt: Option<Box<Excerpt>>,
}

impl Diagnostic for ConfigError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.excerpt
            .as_deref()
            .map(|excerpt| excerpt as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let label = self.excerpt.as_ref()?.label();
        let label = miette::LabeledSpan::new_with_span(Some("here".into()), label);
        Some(Box::new(std::iter::once(label)))
    }
}

impl ConfigError {
    /// An error at a known location whose text is not at hand.
    pub fn at(location: Location, message: impl Into<String>, help: Option<String>) -> Self {
        Self::new(location, &message.into(), help, None)
    }

    /// The one way errors are made: message and help made fit to print.
    fn new(
        location: Location,
        message: &str,
        help: Option<String>,
        excerpt: Option<Excerpt>,
    ) -> Self {
        ConfigError {
            message: escape::message(message),
            help: help.map(|help| escape::message(&help)),
            location,
            excerpt: excerpt.map(Box::new),
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

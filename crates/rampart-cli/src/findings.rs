//! Findings that point into the app's files, rendered under one heading as `rampart acl`
//! renders configuration errors: errors, or warnings that leave the app working.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};
use rampart_core::diagnostic::ConfigError;

/// Findings of one severity under a heading, such as "the app has 2 warnings".
#[derive(Debug)]
pub struct Findings {
    heading: String,
    severity: Severity,
    list: Vec<Finding>,
}

/// One finding: a configuration error shown with the severity of its list.
#[derive(Debug)]
struct Finding {
    error: ConfigError,
    severity: Severity,
}

impl Findings {
    /// `list` under the heading "`what` has N `kind`s" ("the app's pages have 1 error").
    pub fn new(what: &str, severity: Severity, list: Vec<ConfigError>) -> Findings {
        let kind = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        };
        let count = list.len();
        let plural = if count == 1 { "" } else { "s" };
        Findings {
            heading: format!("{what} {count} {kind}{plural}"),
            severity,
            list: list
                .into_iter()
                .map(|error| Finding { error, severity })
                .collect(),
        }
    }

    /// Prints the findings on stderr, if there are any.
    pub fn print(self) {
        if !self.list.is_empty() {
            eprintln!("{:?}", miette::Report::new(self));
        }
    }
}

impl fmt::Display for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.heading)
    }
}

impl std::error::Error for Findings {}

impl Diagnostic for Findings {
    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.list.iter().map(|f| f as &dyn Diagnostic)))
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for Finding {}

impl Diagnostic for Finding {
    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.error.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.error.labels()
    }
}

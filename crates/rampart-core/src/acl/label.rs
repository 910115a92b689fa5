//! Window and webview label patterns of a capability.

use glob::Pattern;

/// A label glob: `main`, `settings-*`, `*`.
#[derive(Clone, Debug)]
pub enum LabelPattern {
    /// `*`: every label.
    Any,
    /// A label without glob characters, compared exactly.
    Exact(Box<str>),
    /// Any other glob.
    Glob(Pattern),
}

impl LabelPattern {
    /// Parses a label glob. Labels use `A-Z a-z 0-9 _ / : -`; patterns add `* ? [ ] !`.
    pub fn parse(text: &str) -> Result<LabelPattern, String> {
        let label_char = |c: char| c.is_ascii_alphanumeric() || "_/:-".contains(c);
        if text.is_empty() || text.len() > 128 {
            return Err("a label pattern has 1 to 128 characters".into());
        }
        if let Some(bad) = text.chars().find(|&c| !label_char(c) && !"*?[]!".contains(c)) {
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
        Pattern::new(text)
            .map(LabelPattern::Glob)
            .map_err(|e| format!("invalid label pattern: {}", e.msg))
    }

    /// Whether `label` matches. Allocates nothing.
    pub fn matches(&self, label: &str) -> bool {
        match self {
            LabelPattern::Any => true,
            LabelPattern::Exact(exact) => **exact == *label,
            LabelPattern::Glob(pattern) => pattern.matches(label),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        match self {
            LabelPattern::Any => "*",
            LabelPattern::Exact(exact) => exact,
            LabelPattern::Glob(pattern) => pattern.as_str(),
        }
    }
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
    }

    #[test]
    fn bad_label_patterns_are_refused() {
        for bad in ["", "a b", "a.b", "[", "é"] {
            assert!(LabelPattern::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}

//! The glob matcher behind path and URL patterns.
//!
//! The syntax is that of the `glob` crate (`?`, `*`, `**`, `[abc]`, `[a-z]`, `[!a]`, with `[]]`
//! and `[!]]` for a `]`), and so is the meaning, with two differences that matter for security:
//!
//! - **Time.** Matching takes time proportional to pattern length × text length. The `glob`
//!   crate backtracks exponentially in the number of `*` in a component when the text is long
//!   (`/d/*a*a*a*b*/x` against a 400-character component takes minutes), and the text here is
//!   chosen by the page.
//! - **Dotfiles.** With dot protection on (file paths), a component that starts with `.` is
//!   matched only by a pattern component that starts with a literal `.`, as in a shell. The `glob`
//!   crate lets `*.env` match `.env`; here it does not.
//!
//! `*`, `?` and `[...]` never match `/`. `**` must be a whole component: in the middle of a pattern
//! it matches zero or more components, at the end one or more (`/a/**` matches `/a/x` but not
//! `/a`). With dot protection `**` never matches a component that starts with `.`.
//!
//! Matching allocates nothing.

/// A compiled glob over `/`-separated text that starts with `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Glob {
    parts: Vec<Part>,
    protect_dots: bool,
}

/// One `/`-separated component of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// `**`: zero or more components.
    Recursive,
    /// Exactly one component.
    Segment(Segment),
}

/// A pattern over one component (or over one query parameter): no `/` is special inside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    tokens: Vec<Token>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `?`
    Any,
    /// `*`
    Star,
    /// `[...]` or, negated, `[!...]`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// Why a pattern does not compile, as a sentence for an error message.
pub(crate) type GlobError = &'static str;

impl Glob {
    /// Compiles `pattern`, which must start with `/`. `protect_dots` turns on the dotfile rule.
    pub(crate) fn new(pattern: &str, protect_dots: bool) -> Result<Glob, GlobError> {
        let rest = pattern
            .strip_prefix('/')
            .ok_or("a pattern must start with `/`")?;
        let mut parts: Vec<Part> = Vec::new();
        for component in rest.split('/') {
            if component == "**" {
                if parts.last() != Some(&Part::Recursive) {
                    parts.push(Part::Recursive);
                }
            } else {
                parts.push(Part::Segment(Segment::new(component, true)?));
            }
        }
        // A trailing `**` stands for one or more components: one component, then zero or more.
        if parts.last() == Some(&Part::Recursive) {
            let one = Segment {
                tokens: vec![Token::Star],
            };
            parts.insert(parts.len() - 1, Part::Segment(one));
        }
        Ok(Glob {
            parts,
            protect_dots,
        })
    }

    /// The components, for computing a pattern's root.
    pub(crate) fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Whether the glob matches `text`, which starts with `/`. Allocates nothing.
    ///
    /// Classic wildcard matching with backtracking to the last `**` only, over components; it is
    /// complete even with dot protection, because every pattern component either needs a leading
    /// dot or refuses one, so shifting a component between two `**` never needs the first `**` to
    /// take a dotfile.
    pub(crate) fn matches(&self, text: &str) -> bool {
        if !text.starts_with('/') {
            return false;
        }
        let mut part = 0;
        let mut at = Some(1);
        // After the last `**`: the part that follows it, and where its absorption ends.
        let mut star: Option<(usize, Option<usize>)> = None;
        loop {
            match self.parts.get(part) {
                Some(Part::Recursive) => {
                    star = Some((part + 1, at));
                    part += 1;
                    continue;
                }
                Some(Part::Segment(segment)) => {
                    if let Some(start) = at {
                        let (component, next) = component_at(text, start);
                        if segment.matches(component, self.protect_dots) {
                            part += 1;
                            at = next;
                            continue;
                        }
                    }
                }
                None if at.is_none() => return true,
                None => {}
            }
            // Mismatch: let the last `**` take one more component, if it can.
            let Some((after, Some(start))) = star else {
                return false;
            };
            let (component, next) = component_at(text, start);
            if self.protect_dots && component.starts_with('.') {
                return false;
            }
            star = Some((after, next));
            part = after;
            at = next;
        }
    }
}

/// The component starting at byte `start` of `text`, and where the next one starts.
fn component_at(text: &str, start: usize) -> (&str, Option<usize>) {
    let rest = text.get(start..).unwrap_or("");
    match rest.find('/') {
        Some(i) => (&rest[..i], Some(start + i + 1)),
        None => (rest, None),
    }
}

impl Segment {
    /// Compiles one component. `**` is refused here (it is a whole component, handled by
    /// [`Glob::new`]); in a path, `in_path` also refuses `/` (components are already split).
    pub(crate) fn new(text: &str, in_path: bool) -> Result<Segment, GlobError> {
        if in_path && text.contains('/') {
            return Err("a component cannot contain `/`");
        }
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '?' => {
                    tokens.push(Token::Any);
                    i += 1;
                }
                '*' => {
                    let run = chars[i..].iter().take_while(|&&c| c == '*').count();
                    if run > 2 {
                        return Err("wildcards are either `*` or `**`");
                    }
                    if run == 2 {
                        return Err(if in_path {
                            "`**` must be a whole component"
                        } else {
                            "`**` is only for paths"
                        });
                    }
                    tokens.push(Token::Star);
                    i += 1;
                }
                '[' => {
                    let (token, len) = class(&chars[i..]).ok_or("a `[` is not closed by `]`")?;
                    tokens.push(token);
                    i += len;
                }
                c => {
                    tokens.push(Token::Char(c));
                    i += 1;
                }
            }
        }
        Ok(Segment { tokens })
    }

    /// The text this segment matches, if it matches exactly one: only literal characters and
    /// one-character classes `[c]` (as `glob::Pattern::escape` writes them).
    pub(crate) fn literal(&self) -> Option<String> {
        self.tokens
            .iter()
            .map(|token| match token {
                Token::Char(c) => Some(*c),
                Token::Class {
                    negated: false,
                    ranges,
                } => match ranges.as_slice() {
                    [(lo, hi)] if lo == hi => Some(*lo),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    /// Whether the segment matches all of `text`. With `protect_dots`, a `text` that starts with
    /// `.` needs a pattern that starts with a literal `.`. Allocates nothing; takes time
    /// proportional to pattern length × text length (backtracking to the last `*` only).
    pub(crate) fn matches(&self, text: &str, protect_dots: bool) -> bool {
        if protect_dots && text.starts_with('.') && self.tokens.first() != Some(&Token::Char('.')) {
            return false;
        }
        let tokens = &self.tokens;
        let mut t = 0;
        let mut at = 0;
        // After the last `*`: the token that follows it, and where its absorption ends.
        let mut star: Option<(usize, usize)> = None;
        loop {
            let next_char = text.get(at..).and_then(|rest| rest.chars().next());
            match tokens.get(t) {
                Some(Token::Star) => {
                    star = Some((t + 1, at));
                    t += 1;
                    continue;
                }
                Some(token) => {
                    if let Some(c) = next_char.filter(|&c| token.accepts(c)) {
                        t += 1;
                        at += c.len_utf8();
                        continue;
                    }
                }
                None if next_char.is_none() => return true,
                None => {}
            }
            let Some((after, end)) = star else {
                return false;
            };
            let Some(c) = text.get(end..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            star = Some((after, end + c.len_utf8()));
            t = after;
            at = end + c.len_utf8();
        }
    }
}

impl Token {
    /// Whether this single-character token accepts `c`.
    fn accepts(&self, c: char) -> bool {
        match self {
            Token::Char(expected) => *expected == c,
            Token::Any => true,
            Token::Class { negated, ranges } => {
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
            }
            Token::Star => false,
        }
    }
}

/// Parses a class at the start of `chars` (which starts with `[`), the way the `glob` crate does:
/// the first character after `[` or `[!` is always a member, even `]`. Returns the token and the
/// number of characters it spans.
fn class(chars: &[char]) -> Option<(Token, usize)> {
    let negated = chars.get(1) == Some(&'!');
    let first = if negated { 2 } else { 1 };
    // The first member is never the closing bracket.
    let close = first + 1 + chars.get(first + 1..)?.iter().position(|&c| c == ']')?;
    let members = chars.get(first..close)?;
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < members.len() {
        if i + 2 < members.len() && members[i + 1] == '-' {
            ranges.push((members[i], members[i + 2]));
            i += 3;
        } else {
            ranges.push((members[i], members[i]));
            i += 1;
        }
    }
    Some((Token::Class { negated, ranges }, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn glob(pattern: &str) -> Glob {
        Glob::new(pattern, true).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    fn segment(pattern: &str) -> Segment {
        Segment::new(pattern, true).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    #[test]
    fn segments_match_like_shell_globs() {
        let cases = [
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("*", "", true),
            ("*", "anything", true),
            ("a*", "a", true),
            ("*c", "abc", true),
            ("*c", "abd", false),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
            ("[abc]", "b", true),
            ("[abc]", "d", false),
            ("[a-c]x", "bx", true),
            ("[!a-c]x", "bx", false),
            ("[!a-c]x", "dx", true),
            ("[]]", "]", true),
            ("[!]]", "]", false),
            ("[!]]", "a", true),
            ("[-a]", "-", true),
            ("[a-]", "-", true),
            ("x]", "x]", true),
            ("é*", "éà", true),
            ("?", "é", true),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(
                segment(pattern).matches(text, true),
                expected,
                "{pattern} {text}"
            );
        }
    }

    #[test]
    fn leading_dots_need_a_literal_leading_dot() {
        for pattern in [
            "*", "*env", "*.env", "?env", "[.]env", "[!a]env", "[.-z]env", "*[.]env",
        ] {
            assert!(!segment(pattern).matches(".env", true), "{pattern}");
            assert!(segment(pattern).matches(".env", false) || !pattern.starts_with('*'));
        }
        assert!(segment(".*").matches(".env", true));
        assert!(segment(".env").matches(".env", true));
        assert!(segment("*.env").matches("a.env", true));
    }

    #[test]
    fn bad_segments() {
        for pattern in ["a**", "***", "[", "[a", "[]", "[!]", "[!", "a[b/c]"] {
            assert!(Segment::new(pattern, true).is_err(), "{pattern}");
        }
        assert!(Segment::new("**", false).is_err());
        assert!(Segment::new("[/]", false).is_ok());
    }

    #[test]
    fn recursive_components() {
        let g = glob("/a/**");
        assert!(g.matches("/a/x"));
        assert!(g.matches("/a/x/y"));
        assert!(g.matches("/a/"));
        assert!(!g.matches("/a"));
        assert!(!g.matches("/a/.x"));
        assert!(!g.matches("/a/x/.y/z"));
        let g = glob("/a/**/b");
        assert!(g.matches("/a/b"));
        assert!(g.matches("/a/x/y/b"));
        assert!(!g.matches("/a/x/yb"));
        assert!(!g.matches("/a/.x/b"));
        let g = glob("/a/**/.git/**/c");
        assert!(g.matches("/a/.git/c/c"));
        assert!(g.matches("/a/x/.git/y/c"));
        assert!(!g.matches("/a/x/.git/.y/c"));
        assert_eq!(glob("/a/**/**/b"), glob("/a/**/b"));
        assert!(!Glob::new("/a/**", false).is_ok_and(|g| !g.matches("/a/.x")));
    }

    #[test]
    fn long_texts_take_polynomial_time() {
        // Exponential in the `glob` crate; here a few million steps at most.
        let g = glob("/d/*a*a*a*b*/x");
        let text = format!("/d/{}/x", "a".repeat(4000));
        assert!(!g.matches(&text));
        let g = glob("/**/*a*a*a*b*/**/x");
        let text = format!("/{}/x", ["aaaa"; 400].join("/"));
        assert!(!g.matches(&text));
    }

    #[test]
    fn literals() {
        assert_eq!(segment("a[*]b[[]").literal().as_deref(), Some("a*b["));
        assert_eq!(segment("a*").literal(), None);
        assert_eq!(segment("[ab]").literal(), None);
        assert_eq!(segment("[!a]").literal(), None);
        assert_eq!(segment("").literal().as_deref(), Some(""));
    }

    const DOT: glob::MatchOptions = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };

    const NO_DOT: glob::MatchOptions = glob::MatchOptions {
        require_literal_leading_dot: false,
        ..DOT
    };

    fn pattern_text() -> impl Strategy<Value = String> {
        let component = prop_oneof![
            3 => "[ab.*?!\\]\\[-]{0,4}",
            1 => Just("**".to_owned()),
        ];
        prop::collection::vec(component, 1..4).prop_map(|c| format!("/{}", c.join("/")))
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec("[ab.!\\]\\[-]{0,3}", 1..5).prop_map(|c| format!("/{}", c.join("/")))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Against the `glob` crate: the same answer, except that a dotfile the `glob` crate lets
        /// through (`*.env` for `.env`) is refused here.
        #[test]
        fn agrees_with_the_glob_crate(pattern in pattern_text(), text in text()) {
            // `glob` reads a trailing `**/` as `**`; here the empty last component stays.
            if pattern.ends_with("**/") {
                return Ok(());
            }
            let Ok(reference) = glob::Pattern::new(&pattern) else { return Ok(()); };
            let Ok(protected) = Glob::new(&pattern, true) else { return Ok(()); };
            let open = Glob::new(&pattern, false).expect("same syntax");
            prop_assert_eq!(open.matches(&text), reference.matches_with(&text, NO_DOT));
            let ours = protected.matches(&text);
            let theirs = reference.matches_with(&text, DOT);
            if ours != theirs {
                prop_assert!(theirs && text.contains("/."), "{} {}", pattern, text);
            }
        }

        #[test]
        fn never_panics(pattern in "\\PC{0,12}", text in "\\PC{0,12}") {
            if let Ok(g) = Glob::new(&format!("/{pattern}"), true) {
                let _ = g.matches(&format!("/{text}"));
                let _ = g.matches(&text);
            }
            if let Ok(s) = Segment::new(&pattern, false) {
                let _ = s.matches(&text, false);
            }
        }
    }
}

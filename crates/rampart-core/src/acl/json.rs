//! JSON capability files: read strictly, with positions, and translated to TOML, so that one
//! parser and one set of rules read both formats.
//!
//! The reader follows RFC 8259 and is stricter where a configuration must be: a key written
//! twice in one object is an error (the last would silently win), `null` is an error (TOML has
//! none: remove the key instead), nesting is bounded by [`MAX_DEPTH`] as in TOML, and a leading
//! byte order mark is ignored, as in TOML. Every error points at the offending byte; every
//! token of the translation is mapped back onto the JSON text (see [`SpanMap`]), so errors found
//! later, by the TOML parser or by resolution, point into the JSON too.

use std::collections::HashMap;
use std::ops::Range;

use super::parse::MAX_DEPTH;
use crate::diagnostic::{ConfigError, SourceFile, SpanMap};

/// The TOML translation of the JSON `file` and its map back, or the first error in the JSON.
///
/// A top-level object becomes the TOML document; a top-level array becomes its `capabilities`.
pub(crate) fn translate(file: &SourceFile) -> Result<(String, SpanMap), ConfigError> {
    let text = file.text();
    let mut reader = Reader {
        file,
        bytes: text.as_bytes(),
        pos: if text.starts_with('\u{feff}') { 3 } else { 0 },
        depth: 0,
        out: String::with_capacity(text.len() + text.len() / 4),
        map: SpanMap::default(),
    };
    reader.skip_whitespace();
    let root = reader.pos;
    // The first byte of the translation stands for the whole document.
    reader.out.push('\n');
    reader.map.push(0..1, root..root + 1);
    match reader.peek() {
        Some(b'{') => reader.object(true)?,
        Some(b'[') => {
            reader.emit("\"capabilities\" = ", root..root + 1);
            reader.array()?;
            reader.out.push('\n');
        }
        None => return Err(reader.error(root..root, "the file is empty", Some(shapes()))),
        Some(_) => {
            let start = reader.pos;
            reader.scalar()?;
            let message = "a capability file is not a single value";
            return Err(reader.error(start..reader.pos, message, Some(shapes())));
        }
    }
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        let at = reader.char_span();
        let help = "a JSON file holds one value: remove this, or wrap the values in a list";
        return Err(reader.error(at, "text after the end of the JSON", Some(help.into())));
    }
    Ok((reader.out, reader.map))
}

fn shapes() -> String {
    "a capability file holds a capability `{...}`, a list of them `[{...}, ...]`, or \
     `{ \"capabilities\": [...] }`"
        .into()
}

struct Reader<'a> {
    file: &'a SourceFile,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    out: String,
    map: SpanMap,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The bytes of the character at the current position (empty at the end).
    fn char_span(&self) -> Range<usize> {
        let len = self.file.text()[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        self.pos..self.pos + len
    }

    fn error(&self, span: Range<usize>, message: &str, help: Option<String>) -> ConfigError {
        self.file.error(span, message, help)
    }

    /// An error at the current character: `expected`, or the end of the file.
    fn unexpected(&self, expected: &str) -> ConfigError {
        let found = match self.peek() {
            None => "the file ends".to_string(),
            Some(_) => format!("found `{}`", &self.file.text()[self.char_span()]),
        };
        self.error(
            self.char_span(),
            &format!("expected {expected}; {found}"),
            None,
        )
    }

    /// Appends `toml` to the translation, as coming from `original`.
    fn emit(&mut self, toml: &str, original: Range<usize>) {
        let start = self.out.len();
        self.out.push_str(toml);
        self.map.push(start..self.out.len(), original);
    }

    fn enter(&mut self) -> Result<(), ConfigError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let message = format!("this opens an object or array deeper than {MAX_DEPTH} levels");
            let help = "capability files are shallow: look for brackets that are not closed";
            return Err(self.error(self.pos..self.pos + 1, &message, Some(help.into())));
        }
        Ok(())
    }

    fn value(&mut self) -> Result<(), ConfigError> {
        match self.peek() {
            Some(b'{') => self.object(false),
            Some(b'[') => self.array(),
            _ => self.scalar(),
        }
    }

    /// An object: the document itself (`root`: one `key = value` line per member) or an
    /// inline table.
    fn object(&mut self, root: bool) -> Result<(), ConfigError> {
        self.enter()?;
        let open = self.pos;
        self.pos += 1;
        if !root {
            self.emit("{", open..open + 1);
        }
        let mut keys: HashMap<String, Range<usize>> = HashMap::new();
        self.skip_whitespace();
        if self.peek() != Some(b'}') {
            loop {
                let (key, span) = self.string("a key (a string in double quotes)")?;
                if let Some(first) = keys.get(&key) {
                    let first = self.file.location(first);
                    let help = format!(
                        "the first is at line {}, column {}: a key appears once in an object, \
                         keep one",
                        first.line, first.column
                    );
                    let message = format!("the key `{key}` is written twice");
                    return Err(self.error(span, &message, Some(help)));
                }
                let toml_key = toml_string(&key);
                keys.insert(key, span.clone());
                if !root && keys.len() > 1 {
                    self.out.push_str(", ");
                }
                self.emit(&toml_key, span);
                self.out.push_str(" = ");
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return Err(self.unexpected("`:` after the key"));
                }
                self.pos += 1;
                self.skip_whitespace();
                self.value()?;
                if root {
                    self.out.push('\n');
                }
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(b'}') {
                            return Err(trailing_comma(self, comma));
                        }
                    }
                    Some(b'}') => break,
                    _ => return Err(self.unexpected("`,` or `}` after a member of the object")),
                }
            }
        }
        let close = self.pos;
        self.pos += 1;
        if !root {
            self.emit("}", close..close + 1);
        }
        self.depth -= 1;
        Ok(())
    }

    fn array(&mut self) -> Result<(), ConfigError> {
        self.enter()?;
        let open = self.pos;
        self.pos += 1;
        self.emit("[", open..open + 1);
        self.skip_whitespace();
        if self.peek() != Some(b']') {
            loop {
                self.value()?;
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(b']') {
                            return Err(trailing_comma(self, comma));
                        }
                        self.out.push_str(", ");
                    }
                    Some(b']') => break,
                    _ => return Err(self.unexpected("`,` or `]` after an item of the list")),
                }
            }
        }
        let close = self.pos;
        self.pos += 1;
        self.emit("]", close..close + 1);
        self.depth -= 1;
        Ok(())
    }

    /// A string, number, `true` or `false`.
    fn scalar(&mut self) -> Result<(), ConfigError> {
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {
                let (value, span) = self.string("a value")?;
                self.emit(&toml_string(&value), span);
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                // JSON's number syntax is a subset of TOML's.
                let token = &self.file.text()[start..self.pos];
                self.emit(token, start..self.pos);
            }
            Some(b't' | b'f' | b'n') => {
                let word = self.bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                let span = start..start + word;
                match &self.file.text()[span.clone()] {
                    literal @ ("true" | "false") => {
                        self.pos = span.end;
                        self.emit(literal, span);
                    }
                    "null" => {
                        let help = "TOML and Rampart have no null: remove the key (or the item)";
                        return Err(self.error(
                            span,
                            "`null` is not a value here",
                            Some(help.into()),
                        ));
                    }
                    _ => return Err(self.unexpected("a value")),
                }
            }
            _ => return Err(self.unexpected("a value")),
        }
        Ok(())
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<(), ConfigError> {
        let start = self.pos;
        let digits = |this: &mut Self| {
            let from = this.pos;
            while matches!(this.peek(), Some(b'0'..=b'9')) {
                this.pos += 1;
            }
            this.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let valid = digits(self)
            && !(self.bytes[int_start] == b'0' && self.pos - int_start > 1)
            && (self.peek() != Some(b'.') || {
                self.pos += 1;
                digits(self)
            })
            && (!matches!(self.peek(), Some(b'e' | b'E')) || {
                self.pos += 1;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.pos += 1;
                }
                digits(self)
            });
        if !valid {
            let end = self.pos.max(start + 1).min(self.bytes.len());
            let help = "JSON numbers are written like `12`, `-0.5` or `1e3`";
            return Err(self.error(start..end, "this is not a JSON number", Some(help.into())));
        }
        Ok(())
    }

    /// A string at the current position (`what` says what was expected there): its value and
    /// its bytes, quotes included.
    fn string(&mut self, what: &str) -> Result<(String, Range<usize>), ConfigError> {
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return Err(self.unexpected(what));
        }
        self.pos += 1;
        let mut value = String::new();
        loop {
            let rest = &self.file.text()[self.pos..];
            let plain = rest
                .find(|c: char| c == '"' || c == '\\' || c < ' ')
                .unwrap_or(rest.len());
            value.push_str(&rest[..plain]);
            self.pos += plain;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((value, start..self.pos));
                }
                Some(b'\\') => value.push(self.escape()?),
                Some(byte) => {
                    let message =
                        format!("a control character (U+{byte:04X}) cannot appear in a string");
                    let help = format!("write it as `\\u{byte:04x}`");
                    return Err(self.error(self.pos..self.pos + 1, &message, Some(help)));
                }
                None => {
                    let help = "close the string with `\"`";
                    return Err(self.error(
                        start..start + 1,
                        "this string never ends",
                        Some(help.into()),
                    ));
                }
            }
        }
    }

    /// The character an escape at the current position stands for.
    fn escape(&mut self) -> Result<char, ConfigError> {
        let start = self.pos;
        self.pos += 1;
        let simple = match self.peek() {
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            Some(b'/') => Some('/'),
            Some(b'b') => Some('\u{8}'),
            Some(b'f') => Some('\u{c}'),
            Some(b'n') => Some('\n'),
            Some(b'r') => Some('\r'),
            Some(b't') => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            self.pos += 1;
            return Ok(c);
        }
        if self.peek() != Some(b'u') {
            let end = self.char_span().end.max(start + 1);
            let help =
                "JSON escapes are `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` and `\\uXXXX`";
            return Err(self.error(start..end, "this is not a JSON escape", Some(help.into())));
        }
        let high = self.hex4(start)?;
        let code = if (0xD800..0xDC00).contains(&high) {
            let low_start = self.pos;
            let low = if self.bytes.get(self.pos..self.pos + 2) == Some(&b"\\u"[..]) {
                self.pos += 1;
                self.hex4(low_start)?
            } else {
                0
            };
            if !(0xDC00..0xE000).contains(&low) {
                let message = "this UTF-16 high surrogate is not followed by a low one";
                return Err(self.error(start..low_start, message, None));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| {
            let message = "this UTF-16 low surrogate has no high one before it";
            self.error(start..self.pos, message, None)
        })
    }

    /// The four hex digits after the `u` at the current position (`start` is the escape's
    /// backslash).
    fn hex4(&mut self, start: usize) -> Result<u32, ConfigError> {
        let digits = self.bytes.get(self.pos + 1..self.pos + 5);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok());
        match value {
            Some(value) => {
                self.pos += 5;
                Ok(value)
            }
            None => {
                let end = (self.pos + 1).min(self.bytes.len());
                let help = "write four hexadecimal digits after `\\u`, e.g. `\\u00e9`";
                Err(self.error(
                    start..end,
                    "this `\\u` escape is incomplete",
                    Some(help.into()),
                ))
            }
        }
    }
}

fn trailing_comma(reader: &Reader<'_>, comma: usize) -> ConfigError {
    let help = "JSON allows no `,` after the last item: remove it";
    reader.error(comma..comma + 1, "a trailing `,`", Some(help.into()))
}

/// `value` as a TOML basic string.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translated(json: &str) -> Result<String, ConfigError> {
        translate(&SourceFile::new("c.json", json)).map(|(toml, _)| toml)
    }

    fn error(json: &str) -> (usize, usize, String) {
        let error = translated(json).expect_err("invalid");
        (error.location.line, error.location.column, error.message)
    }

    #[test]
    fn translations_read_as_the_same_values() {
        let json = "\u{feff}{\"a\": [1, -0.5e3, true, \"x\\\"\\u00e9\\ud83d\\ude00\\u001b\"], \
                    \"b c\": {\"d\": {}}, \"e\": []}";
        let value: toml::Table =
            toml::from_str(&translated(json).expect("valid")).expect("valid TOML");
        let expected: toml::Table = toml::from_str(
            "a = [1, -0.5e3, true, \"x\\\"é😀\\u001B\"]\n\"b c\" = { d = {} }\ne = []\n",
        )
        .expect("valid TOML");
        assert_eq!(value, expected);
        let list = translated("[{\"identifier\": \"x\"}]").expect("valid");
        assert_eq!(list, "\n\"capabilities\" = [{\"identifier\" = \"x\"}]\n");
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second() {
        let (line, column, message) = error("{\n  \"a\": 1,\n  \"b\": {\"c\": 1, \"c\": 2}\n}");
        assert_eq!((line, column), (3, 17), "{message}");
        assert!(message.contains("`c` is written twice"), "{message}");
        // Escapes do not hide a duplicate.
        let (line, column, _) = error("{\"a\": 1, \"\\u0061\": 2}");
        assert_eq!((line, column), (1, 10));
    }

    #[test]
    fn errors_point_at_the_offending_byte() {
        for (json, at, says) in [
            ("{\"a\": null}", (1, 7), "`null`"),
            ("{\"a\": [1,]}", (1, 9), "trailing"),
            ("{\"a\": 1,}", (1, 8), "trailing"),
            ("{\"a\" 1}", (1, 6), "expected `:`"),
            ("{\"a\": 01}", (1, 7), "not a JSON number"),
            ("{\"a\": 1.}", (1, 7), "not a JSON number"),
            ("{\"a\": \"x\ty\"}", (1, 9), "control character"),
            ("{\"a\": \"\\x\"}", (1, 8), "not a JSON escape"),
            ("{\"a\": \"\\ud800\"}", (1, 8), "surrogate"),
            ("{\"a\": \"\\udc00\"}", (1, 8), "surrogate"),
            ("{\"a\": \"\\u12\"}", (1, 8), "incomplete"),
            ("{\"a\": \"x", (1, 7), "never ends"),
            ("{\"a\": 1} x", (1, 10), "after the end"),
            ("{\"a\": tru}", (1, 7), "expected a value"),
            ("{\"a\": é}", (1, 7), "found `é`"),
            ("{\"a\": 1", (1, 8), "the file ends"),
            ("{\n\r\"a\": 1", (3, 7), "the file ends"),
            ("", (1, 1), "empty"),
            ("\"x\"", (1, 1), "not a single value"),
            ("{1: 2}", (1, 2), "expected a key"),
        ] {
            let (line, column, message) = error(json);
            assert_eq!((line, column), at, "{json:?}: {message}");
            assert!(message.contains(says), "{json:?}: {message}");
        }
    }

    #[test]
    fn nesting_is_bounded_at_the_bracket_too_deep() {
        let deep = |n: usize| format!("{{\"a\": {}{}}}", "[".repeat(n - 1), "]".repeat(n - 1));
        assert!(translated(&deep(MAX_DEPTH)).is_ok());
        let (line, column, message) = error(&deep(MAX_DEPTH + 1));
        assert_eq!((line, column), (1, 7 + MAX_DEPTH - 1), "{message}");
    }
}

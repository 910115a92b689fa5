//! How deep a TOML file nests, checked before the TOML parser reads it.
//!
//! Configuration files are shallow; a file nesting deeper than [`MAX_DEPTH`] tables and arrays
//! is refused, at the key segment or bracket that opens one level too many. (The parser has a
//! limit of its own, but reports a long dotted key without a position.) The depth of a place is
//! the number of tables and arrays around it, the root table included: in `a.b = [1]` the `1`
//! is at depth 4.
//!
//! The scan reads only what nesting needs: comments, the four kinds of strings, keys, table
//! headers, arrays and inline tables. It judges nothing else; the parser does.

use std::ops::Range;

use super::parse::MAX_DEPTH;

/// An open array or inline table.
struct Frame {
    inline_table: bool,
    /// The depth of the container values are put in once this one closes.
    outer: usize,
}

/// The bytes (a key segment, `[` or `{`) that open a table or array deeper than [`MAX_DEPTH`],
/// if any.
pub(crate) fn too_deep(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut frames: Vec<Frame> = Vec::new();
    // Where keys and values are put: the current table (or inline table), and the container
    // the value being read goes in.
    let mut table = 1;
    let mut value = 1;
    let mut at_key = true;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b' ' | b'\t' => i += 1,
            b'#' => i = line_end(bytes, i),
            b'\n' | b'\r' => {
                i += 1;
                if frames.is_empty() {
                    at_key = true;
                }
            }
            b'[' if at_key && frames.is_empty() => {
                let array = bytes.get(i + 1) == Some(&b'[');
                let start = i + 1 + usize::from(array);
                let (end, segments) = key(bytes, start);
                let mut depth = 1;
                for (n, segment) in segments.iter().enumerate() {
                    let last = n + 1 == segments.len();
                    depth += 1 + usize::from(last && array);
                    if depth > MAX_DEPTH {
                        return Some(segment.clone());
                    }
                }
                table = depth;
                value = depth;
                i = end;
                at_key = false;
            }
            b'"' | b'\'' if !at_key => i = string_end(bytes, i),
            b'[' | b'{' => {
                if value + 1 > MAX_DEPTH {
                    return Some(i..i + 1);
                }
                let inline_table = byte == b'{';
                frames.push(Frame {
                    inline_table,
                    outer: value,
                });
                value += 1;
                at_key = inline_table;
                i += 1;
            }
            b']' | b'}' => {
                if let Some(frame) = frames.pop() {
                    value = frame.outer;
                }
                at_key = false;
                i += 1;
            }
            b',' => {
                if let Some(frame) = frames.last() {
                    at_key = frame.inline_table;
                    // Back in the inline table after one of its values.
                    if frame.inline_table {
                        value = frame.outer + 1;
                    }
                }
                i += 1;
            }
            _ if at_key => {
                let (end, segments) = key(bytes, i);
                let base = if frames.is_empty() { table } else { value };
                // Every segment but the last opens a table.
                let opening = segments.len().saturating_sub(1);
                for (n, segment) in segments.iter().take(opening).enumerate() {
                    if base + n + 1 > MAX_DEPTH {
                        return Some(segment.clone());
                    }
                }
                value = base + segments.len().saturating_sub(1);
                at_key = false;
                // Past the key, its `=`, or one byte of something that is not a key.
                i = end.max(i + 1);
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                }
            }
            _ => i = scalar_end(bytes, i),
        }
    }
    None
}

/// A dotted key starting at `start`: where it ends (after blanks) and its segments' bytes.
fn key(bytes: &[u8], start: usize) -> (usize, Vec<Range<usize>>) {
    let mut segments = Vec::new();
    let mut i = start;
    loop {
        i = skip_while(bytes, i, is_blank);
        let segment_start = i;
        i = match bytes.get(i) {
            Some(b'"' | b'\'') => string_end(bytes, i),
            _ => skip_while(bytes, i, |b| {
                b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
            }),
        };
        if i == segment_start {
            return (i, segments);
        }
        segments.push(segment_start..i);
        i = skip_while(bytes, i, is_blank);
        if bytes.get(i) != Some(&b'.') {
            return (i, segments);
        }
        i += 1;
    }
}

/// The first offset from `i` on whose byte is not `skipped`.
fn skip_while(bytes: &[u8], i: usize, skipped: impl Fn(u8) -> bool) -> usize {
    let rest = bytes.get(i..).unwrap_or_default();
    i + rest.iter().take_while(|&&b| skipped(b)).count()
}

fn is_blank(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// The end of the line `i` is on (its `\n` or `\r`).
fn line_end(bytes: &[u8], i: usize) -> usize {
    skip_while(bytes, i, |b| b != b'\n' && b != b'\r')
}

/// The end of the bare value (number, boolean, date) at `i`.
fn scalar_end(bytes: &[u8], i: usize) -> usize {
    let end = skip_while(bytes, i, |b| {
        !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'#')
    });
    end.max(i + 1)
}

/// The end of the string whose opening quote is at `i`: basic or literal, one line or
/// multi-line. An unterminated one ends at its line's end (one line) or the text's.
fn string_end(bytes: &[u8], i: usize) -> usize {
    let Some(&quote) = bytes.get(i) else {
        return i;
    };
    let multi = bytes.get(i..i + 3) == Some(&[quote; 3][..]);
    let mut j = i + if multi { 3 } else { 1 };
    while let Some(&b) = bytes.get(j) {
        if b == b'\\' && quote == b'"' {
            j += 2;
        } else if b == quote {
            if !multi {
                return j + 1;
            }
            let run = bytes[j..].iter().take_while(|&&c| c == quote).count();
            if run >= 3 {
                // Up to two quotes before the closing three belong to the string.
                return j + run.min(5);
            }
            j += run;
        } else if !multi && (b == b'\n' || b == b'\r') {
            return j;
        } else {
            j += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deepest_ok(text: &str) -> bool {
        too_deep(text).is_none()
    }

    #[test]
    fn each_kind_of_nesting_counts() {
        let keys = |n: usize| format!("{} = 1\n", vec!["k"; n].join("."));
        assert!(deepest_ok(&keys(MAX_DEPTH)));
        let text = keys(MAX_DEPTH + 1);
        assert_eq!(too_deep(&text), Some(62..63), "segment 32 opens table 33");
        let header = |n: usize| format!("[{}]\n", vec!["h"; n].join("."));
        assert!(deepest_ok(&header(MAX_DEPTH - 1)));
        assert_eq!(too_deep(&header(MAX_DEPTH)), Some(63..64));
        let arrays = |n: usize| format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(deepest_ok(&arrays(MAX_DEPTH - 1)));
        assert_eq!(too_deep(&arrays(MAX_DEPTH)), Some(35..36));
        let inline = |n: usize| format!("x = {}1{}\n", "{ a = ".repeat(n), " }".repeat(n));
        assert!(deepest_ok(&inline(MAX_DEPTH - 1)));
        assert!(too_deep(&inline(MAX_DEPTH)).is_some());
        // Under an array-of-tables header (depth 3: the root, the array, its table), keys
        // start deeper.
        let deep_key = format!("[[a]]\n{}\n", keys(MAX_DEPTH - 1));
        assert!(too_deep(&deep_key).is_some());
        assert!(deepest_ok(&format!("[[a]]\n{}\n", keys(MAX_DEPTH - 2))));
        assert!(deepest_ok(
            "x = { }\ny = { a = { b = [] }, c = [ {}, [] ] }\n"
        ));
    }

    #[test]
    fn strings_comments_and_scalars_do_not_nest() {
        let text = "a = \"[[[{{{\" # [[[[[[\nb = '''\n[[[[\n'''\nc = \"\"\"x\\\"\"\"[\"\"\"\n\
                    d = 1979-05-27T07:32:00Z\ne = [1.5, { f.g = 'h.i' }, [\"]\"]]\n\"q.r\".s = 1\n";
        let deep = text.repeat(50);
        assert!(deepest_ok(&deep));
        let dotted_in_inline = format!("x = {{ {} = 1 }}\n", vec!["k"; MAX_DEPTH].join("."));
        assert!(too_deep(&dotted_in_inline).is_some());
    }

    #[test]
    fn broken_text_ends_the_scan() {
        for text in [
            "a = \"unterminated",
            "[a.",
            "x = [[[",
            "'''",
            "a.\"b",
            "= = =",
            "]]}}",
        ] {
            assert!(deepest_ok(text), "{text}");
        }
    }
}

//! Lines and columns as an editor counts them, found in logarithmic time.
//!
//! A line ends at `\n`, at `\r\n` or at a lone `\r`. A column counts characters from the
//! line's start, 1 for the first; a leading byte order mark is not a character of line 1.

use std::ops::Range;

/// Columns on long lines are counted from the nearest multiple of this many bytes.
const CHUNK: usize = 4096;

/// The line starts of one text, and character counts that keep columns on long lines cheap.
#[derive(Debug)]
pub(crate) struct LineIndex {
    /// The byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    /// The number of characters before byte `i * CHUNK`, for every `i` up to the text's end.
    chars_before_chunk: Vec<usize>,
    /// The length of a leading byte order mark: 3 or 0.
    bom: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        let mut chars_before_chunk = Vec::with_capacity(bytes.len() / CHUNK + 2);
        let mut count = 0;
        for chunk in bytes.chunks(CHUNK) {
            chars_before_chunk.push(count);
            count += count_chars(chunk);
        }
        chars_before_chunk.push(count);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            starts,
            chars_before_chunk,
            bom,
        }
    }

    /// The 1-based line and column of byte `offset` of `text` (the text this index was made
    /// from). An offset inside a character counts as that character; one inside a `\r\n` as
    /// its `\r`; one past the end as the end.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = self.normalize(text, offset);
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.content(text, line).start.min(offset);
        let column = if offset - start <= CHUNK {
            count_chars(text.as_bytes().get(start..offset).unwrap_or_default())
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line, column + 1)
    }

    /// Byte `offset` moved to the start of its character, and off the `\n` of a `\r\n`.
    pub(crate) fn normalize(&self, text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let bytes = text.as_bytes();
        if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            offset - 1
        } else {
            offset
        }
    }

    /// The bytes of 1-based `line` without its line ending (nor, for line 1, a byte order
    /// mark). A line past the last is empty, at the end of the text.
    pub(crate) fn content(&self, text: &str, line: usize) -> Range<usize> {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len()..text.len();
        };
        let start = if line <= 1 { self.bom } else { start };
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// How many lines the text has (a final line ending does not start another).
    pub(crate) fn count(&self, text: &str) -> usize {
        let ends_with_break = self
            .starts
            .last()
            .is_some_and(|&s| s == text.len() && s > 0);
        self.starts.len() - usize::from(ends_with_break)
    }

    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chunk = offset / CHUNK;
        let from = chunk * CHUNK;
        let counted = self.chars_before_chunk.get(chunk).copied().unwrap_or(0);
        counted + count_chars(text.as_bytes().get(from..offset).unwrap_or_default())
    }
}

/// How many characters start in `bytes`.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_char_start(b)).count()
}

/// Whether `byte` starts a UTF-8 character (is not a continuation byte).
fn is_char_start(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, offset: usize) -> (usize, usize) {
        LineIndex::new(text).position(text, offset)
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "ab\ncd\r\nef\rgh";
        assert_eq!(at(text, 0), (1, 1));
        assert_eq!(at(text, 2), (1, 3));
        assert_eq!(at(text, 3), (2, 1));
        assert_eq!(at(text, 5), (2, 3), "the CR of a CRLF ends line 2");
        assert_eq!(at(text, 6), (2, 3), "its LF is the same place");
        assert_eq!(at(text, 7), (3, 1));
        assert_eq!(at(text, 9), (3, 3));
        assert_eq!(at(text, 10), (4, 1));
        assert_eq!(at(text, 99), (4, 3));
        let index = LineIndex::new(text);
        assert_eq!(index.count(text), 4);
        assert_eq!(index.content(text, 2), 3..5);
        assert_eq!(index.content(text, 3), 7..9);
        assert_eq!(index.content(text, 9), text.len()..text.len());
        assert_eq!(LineIndex::new("a\n").count("a\n"), 1);
        assert_eq!(LineIndex::new("").count(""), 1);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "x\néé日z";
        assert_eq!(at(text, 2 + 2 + 2 + 3), (2, 4));
        assert_eq!(at(text, 3), (2, 1), "inside a character is that character");
        let long = format!("{}é{}", "a".repeat(CHUNK * 3 + 1), "b".repeat(10));
        assert_eq!(at(&long, long.len()), (1, CHUNK * 3 + 13));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}ab\ncd";
        assert_eq!(at(text, 3), (1, 1));
        assert_eq!(at(text, 4), (1, 2));
        assert_eq!(at(text, 0), (1, 1));
        assert_eq!(at(text, 7), (2, 2));
        assert_eq!(LineIndex::new(text).content(text, 1), 3..5);
    }
}

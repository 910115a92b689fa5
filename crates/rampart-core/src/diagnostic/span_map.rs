//! Where the bytes of a translated text come from: errors found in the TOML translation of a
//! JSON file point at the JSON text the author wrote.

use std::ops::Range;

/// For each token of a translation (a key, a value, a bracket), the bytes of the original it
/// was translated from, in order.
#[derive(Debug, Default)]
pub(crate) struct SpanMap {
    pieces: Vec<Piece>,
}

#[derive(Debug)]
struct Piece {
    translated: Range<usize>,
    original: Range<usize>,
}

impl SpanMap {
    /// Records that the `translated` bytes (after every range pushed before) come from the
    /// `original` ones.
    pub(crate) fn push(&mut self, translated: Range<usize>, original: Range<usize>) {
        self.pieces.push(Piece {
            translated,
            original,
        });
    }

    /// The bytes of the original a span of the translation comes from: from the start of the
    /// token its start is in (or follows) to the end of the token its end is in.
    pub(crate) fn original(&self, span: &Range<usize>) -> Range<usize> {
        let Some(first) = self.piece_at(span.start) else {
            return 0..0;
        };
        let start = first.original.start;
        if span.is_empty() {
            return start..start;
        }
        let end = self
            .piece_at(span.end - 1)
            .map_or(first.original.end, |last| last.original.end);
        start..end.max(start)
    }

    /// The last piece starting at or before `offset`.
    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let after = self
            .pieces
            .partition_point(|piece| piece.translated.start <= offset);
        self.pieces.get(after.checked_sub(1)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_token_by_token() {
        // JSON `{"a": [1]}` as TOML `\n"a" = [1]\n`.
        let mut map = SpanMap::default();
        map.push(0..1, 0..1);
        map.push(1..4, 1..4);
        map.push(7..8, 6..7);
        map.push(8..9, 7..8);
        map.push(9..10, 8..9);
        assert_eq!(map.original(&(0..0)), 0..0, "the root");
        assert_eq!(map.original(&(1..4)), 1..4, "the key");
        assert_eq!(map.original(&(7..10)), 6..9, "the array");
        assert_eq!(map.original(&(8..9)), 7..8, "its item");
        assert_eq!(
            map.original(&(5..5)),
            1..1,
            "between tokens: the one before"
        );
        assert_eq!(SpanMap::default().original(&(3..4)), 0..0);
    }
}

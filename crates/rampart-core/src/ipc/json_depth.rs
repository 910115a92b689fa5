//! A bound on JSON nesting, checked before any parser runs.
//!
//! serde_json's own recursion limit (128) is fixed; [`check_depth`] enforces the configured
//! `max-json-depth` in one linear pass without allocating, so a deeply nested body is refused
//! before it costs a parser anything.

/// A JSON text nests arrays and objects deeper than allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("JSON nested deeper than {max_depth} levels (at byte {offset})")]
pub struct DepthError {
    /// The limit that was exceeded.
    pub max_depth: usize,
    /// Offset of the `[` or `{` that went one level too deep.
    pub offset: usize,
}

impl From<DepthError> for super::IpcError {
    /// A body nested too deep is a bad request.
    fn from(_: DepthError) -> Self {
        super::IpcError::bad_request("the JSON body is nested too deeply")
    }
}

/// Checks that `bytes` never nests `[` / `{` more than `max_depth` levels deep, counting only
/// brackets outside strings (a `\` inside a string escapes the next byte). A scalar has depth
/// 0, `[]` depth 1, `{"a":[]}` depth 2.
///
/// It does not validate JSON otherwise. That is enough: up to the first byte a JSON parser
/// rejects, the input is a valid prefix, where this count is exactly the parser's nesting, so
/// no parser reaches a depth this check did not see. Stops at the first bracket too deep;
/// O(n), no allocation, no recursion, never panics.
pub fn check_depth(bytes: &[u8], max_depth: usize) -> Result<(), DepthError> {
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                // `depth <= max_depth` held before this byte, and `offset < usize::MAX`.
                depth = depth.saturating_add(1);
                if depth > max_depth {
                    return Err(DepthError { max_depth, offset });
                }
            }
            // Unbalanced closers are invalid JSON, which the parser refuses; never go below 0.
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

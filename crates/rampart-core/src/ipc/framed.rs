//! Raw bytes with a JSON head in one body: how a command that takes both a few named arguments
//! and a large payload (the fs plugin's `write_file`, `append_file` and `write`) receives them
//! without base64 or a JSON array of numbers.
//!
//! The body is `[head length: u32, big-endian][head: a UTF-8 JSON object][data]`. The head is
//! at most [`MAX_HEAD_LEN`] bytes; the data is everything after it, possibly nothing.

/// The longest head a framed body may carry.
pub const MAX_HEAD_LEN: usize = 64 * 1024;

/// Why a body is not a framed body.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FramedError {
    /// Fewer than the four bytes of the head's length.
    #[error("the body is too short for a framed body: expected a 4-byte head length")]
    Short,
    /// The head's length is more than [`MAX_HEAD_LEN`] or more than the body holds.
    #[error(
        "the head of the framed body says it is {0} bytes long, more than the body holds or the limit of 65536"
    )]
    HeadLength(usize),
}

/// The head and the data of a framed `body`.
pub fn split(body: &[u8]) -> Result<(&[u8], &[u8]), FramedError> {
    let (length, rest) = body.split_first_chunk::<4>().ok_or(FramedError::Short)?;
    let length = usize::try_from(u32::from_be_bytes(*length)).unwrap_or(usize::MAX);
    if length > MAX_HEAD_LEN || length > rest.len() {
        return Err(FramedError::HeadLength(length));
    }
    Ok(rest.split_at(length))
}

/// `head` and `data` as one framed body (what the page's API builds).
pub fn join(head: &[u8], data: &[u8]) -> Vec<u8> {
    let length = u32::try_from(head.len()).unwrap_or(u32::MAX);
    let mut body = Vec::with_capacity(4 + head.len() + data.len());
    body.extend_from_slice(&length.to_be_bytes());
    body.extend_from_slice(head);
    body.extend_from_slice(data);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_what_join_made() {
        let body = join(br#"{"path":"/a"}"#, b"\x00\x01data");
        assert_eq!(
            split(&body),
            Ok((&br#"{"path":"/a"}"#[..], &b"\x00\x01data"[..]))
        );
        assert_eq!(split(&join(b"{}", b"")), Ok((&b"{}"[..], &b""[..])));
    }

    #[test]
    fn refuses_short_bodies_and_heads_past_the_end_or_the_limit() {
        assert_eq!(split(b""), Err(FramedError::Short));
        assert_eq!(split(b"\0\0\0"), Err(FramedError::Short));
        assert_eq!(split(b"\0\0\0\x05{}"), Err(FramedError::HeadLength(5)));
        let over = join(&vec![b' '; MAX_HEAD_LEN + 1], b"");
        assert_eq!(split(&over), Err(FramedError::HeadLength(MAX_HEAD_LEN + 1)));
        assert_eq!(
            split(&[0xff, 0xff, 0xff, 0xff]),
            Err(FramedError::HeadLength(u32::MAX as usize))
        );
        let limit = join(&vec![b' '; MAX_HEAD_LEN], b"x");
        assert!(split(&limit).is_ok());
    }
}

//! The command name of a call, checked against the only two shapes a command can have: from an
//! HTTP request's URI path (percent-decoded first), or as a door received it.

use super::error::IpcError;

/// Longest command name accepted, in bytes (after percent-decoding).
pub const MAX_COMMAND_LEN: usize = 200;

/// The error for any path or name that is not a command name. It never echoes the input.
pub(super) fn not_a_command() -> IpcError {
    IpcError::not_found(
        "no such command: a command is called as `name` or `plugin:<plugin>|<name>` \
         (lowercase ASCII letters, digits and `_`; plugin names with `-`), at most 200 bytes",
    )
}

/// The command named by `path` (`/read_note`, `/plugin%3Afs%7Cread_file`).
pub(super) fn command_from_path(path: &str) -> Result<String, IpcError> {
    let encoded = path.strip_prefix('/').ok_or_else(not_a_command)?;
    let decoded = percent_decode(encoded.as_bytes()).ok_or_else(not_a_command)?;
    if !is_command(&decoded) {
        return Err(not_a_command());
    }
    // Only ASCII passes `is_command`, so this cannot fail; refuse rather than panic anyway.
    String::from_utf8(decoded).map_err(|_| not_a_command())
}

/// `name` itself, if it is a well-formed command name of at most [`MAX_COMMAND_LEN`] bytes.
pub(super) fn command_from_name(name: &str) -> Option<String> {
    (name.len() <= MAX_COMMAND_LEN && is_command(name.as_bytes())).then(|| name.to_string())
}

/// Decodes `%XX` escapes. None for a malformed escape or a result over [`MAX_COMMAND_LEN`].
fn percent_decode(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len().min(MAX_COMMAND_LEN));
    let mut rest = input;
    while let Some((&byte, tail)) = rest.split_first() {
        let (decoded, tail) = if byte == b'%' {
            match tail {
                [hi, lo, tail @ ..] => ((hex(*hi)? << 4) | hex(*lo)?, tail),
                _ => return None,
            }
        } else {
            (byte, tail)
        };
        if out.len() == MAX_COMMAND_LEN {
            return None;
        }
        out.push(decoded);
        rest = tail;
    }
    Some(out)
}

/// The value of one hex digit.
fn hex(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// `name` or `plugin:<plugin>|<name>`.
fn is_command(name: &[u8]) -> bool {
    match name.strip_prefix(b"plugin:") {
        Some(rest) => match rest.iter().position(|&b| b == b'|') {
            Some(bar) => {
                let (plugin, command) = rest.split_at(bar);
                is_plugin_name(plugin) && is_command_name(command.get(1..).unwrap_or_default())
            }
            None => false,
        },
        None => is_command_name(name),
    }
}

/// `[a-z_][a-z0-9_]*`.
fn is_command_name(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_lowercase() || *first == b'_')
                && rest
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
        }
        None => false,
    }
}

/// `[a-z][a-z0-9-]*`.
fn is_plugin_name(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            first.is_ascii_lowercase()
                && rest
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_in_either_case() {
        assert_eq!(percent_decode(b"a%3Ab%7cc"), Some(b"a:b|c".to_vec()));
        assert_eq!(percent_decode(b"%"), None);
        assert_eq!(percent_decode(b"%4"), None);
        assert_eq!(percent_decode(b"%zz"), None);
        assert_eq!(percent_decode(b"%+1"), None);
    }

    #[test]
    fn stops_at_the_length_limit() {
        let at_limit = vec![b'a'; MAX_COMMAND_LEN];
        assert!(percent_decode(&at_limit).is_some());
        let over = vec![b'a'; MAX_COMMAND_LEN + 1];
        assert!(percent_decode(&over).is_none());
        let encoded_over = "%61".repeat(MAX_COMMAND_LEN + 1);
        assert!(percent_decode(encoded_over.as_bytes()).is_none());
    }
}

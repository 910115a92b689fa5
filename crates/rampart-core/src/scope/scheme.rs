//! URI schemes (RFC 3986, section 3.1).

use super::{PatternError, shown};

/// Whether `text` is a scheme: a letter followed by letters, digits, `+`, `-` or `.`.
pub(crate) fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Validates a scheme and returns it lowercased (schemes are case-insensitive).
pub(crate) fn parse_scheme(text: &str) -> Result<String, PatternError> {
    if is_scheme(text) {
        return Ok(text.to_ascii_lowercase());
    }
    let error = PatternError::new(format!("`{}` is not a URL scheme", shown(text)));
    Err(match text.strip_suffix(':').or_else(|| text.strip_suffix("://")) {
        Some(bare) if is_scheme(bare) => error.help(format!("write the scheme alone: `{bare}`")),
        _ => error.help(
            "a scheme is a letter followed by letters, digits, `+`, `-` or `.`, such as `https` \
             or `mailto`",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_follow_rfc_3986() {
        for ok in ["https", "mailto", "x", "web+app", "a.b-c", "HTTPS", "z3"] {
            assert!(is_scheme(ok), "{ok}");
        }
        for bad in [
            "", "1http", "+a", "ht tp", "http:", "ht/tp", "é", "a_b", "*",
        ] {
            assert!(!is_scheme(bad), "{bad}");
        }
    }

    #[test]
    fn parse_lowercases_and_explains() {
        assert_eq!(parse_scheme("MailTo").as_deref(), Ok("mailto"));
        let e = parse_scheme("mailto:").expect_err("colon");
        assert_eq!(e.help.as_deref(), Some("write the scheme alone: `mailto`"));
        assert!(parse_scheme("https://").is_err());
        assert!(parse_scheme("").is_err());
    }
}

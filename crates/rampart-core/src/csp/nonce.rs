//! The launch's nonce: drawn when the app starts, written by the runtime into each page in place
//! of the placeholder [`page`](super::page) put on its external scripts and stylesheets, and
//! added to the page's policy.

use base64::Engine as _;

/// Put where this launch's nonce goes; as long as a nonce ([`NONCE_LEN`]), so pages keep their
/// length when it is written in.
pub const NONCE_PLACEHOLDER: &str = "RAMPART_NONCE_PLACEHOL";

/// Length of a nonce: 16 random bytes in unpadded base64.
pub const NONCE_LEN: usize = 22;

/// This launch's nonce, made of 16 random bytes: unpadded base64, [`NONCE_LEN`] characters.
pub fn nonce(random: [u8; 16]) -> String {
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(random)
}

/// Writes `nonce` ([`NONCE_LEN`] characters) in place of each [`NONCE_PLACEHOLDER`] of a
/// read page (a page that contained the placeholder text itself was refused when read); a nonce
/// of another length leaves the page as it is.
pub fn fill_nonce(html: &mut [u8], nonce: &str) {
    let placeholder = NONCE_PLACEHOLDER.as_bytes();
    if nonce.len() != placeholder.len() {
        return;
    }
    let mut at = 0;
    while let Some(found) = html[at..]
        .windows(placeholder.len())
        .position(|w| w == placeholder)
    {
        let start = at + found;
        html[start..start + placeholder.len()].copy_from_slice(nonce.as_bytes());
        at = start + placeholder.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_fills_each_placeholder_and_nothing_else() {
        assert_eq!(NONCE_PLACEHOLDER.len(), NONCE_LEN);
        let nonce = nonce([0xff; 16]);
        assert_eq!(nonce.len(), NONCE_LEN);
        let page = format!(
            "<script nonce=\"{NONCE_PLACEHOLDER}\"></script><link nonce=\"{NONCE_PLACEHOLDER}\">"
        );
        let mut filled = page.clone().into_bytes();
        fill_nonce(&mut filled, &nonce);
        let filled = String::from_utf8(filled).expect("utf-8");
        assert_eq!(filled.matches(&nonce).count(), 2);
        assert!(!filled.contains(NONCE_PLACEHOLDER));
        let mut unchanged = page.clone().into_bytes();
        fill_nonce(&mut unchanged, "short");
        assert_eq!(unchanged, page.into_bytes());
    }
}

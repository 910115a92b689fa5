//! The API token: proof that a request to the door was made by the API the runtime injected
//! into this webview, and so that its body is one the door may read.
//!
//! WebKitGTK cannot read every request body in the UI process: for a body made from a `Blob`
//! (a `Blob`, a `File`, a `FormData` with a file), `webkit_uri_scheme_request_get_http_body`
//! resolves the blob through a registry the UI process does not have and crashes the app
//! (SIGSEGV), and no fact of the request (method, headers) tells such a body from bytes. The
//! injected API only ever sends strings and bytes (it reads a `Blob` into bytes first), so the
//! door reads a body only when the request carries this webview's token, which the API holds
//! in a closure that page scripts cannot reach.
//!
//! The token is NOT an authorization factor: the door asks the access control first, from the
//! facts the engine reports, and a call without the token is refused before its body is read.
//! A token that leaked would let a page send the engine a body it cannot read (a crash), and
//! nothing else.

use std::fmt;

/// The header the injected API sends the token in.
pub(crate) const TOKEN_HEADER: &str = "Rampart-Token";

/// The placeholder in `js/dist/inject.js` that [`ApiToken::inject`] replaces.
const PLACEHOLDER: &str = "__RAMPART_API_TOKEN__";

/// A webview's token: 128 random bits, as 32 lowercase hex digits.
#[derive(Clone)]
pub(crate) struct ApiToken(String);

impl ApiToken {
    /// A fresh token from the operating system's randomness.
    pub(crate) fn generate() -> Result<ApiToken, String> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| format!("no randomness for the webview's API token: {e}"))?;
        Ok(ApiToken(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token as the API sends it.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `header` (the request's [`TOKEN_HEADER`], if any) is this token. Compares in
    /// constant time, so that how long a refusal takes tells nothing of the token.
    pub(crate) fn matches(&self, header: Option<&[u8]>) -> bool {
        let Some(header) = header else {
            return false;
        };
        let expected = self.0.as_bytes();
        header.len() == expected.len()
            && header
                .iter()
                .zip(expected)
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
    }

    /// `script` (the injected API) with this token in place of its placeholder.
    ///
    /// # Panics
    /// If `script` does not hold the placeholder exactly once: the API was built wrongly, and
    /// a unit test of the checked-in script catches that before any release.
    pub(crate) fn inject(&self, script: &str) -> String {
        assert_eq!(
            script.matches(PLACEHOLDER).count(),
            1,
            "the injected API must hold the token placeholder exactly once"
        );
        script.replacen(PLACEHOLDER, &self.0, 1)
    }
}

/// Never prints the token.
impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_match_only_themselves() {
        let one = ApiToken::generate().expect("randomness");
        let two = ApiToken::generate().expect("randomness");
        assert_ne!(one.as_str(), two.as_str());
        assert_eq!(one.as_str().len(), 32);
        assert!(one.matches(Some(one.as_str().as_bytes())));
        assert!(!one.matches(Some(two.as_str().as_bytes())));
        assert!(!one.matches(None));
        assert!(!one.matches(Some(b"")));
        assert!(!one.matches(Some(&one.as_str().as_bytes()[..31])));
        assert!(!one.matches(Some(format!("{} ", one.as_str()).as_bytes())));
        assert_eq!(format!("{one:?}"), "ApiToken(..)");
    }

    #[test]
    fn the_injected_api_holds_the_placeholder_once() {
        let token = ApiToken::generate().expect("randomness");
        let script = token.inject(crate::scripts::API);
        assert_eq!(script.matches(token.as_str()).count(), 1);
        assert!(!script.contains(PLACEHOLDER));
    }
}

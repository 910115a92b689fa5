//! The secrets the runtime writes into the scripts it injects into a webview, which page scripts
//! cannot read (they live in those scripts' closures): 128 random bits each, per webview.
//!
//! - The API token: proof that a request to the `ipc://` door was made by the API, and so that
//!   its body is one the door may read (below).
//! - The bridge key: proof, to the page's API, that the port offered at document start comes
//!   from the message door's isolated script and not from a page (see `js/src/bridge.ts`).
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

/// The placeholder of the API token in `js/dist/inject.js`.
pub(crate) const API_TOKEN: &str = "__RAMPART_API_TOKEN__";

/// The placeholder of the bridge key in `js/dist/inject.js` and `js/dist/isolated.js`.
pub(crate) const BRIDGE_KEY: &str = "__RAMPART_BRIDGE_KEY__";

/// A webview's secret: 128 random bits, as 32 lowercase hex digits.
#[derive(Clone)]
pub(crate) struct Secret(String);

impl Secret {
    /// A fresh secret from the operating system's randomness.
    pub(crate) fn generate() -> Result<Secret, String> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| format!("no randomness for the webview's secrets: {e}"))?;
        Ok(Secret(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The secret as the scripts hold it.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `header` (a request's [`TOKEN_HEADER`], if any) is this secret. Compares in
    /// constant time, so that how long a refusal takes tells nothing of the secret.
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

    /// `script` with this secret in place of `placeholder`.
    ///
    /// # Panics
    /// If `script` does not hold `placeholder` exactly once: the script was built wrongly, and
    /// a unit test of the checked-in scripts catches that before any release.
    pub(crate) fn inject(&self, script: &str, placeholder: &str) -> String {
        assert_eq!(
            script.matches(placeholder).count(),
            1,
            "an injected script must hold {placeholder} exactly once"
        );
        script.replacen(placeholder, &self.0, 1)
    }
}

/// Never prints the secret.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_and_match_only_themselves() {
        let one = Secret::generate().expect("randomness");
        let two = Secret::generate().expect("randomness");
        assert_ne!(one.as_str(), two.as_str());
        assert_eq!(one.as_str().len(), 32);
        assert!(one.matches(Some(one.as_str().as_bytes())));
        assert!(!one.matches(Some(two.as_str().as_bytes())));
        assert!(!one.matches(None));
        assert!(!one.matches(Some(b"")));
        assert!(!one.matches(Some(&one.as_str().as_bytes()[..31])));
        assert!(!one.matches(Some(format!("{} ", one.as_str()).as_bytes())));
        assert_eq!(format!("{one:?}"), "Secret(..)");
    }

    #[test]
    fn the_injected_scripts_hold_each_placeholder_once() {
        let secret = Secret::generate().expect("randomness");
        for (script, placeholder) in [
            (crate::scripts::API, API_TOKEN),
            (crate::scripts::API, BRIDGE_KEY),
            (crate::scripts::ISOLATED, BRIDGE_KEY),
        ] {
            let injected = secret.inject(script, placeholder);
            assert_eq!(injected.matches(secret.as_str()).count(), 1);
            assert!(!injected.contains(placeholder));
        }
    }
}

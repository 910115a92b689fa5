//! Raw bytes in and out of commands, without JSON in between.
//!
//! [`Bytes`] is three things: a command parameter that receives the request body the page sent
//! as a `Uint8Array` (`application/octet-stream`), a return type the page receives as a
//! `Uint8Array`, and the item type of a [`Channel<Bytes>`](crate::Channel) that streams chunks.
//! It is deliberately not `Serialize`: bytes never turn into a JSON array of numbers by accident.
//!
//! ```
//! use rampart::Bytes;
//!
//! /// The page calls `invoke("checksum", new Uint8Array([...]))`.
//! #[rampart::command]
//! fn checksum(body: Bytes) -> u32 {
//!     body.iter().map(|&b| u32::from(b)).sum()
//! }
//! ```
//!
//! The body is the bytes, so such a command has no JSON arguments:
//!
//! ```compile_fail
//! #[rampart::command]
//! fn checksum(body: rampart::Bytes, seed: u32) -> u32 {
//!     seed
//! }
//! ```

use std::ops::Deref;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rampart_core::ipc::{BodyKind, IpcError};

use crate::extract::{CallInput, FromCall, Takes};

/// Raw bytes: a request body, a response body, or a chunk on a channel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bytes(pub Vec<u8>);

impl Bytes {
    /// The bytes, as a vector.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Bytes {
        Bytes(bytes)
    }
}

impl From<&[u8]> for Bytes {
    fn from(bytes: &[u8]) -> Bytes {
        Bytes(bytes.to_vec())
    }
}

impl From<Bytes> for Vec<u8> {
    fn from(bytes: Bytes) -> Vec<u8> {
        bytes.0
    }
}

/// The body of a call the page made with raw bytes, moved out of it; `bad_request` for a JSON
/// call.
impl FromCall<'_> for Bytes {
    const TAKES: Takes = Takes::Body;

    fn from_call(input: &mut CallInput<'_>, _name: &'static str) -> Result<Self, IpcError> {
        input.take_body().map(Bytes)
    }
}

/// `bad_request` unless the page sent raw bytes.
pub(crate) fn check_raw(kind: BodyKind) -> Result<(), IpcError> {
    match kind {
        BodyKind::Raw => Ok(()),
        BodyKind::Json | BodyKind::Empty | BodyKind::Sealed => Err(IpcError::bad_request(
            "this command takes raw bytes: pass a Uint8Array (application/octet-stream)",
        )),
    }
}

/// Standard base64 with padding (RFC 4648 §4), as `atob` reads it.
pub(crate) fn base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// The bytes standard base64 with padding stands for; `None` if `text` is not that.
pub(crate) fn from_base64(text: &str) -> Option<Vec<u8>> {
    STANDARD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::{base64, from_base64};

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
            assert_eq!(from_base64(expected).as_deref(), Some(input.as_bytes()));
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00, 0x3e, 0x3f]), "//4APj8=");
        for text in ["Zg", "Zm9v!", "Z===", "-_8="] {
            assert_eq!(from_base64(text), None, "{text:?}");
        }
    }
}

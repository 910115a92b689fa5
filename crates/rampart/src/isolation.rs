//! The isolation pattern in the runtime: a sealing key per launch and per webview, the script
//! that gives it to the isolation application's frame only, and the gate's side, which opens
//! sealed calls (`rampart_core::ipc::seal`).
//!
//! The key's raw bytes go into one script: the one WebKit injects, at document start, into
//! frames whose URL is `isolation://localhost/...` only (a user script with an allow list),
//! which imports them as a non-extractable, encrypt-only `CryptoKey` and wipes them. No page of
//! the app's origin can read a user script, and no response of any scheme carries the key.

use std::sync::Mutex;

use rampart_core::ipc::seal::{KEY_LEN, Replays, SealError, SealKey, Unsealed, open};

use crate::{bytes, scripts};

/// The isolation frame's script, with its placeholders.
const FRAME_SCRIPT: &str = include_str!("../../../js/dist/isolation.js");

/// The placeholders of [`FRAME_SCRIPT`] and of the API's isolation flag.
const KEY_PLACEHOLDER: &str = "__RAMPART_ISOLATION_KEY__";
const WEBVIEW_PLACEHOLDER: &str = "__RAMPART_ISOLATION_WEBVIEW__";
pub(crate) const FLAG_PLACEHOLDER: &str = "__RAMPART_ISOLATION__";

/// The URL of the isolation application's page, the one document that gets the key (the user
/// script's allow list; the script checks the path exactly too).
pub(crate) const FRAME_URLS: &str = "isolation://localhost/index.html*";

/// One webview's side of the isolation pattern: its key, and the counters its gate accepted.
pub(crate) struct Isolation {
    key: SealKey,
    replays: Mutex<Replays>,
}

impl Isolation {
    /// A fresh key for the webview `label`, whose pages are also served by `dev_origin` (the
    /// development server, in debug builds), and the frame script that holds it: given to
    /// WebKit once (`scripts::install`), then dropped.
    pub(crate) fn generate(
        label: &str,
        dev_origin: Option<&str>,
    ) -> Result<(Isolation, String), String> {
        let mut raw = [0u8; KEY_LEN];
        getrandom::fill(&mut raw)
            .map_err(|e| format!("no randomness for the isolation key: {e}"))?;
        let encoded = bytes::base64(&raw);
        let script = scripts::with_dev_origin(FRAME_SCRIPT, dev_origin)
            .replacen(KEY_PLACEHOLDER, &encoded, 1)
            .replacen(WEBVIEW_PLACEHOLDER, &scripts::string_body(label), 1);
        let key = SealKey::new(&raw);
        raw.fill(0);
        let isolation = Isolation {
            key,
            replays: Mutex::new(Replays::default()),
        };
        Ok((isolation, script))
    }

    /// Opens a call sealed for `command` in `webview`.
    pub(crate) fn open(
        &self,
        envelope: &[u8],
        command: &str,
        webview: &str,
    ) -> Result<Unsealed, SealError> {
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            });
        let mut replays = self.replays.lock().map_err(|_| SealError::Replayed)?;
        open(&self.key, envelope, command, webview, &mut replays, now_ms)
    }

    /// Seals `plaintext` as the frame would (the mock runtime's tests).
    pub(crate) fn seal_for_tests(&self, nonce: &[u8; 12], plaintext: &[u8]) -> Vec<u8> {
        rampart_core::ipc::seal::seal(&self.key, nonce, plaintext)
    }
}

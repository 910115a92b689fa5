//! Sealed calls: the isolation pattern's envelope, opened by the gate.
//!
//! When an app runs with the isolation pattern, every call of its own pages goes through the
//! isolation application (a sandboxed frame of the author's), which may refuse or rewrite it,
//! then seals it with the webview's key — AES-256-GCM, a fresh key per launch and per webview,
//! which only the isolation frame holds (as a non-extractable, encrypt-only `CryptoKey`). The
//! gate accepts from the app's own origin no call it cannot open.
//!
//! An envelope is `[nonce: 12 bytes][ciphertext and tag]`. The plaintext covers the whole call,
//! as a framed body ([`super::framed`]): a JSON head `{ "command", "webview", "session", "counter",
//! "time", "args" }` for JSON arguments (no data), or `{ "command", "webview", "session", "counter",
//! "time", "bytes": true }` followed by the raw bytes, which so cost no encoding. [`open`] refuses
//! an envelope sealed with another key or changed on the way ([`SealError::Tampered`]), one whose
//! command or webview is not the call's ([`SealError::Mismatch`]: a ciphertext moved to another
//! command or webview), one sealed more than [`MAX_AGE_MS`] ago or too far ahead
//! ([`SealError::Expired`]), and a counter its session has seen before or that is too old
//! ([`Replays`], [`SealError::Replayed`]). A session is forgotten only once every envelope it
//! had accepted has expired, so no accepted envelope ever opens twice.

use std::collections::{BTreeSet, HashMap};

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::framed;
use super::gate::BodyKind;

/// The `Content-Type` of a sealed call sent to the `ipc://` door.
pub const SEALED_CONTENT_TYPE: &str = "application/x-rampart-sealed";

/// The length of a key, in bytes.
pub const KEY_LEN: usize = 32;

/// The length of an envelope's nonce, in bytes.
pub const NONCE_LEN: usize = 12;

/// How far behind the highest counter accepted a counter may be and still be accepted once.
pub const REPLAY_WINDOW: u64 = 1024;

/// How long after it was sealed (the frame's clock, in `time`) an envelope still opens.
pub const MAX_AGE_MS: u64 = 120_000;

/// How far ahead of the gate's clock a sealing time may be (the two read the same clock; this
/// is for its steps).
pub const MAX_SKEW_MS: u64 = 60_000;

/// How much longer than its call's body an envelope may be: nonce, tag, head length and head.
pub const MAX_OVERHEAD: usize = NONCE_LEN + 16 + 4 + framed::MAX_HEAD_LEN;

/// A webview's sealing key, as the gate holds it.
pub struct SealKey(Aes256Gcm);

impl SealKey {
    /// The key made of `bytes`.
    pub fn new(bytes: &[u8; KEY_LEN]) -> SealKey {
        SealKey(Aes256Gcm::new(bytes.into()))
    }
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

/// Why a sealed call is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The envelope is shorter than a nonce and a tag.
    #[error("the sealed call is too short")]
    Short,
    /// Sealed with another key, or changed on the way.
    #[error("the sealed call does not open with this webview's key")]
    Tampered,
    /// The plaintext is not a call.
    #[error("the sealed call is malformed: {0}")]
    Malformed(String),
    /// Sealed for another command or another webview.
    #[error("the sealed call was made for another command or another webview")]
    Mismatch,
    /// A counter already accepted, or too old.
    #[error("the sealed call was seen before (a replay)")]
    Replayed,
    /// Sealed too long ago, or stamped too far ahead.
    #[error("the sealed call has expired")]
    Expired,
    /// More isolation frames of this webview sealed calls within the expiry time than the gate
    /// remembers.
    #[error("too many isolation frames sealed calls in this webview lately: retry later")]
    TooManySessions,
}

/// What a sealed call holds, once opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsealed {
    /// The call's body: its JSON arguments, or its bytes.
    pub body: Vec<u8>,
    /// Whether the body is JSON or bytes.
    pub kind: BodyKind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    command: String,
    webview: String,
    session: u64,
    counter: u64,
    /// When the frame sealed it (its clock, ms since the Unix epoch).
    time: u64,
    /// The arguments' JSON text as sealed: not parsed here (the gate checks its depth first).
    args: Option<Box<RawValue>>,
    #[serde(default)]
    bytes: bool,
}

/// How many isolation frames' counters a webview's gate remembers ([`Replays`]).
pub const MAX_SESSIONS: usize = 1024;

/// The counters a webview's gate has accepted, per session: each isolation frame (a document
/// of the app's origin, reloaded or not) draws a random session and counts its calls from 1,
/// so a reload or a second document never collides with the counters of another. At most
/// [`MAX_SESSIONS`] are remembered. A session is forgotten, to make room, only when it has
/// accepted nothing for longer than an envelope lives ([`MAX_AGE_MS`] and [`MAX_SKEW_MS`]):
/// every envelope it accepted has then expired, and cannot be replayed under a session that
/// reads as new. With no such session, a new one is refused.
#[derive(Debug, Default)]
pub struct Replays {
    /// Each session: when it last accepted a call (the gate's clock, in ms), and its counters.
    sessions: HashMap<u64, (u64, ReplayWindow)>,
}

impl Replays {
    /// Accepts `counter` of `session` at `now_ms` if it is new and recent enough (session 0
    /// never is).
    pub fn accept(&mut self, session: u64, counter: u64, now_ms: u64) -> Result<(), SealError> {
        if session == 0 {
            return Err(SealError::Replayed);
        }
        if !self.sessions.contains_key(&session) && self.sessions.len() >= MAX_SESSIONS {
            let lived = MAX_AGE_MS + MAX_SKEW_MS;
            let stale = self
                .sessions
                .iter()
                .filter(|(_, (last, _))| last.saturating_add(lived) < now_ms)
                .min_by_key(|(_, (last, _))| *last)
                .map(|(stale, _)| *stale)
                .ok_or(SealError::TooManySessions)?;
            self.sessions.remove(&stale);
        }
        let (last, window) = self
            .sessions
            .entry(session)
            .or_insert_with(|| (now_ms, ReplayWindow::default()));
        if !window.accept(counter) {
            return Err(SealError::Replayed);
        }
        *last = (*last).max(now_ms);
        Ok(())
    }
}

/// The counters of one session accepted: each at most once, none more than
/// [`REPLAY_WINDOW`] behind the highest (calls may arrive out of order, through two doors).
#[derive(Debug, Default)]
pub struct ReplayWindow {
    highest: u64,
    seen: BTreeSet<u64>,
}

impl ReplayWindow {
    /// Accepts `counter` if it is new and recent enough.
    pub fn accept(&mut self, counter: u64) -> bool {
        if counter == 0 || counter.saturating_add(REPLAY_WINDOW) <= self.highest {
            return false;
        }
        if !self.seen.insert(counter) {
            return false;
        }
        if counter > self.highest {
            self.highest = counter;
            let floor = self.highest.saturating_sub(REPLAY_WINDOW);
            self.seen = self.seen.split_off(&floor);
        }
        true
    }
}

/// Opens `envelope`, sealed for `command` in `webview`, at `now_ms` (ms since the Unix epoch):
/// its time must be recent, and `replays` must accept its session and counter.
pub fn open(
    key: &SealKey,
    envelope: &[u8],
    command: &str,
    webview: &str,
    replays: &mut Replays,
    now_ms: u64,
) -> Result<Unsealed, SealError> {
    if envelope.len() < NONCE_LEN + 16 {
        return Err(SealError::Short);
    }
    let (nonce, ciphertext) = envelope.split_at(NONCE_LEN);
    let plaintext = key
        .0
        .decrypt(Nonce::from_slice(nonce), ciphertext)
        .map_err(|_| SealError::Tampered)?;
    let (head, data) =
        framed::split(&plaintext).map_err(|e| SealError::Malformed(e.to_string()))?;
    let call: Head =
        serde_json::from_slice(head).map_err(|e| SealError::Malformed(e.to_string()))?;
    if call.command != command || call.webview != webview {
        return Err(SealError::Mismatch);
    }
    let (body, kind) = match (call.args, call.bytes) {
        (Some(args), false) if data.is_empty() => (args.get().as_bytes().to_vec(), BodyKind::Json),
        (None, true) => (data.to_vec(), BodyKind::Raw),
        (None, false) if data.is_empty() => (b"{}".to_vec(), BodyKind::Json),
        _ => {
            return Err(SealError::Malformed(
                "a call has JSON `args` or `bytes` after its head, not both".into(),
            ));
        }
    };
    if call.time.saturating_add(MAX_AGE_MS) < now_ms
        || call.time > now_ms.saturating_add(MAX_SKEW_MS)
    {
        return Err(SealError::Expired);
    }
    replays.accept(call.session, call.counter, now_ms)?;
    Ok(Unsealed { body, kind })
}

/// Seals a call as the isolation frame does (for tests, benchmarks and fuzzing): `plaintext`
/// with `nonce`.
pub fn seal(key: &SealKey, nonce: &[u8; NONCE_LEN], plaintext: &[u8]) -> Vec<u8> {
    let mut envelope = nonce.to_vec();
    // Encrypting into a vector cannot fail but for lengths far beyond any call.
    if let Ok(sealed) = key.0.encrypt(Nonce::from_slice(nonce), plaintext) {
        envelope.extend_from_slice(&sealed);
    }
    envelope
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SealKey {
        SealKey::new(&[byte; KEY_LEN])
    }

    fn plain(head: &str, data: &[u8]) -> Vec<u8> {
        framed::join(head.as_bytes(), data)
    }

    /// The gate's clock in these tests (ms since the epoch), and the frame's.
    const NOW: u64 = 1_800_000_000_000;

    fn sealed(key: &SealKey, counter: u64, command: &str, webview: &str) -> Vec<u8> {
        sealed_at(key, counter, command, webview, NOW)
    }

    fn sealed_at(key: &SealKey, counter: u64, command: &str, webview: &str, time: u64) -> Vec<u8> {
        let head = format!(
            r#"{{"command":"{command}","webview":"{webview}","session":1,"counter":{counter},"time":{time},"args":{{"x":1}}}}"#
        );
        seal(key, &[counter as u8; NONCE_LEN], &plain(&head, b""))
    }

    #[test]
    fn a_call_opens_once_with_its_key_for_its_command_and_webview() {
        let (k, mut replays) = (key(7), Replays::default());
        let envelope = sealed(&k, 1, "save", "main");
        let opened = open(&k, &envelope, "save", "main", &mut replays, NOW).expect("opens");
        assert_eq!(
            (opened.body, opened.kind),
            (br#"{"x":1}"#.to_vec(), BodyKind::Json)
        );
        // Replayed.
        assert_eq!(
            open(&k, &envelope, "save", "main", &mut replays, NOW),
            Err(SealError::Replayed)
        );
        // Moved to another command or webview.
        let other = sealed(&k, 2, "save", "main");
        assert_eq!(
            open(&k, &other, "delete", "main", &mut replays, NOW),
            Err(SealError::Mismatch)
        );
        assert_eq!(
            open(&k, &other, "save", "settings", &mut replays, NOW),
            Err(SealError::Mismatch)
        );
        // Another key, a flipped bit, a short envelope.
        assert_eq!(
            open(&key(8), &other, "save", "main", &mut replays, NOW),
            Err(SealError::Tampered)
        );
        let mut flipped = other.clone();
        flipped[20] ^= 1;
        assert_eq!(
            open(&k, &flipped, "save", "main", &mut replays, NOW),
            Err(SealError::Tampered)
        );
        assert_eq!(
            open(&k, &other[..20], "save", "main", &mut replays, NOW),
            Err(SealError::Short)
        );
        // Bytes, raw after the head; and an empty call.
        let head = r#"{"command":"up","webview":"main","session":1,"counter":3,"time":1800000000000,"bytes":true}"#;
        let bytes = seal(&k, &[3; NONCE_LEN], &plain(head, &[0, 1, 2]));
        let opened = open(&k, &bytes, "up", "main", &mut replays, NOW).expect("bytes");
        assert_eq!((opened.body, opened.kind), (vec![0, 1, 2], BodyKind::Raw));
        let head =
            r#"{"command":"up","webview":"main","session":1,"counter":4,"time":1800000000000}"#;
        let empty = seal(&k, &[4; NONCE_LEN], &plain(head, b""));
        assert_eq!(
            open(&k, &empty, "up", "main", &mut replays, NOW).map(|o| o.body),
            Ok(b"{}".to_vec())
        );
        for (head, data) in [
            (
                r#"{"command":"up","webview":"main","session":1,"counter":5,"args":{},"bytes":true}"#,
                &b""[..],
            ),
            (
                r#"{"command":"up","webview":"main","session":1,"counter":6,"args":{}}"#,
                &b"trailing"[..],
            ),
            (
                r#"{"command":"up","webview":"main","session":1,"counter":7,"time":1800000000000,"extra":1}"#,
                &b""[..],
            ),
            (
                r#"{"command":"up","webview":"main","session":1,"counter":8,"args":{}}"#,
                &b""[..],
            ),
            (r#"{"command":"up","webview":"main"}"#, &b""[..]),
            ("not json", &b""[..]),
        ] {
            let envelope = seal(&k, &[9; NONCE_LEN], &plain(head, data));
            assert!(
                matches!(
                    open(&k, &envelope, "up", "main", &mut replays, NOW),
                    Err(SealError::Malformed(_))
                ),
                "{head}"
            );
        }
        let unframed = seal(&k, &[9; NONCE_LEN], b"{}");
        assert!(matches!(
            open(&k, &unframed, "up", "main", &mut replays, NOW),
            Err(SealError::Malformed(_))
        ));
    }

    #[test]
    fn the_replay_window_takes_each_counter_once_and_nothing_too_old() {
        let mut window = ReplayWindow::default();
        assert!(!window.accept(0));
        assert!(window.accept(5));
        assert!(window.accept(3), "out of order but new");
        assert!(!window.accept(3));
        assert!(window.accept(5000));
        assert!(!window.accept(5000 - REPLAY_WINDOW), "too old");
        assert!(window.accept(5000 - REPLAY_WINDOW + 1));
        assert!(!window.accept(5));
        assert!(!window.seen.contains(&3), "forgotten once too old");
        assert!(window.seen.len() <= REPLAY_WINDOW as usize + 1);
    }

    #[test]
    fn an_envelope_opens_only_while_recent() {
        let (k, mut replays) = (key(7), Replays::default());
        let old = sealed_at(&k, 1, "save", "main", NOW - MAX_AGE_MS - 1);
        let ahead = sealed_at(&k, 2, "save", "main", NOW + MAX_SKEW_MS + 1);
        for envelope in [old, ahead] {
            assert_eq!(
                open(&k, &envelope, "save", "main", &mut replays, NOW),
                Err(SealError::Expired)
            );
        }
        let recent = sealed_at(&k, 3, "save", "main", NOW - MAX_AGE_MS);
        assert!(open(&k, &recent, "save", "main", &mut replays, NOW).is_ok());
    }

    #[test]
    fn each_session_counts_on_its_own_and_is_forgotten_only_once_its_envelopes_expired() {
        let mut replays = Replays::default();
        assert_eq!(
            replays.accept(0, 1, NOW),
            Err(SealError::Replayed),
            "session 0"
        );
        assert!(replays.accept(7, 1, NOW).is_ok() && replays.accept(7, 2, NOW).is_ok());
        // A reload (or a second document): a new session counts from 1 again.
        assert!(replays.accept(8, 1, NOW).is_ok());
        assert!(
            replays.accept(7, 2, NOW).is_err() && replays.accept(8, 1, NOW).is_err(),
            "replays in either"
        );
        // A page that makes frames of its own to push session 7 out: while 7's envelopes
        // live, no new session is let in, and 7's counters stay remembered.
        for session in 100..100 + MAX_SESSIONS as u64 - 2 {
            assert!(replays.accept(session, 1, NOW).is_ok());
        }
        assert_eq!(replays.sessions.len(), MAX_SESSIONS);
        assert_eq!(
            replays.accept(5_000_000, 1, NOW + MAX_AGE_MS),
            Err(SealError::TooManySessions)
        );
        assert_eq!(
            replays.accept(7, 2, NOW + MAX_AGE_MS),
            Err(SealError::Replayed)
        );
        // Once every envelope session 7 accepted has expired, the session idle longest makes
        // room; its envelopes no longer open (they have expired), so it cannot replay them.
        let later = NOW + MAX_AGE_MS + MAX_SKEW_MS + 1;
        assert!(replays.accept(5_000_000, 1, later).is_ok());
        assert_eq!(replays.sessions.len(), MAX_SESSIONS);
        assert!(replays.accept(5_000_000, 1, later).is_err(), "remembered");
    }
}

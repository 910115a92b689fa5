//! Answers too large for the message door, kept for the page's API to fetch through `ipc://`.
//!
//! The message door answers through the engine's script-message reply, which copies its text
//! through every world it crosses: fine for small answers, slow and memory-hungry for megabytes
//! of bytes. So a large answer is kept here under a random 128-bit id, the message door answers
//! with that id (`rampart_core::ipc::message::AnswerKind::Pickup`), and the API fetches
//! `ipc://localhost/__pickup/<id>` at once. A pickup is taken once, only by a request of the API
//! (it carries the webview's token) from the origin that may read the answer, and only from the
//! webview that made the call; it is forgotten after a minute, and at most [`MAX`] wait at a
//! time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::gate::Answer;
use crate::protocol::secret::Secret;

/// The most answers that wait at once per webview; the oldest goes first.
const MAX: usize = 16;

/// How long an answer waits to be picked up.
const TTL: Duration = Duration::from_secs(60);

/// One webview's waiting answers, by id.
#[derive(Default)]
pub(crate) struct Pickups {
    waiting: Mutex<HashMap<String, (Instant, Answer)>>,
}

impl Pickups {
    /// Keeps `answer` (readable by its `readable_by` origin) and returns its id; gives it back
    /// when no id can be made (then it goes the usual way).
    pub(crate) fn keep(&self, answer: Answer) -> Result<String, Answer> {
        let Ok(id) = Secret::generate() else {
            return Err(answer);
        };
        let id = id.as_str().to_string();
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        waiting.retain(|_, (kept, _)| now.duration_since(*kept) < TTL);
        while waiting.len() >= MAX {
            let oldest = waiting
                .iter()
                .min_by_key(|(_, (kept, _))| *kept)
                .map(|(id, _)| id.clone());
            match oldest {
                Some(oldest) => waiting.remove(&oldest),
                None => break,
            };
        }
        waiting.insert(id.clone(), (now, answer));
        Ok(id)
    }

    /// The answer kept under `id`, taken once, if `origin` (the request's `Origin` header) is
    /// the one that may read it and it has not expired.
    pub(crate) fn take(&self, id: &str, origin: Option<&[u8]>) -> Option<Answer> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        let (kept, answer) = waiting.get(id)?;
        let reader = answer.readable_by.as_deref()?;
        if origin != Some(reader.as_bytes()) || kept.elapsed() >= TTL {
            return None;
        }
        waiting.remove(id).map(|(_, answer)| answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Reply;

    fn answer(origin: &str) -> Answer {
        Answer {
            outcome: Ok(Reply::Bytes(vec![7; 10])),
            readable_by: Some(origin.to_string()),
        }
    }

    #[test]
    fn an_answer_is_taken_once_by_its_origin_only() {
        let pickups = Pickups::default();
        let Ok(id) = pickups.keep(answer("app://localhost")) else {
            panic!("kept");
        };
        assert_eq!(id.len(), 32);
        assert!(pickups.take(&id, Some(b"https://evil.example")).is_none());
        assert!(pickups.take(&id, None).is_none());
        assert!(
            pickups
                .take("0".repeat(32).as_str(), Some(b"app://localhost"))
                .is_none()
        );
        assert!(pickups.take(&id, Some(b"app://localhost")).is_some());
        assert!(
            pickups.take(&id, Some(b"app://localhost")).is_none(),
            "taken twice"
        );
    }

    #[test]
    fn at_most_a_few_wait() {
        let pickups = Pickups::default();
        let ids: Vec<String> = (0..MAX + 4)
            .filter_map(|_| pickups.keep(answer("app://localhost")).ok())
            .collect();
        let left = ids
            .iter()
            .filter(|id| pickups.take(id, Some(b"app://localhost")).is_some())
            .count();
        assert_eq!(left, MAX);
    }
}

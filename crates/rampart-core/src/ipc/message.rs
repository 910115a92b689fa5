//! The message door's wire format. The script in the door's isolated world posts each call as
//! one string: the calling document's origin (`self.origin`, as the engine reports it to that
//! script), the API's call id, the body's kind (`json`: JSON arguments; `sealed`: a call sealed
//! by the isolation application, in standard base64), the command name and the body, separated
//! by NUL. The answer goes back as the same id, a NUL, one character that says what the answer
//! is ([`AnswerKind`]) and its payload, which the API reads with one parse at most.
//!
//! An origin's serialization, a decimal id and a kind hold no NUL, and neither JSON text (which
//! escapes it) nor base64 does; a command name can (the page names it), so the body starts
//! after the last NUL and the command name is everything before it, NULs included, which
//! [`CallFacts::new`] then refuses as it refuses any name that is not a command.

use super::gate::{BodyKind, CallFacts, Refusal};

/// Separates the fields of a message and of an answer.
pub const SEPARATOR: char = '\0';

/// The kind of a body of JSON arguments.
const JSON: &str = "json";

/// The kind of a sealed body, in base64.
const SEALED: &str = "sealed";

/// One call, as the isolated script posts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message<'a> {
    /// The calling document's origin.
    pub origin: &'a str,
    /// The API's id of the call, which the answer starts with.
    pub id: &'a str,
    /// How the body is to be read: [`BodyKind::Json`], or [`BodyKind::Sealed`] (base64).
    pub kind: BodyKind,
    /// The command's name, as the page gave it.
    pub command: &'a str,
    /// The body: JSON arguments, or a sealed call in base64.
    pub body: &'a str,
}

impl<'a> Message<'a> {
    /// The fields of `text`; `None` when one is missing or the kind is not one of the two.
    pub fn parse(text: &'a str) -> Option<Message<'a>> {
        let (origin, rest) = text.split_once(SEPARATOR)?;
        let (id, rest) = rest.split_once(SEPARATOR)?;
        let (kind, rest) = rest.split_once(SEPARATOR)?;
        let (command, body) = rest.rsplit_once(SEPARATOR)?;
        let kind = match kind {
            JSON => BodyKind::Json,
            SEALED => BodyKind::Sealed,
            _ => return None,
        };
        Some(Message {
            origin,
            id,
            kind,
            command,
            body,
        })
    }

    /// The call's facts. `local_origins` are the origins besides `app://localhost` that count
    /// as the app's own (see [`super::http`]).
    pub fn facts(&self, local_origins: &[&str]) -> Result<CallFacts, Refusal> {
        let origin = Some(self.origin.as_bytes());
        CallFacts::new(self.command, origin, local_origins, self.kind)
    }
}

/// What an answer is: the character after the call's id and the NUL, which says how the API
/// reads the payload that follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// `j`: the command's result, JSON.
    Json,
    /// `b`: the command's result, bytes, in standard base64.
    Bytes,
    /// `e`: the call failed; the error, JSON `{"code", "message", "data"?}`.
    Error,
    /// `p`: the answer is too large for the door and waits to be picked up through `ipc://`
    /// under the id that follows.
    Pickup,
    /// `x`: the call was refused to a caller that may not even read why; no payload.
    Unreadable,
}

impl AnswerKind {
    /// The character that stands for this kind.
    pub fn mark(self) -> char {
        match self {
            AnswerKind::Json => 'j',
            AnswerKind::Bytes => 'b',
            AnswerKind::Error => 'e',
            AnswerKind::Pickup => 'p',
            AnswerKind::Unreadable => 'x',
        }
    }
}

/// The text that settles the call `id` with an answer of `kind` carrying `payload`.
pub fn answer(id: &str, kind: AnswerKind, payload: &str) -> String {
    let mut text = String::with_capacity(id.len() + 2 + payload.len());
    text.push_str(id);
    text.push(SEPARATOR);
    text.push(kind.mark());
    text.push_str(payload);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::Origin;
    use crate::ipc::ErrorCode;

    #[test]
    fn a_message_has_five_fields() {
        let message = Message::parse("app://localhost\u{0}7\u{0}json\u{0}read_note\u{0}{\"id\":1}");
        assert_eq!(
            message,
            Some(Message {
                origin: "app://localhost",
                id: "7",
                kind: BodyKind::Json,
                command: "read_note",
                body: "{\"id\":1}",
            })
        );
        let facts = message.and_then(|m| m.facts(&[]).ok()).expect("facts");
        assert_eq!(facts.command, "read_note");
        assert_eq!(facts.origin, Origin::Local);
        assert_eq!(facts.body, BodyKind::Json);
    }

    #[test]
    fn a_message_missing_a_field_or_of_another_kind_is_not_parsed() {
        for text in [
            "",
            "app://localhost",
            "app://localhost\u{0}7",
            "a\u{0}7\u{0}json\u{0}ping",
            "a\u{0}7\u{0}raw\u{0}ping\u{0}{}",
        ] {
            assert_eq!(Message::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_sealed_message_is_a_sealed_call() {
        let text = "app://localhost\u{0}3\u{0}sealed\u{0}ping\u{0}AAEC";
        let message = Message::parse(text).expect("parsed");
        assert_eq!((message.kind, message.body), (BodyKind::Sealed, "AAEC"));
        let facts = message.facts(&[]).expect("facts");
        assert_eq!(facts.body, BodyKind::Sealed);
    }

    #[test]
    fn a_command_name_with_a_nul_is_not_a_command() {
        // The page named `ping\0x`: not `ping` with the arguments `x\0{}`.
        let message =
            Message::parse("app://localhost\u{0}7\u{0}json\u{0}ping\u{0}x\u{0}{}").expect("parsed");
        assert_eq!(message.command, "ping\u{0}x");
        assert_eq!(message.body, "{}");
        let refusal = message.facts(&[]).expect_err("refused");
        assert_eq!(refusal.error.code, ErrorCode::NotFound);
    }

    #[test]
    fn a_sandboxed_document_is_refused() {
        let message = Message::parse("null\u{0}1\u{0}json\u{0}read_note\u{0}{}").expect("parsed");
        let refusal = message.facts(&[]).expect_err("refused");
        assert_eq!(refusal.error.code, ErrorCode::Denied);
        assert_eq!(refusal.readable_by, None);
    }

    #[test]
    fn an_answer_is_the_id_its_kind_and_its_payload() {
        assert_eq!(answer("12", AnswerKind::Json, "null"), "12\u{0}jnull");
        assert_eq!(answer("7", AnswerKind::Bytes, "AQI="), "7\u{0}bAQI=");
        assert_eq!(answer("3", AnswerKind::Unreadable, ""), "3\u{0}x");
        assert_eq!(answer("4", AnswerKind::Error, "{}"), "4\u{0}e{}");
        assert_eq!(answer("5", AnswerKind::Pickup, "ab"), "5\u{0}pab");
    }
}

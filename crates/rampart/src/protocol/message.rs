//! The message door: JSON calls of the top frame, without an HTTP round trip. It translates
//! between a script-message handler registered in an isolated script world and the [`Gate`].
//!
//! `js/dist/isolated.js`, injected into that world of the top frame only (see `crate::scripts`),
//! receives the page API's requests over a private `MessagePort` and posts each, stamped with
//! the document's real origin (`self.origin`), to the handler (in the format of
//! `rampart_core::ipc::message`), which exists in that world only:
//! page scripts, and every sub-frame, cannot post to it. The origin is therefore a fact the
//! engine's document reported to a script the page cannot reach; the gate classifies it as it
//! classifies an `Origin` header (`null` is refused). The answer (its kind and payload, see
//! `rampart_core::ipc::message::AnswerKind`) settles the promise that script's `postMessage`
//! returned (`message_reply`): it reaches that call only, and nothing is evaluated in the page.

use std::borrow::Cow;
use std::sync::Arc;

use javascriptcore::{Context, Value, ValueExt};
use rampart_core::ipc::message::{self, AnswerKind, Message};
use rampart_core::ipc::{BodyKind, IpcError};
use webkit2gtk::glib;
use webkit2gtk::{UserContentManagerExt, WebViewExt};
use wry::WebViewExtUnix;

use super::message_reply::{self, MessageReply};
use super::webkit::GtkBound;
use crate::bytes;
use crate::command::Reply;
use crate::gate::{Answer, Body, BodyError, Gate, Incoming};

/// The isolated script world of the door, and its script-message handler.
pub(crate) const WORLD: &str = "rampart";

/// The largest answer, in bytes of JSON, the door sends back as text.
const LARGE: usize = 64 * 1024;

/// The message door of one webview.
pub(crate) struct MessageDoor {
    gate: Arc<Gate>,
}

impl MessageDoor {
    /// The door to `gate`.
    pub(crate) fn new(gate: Arc<Gate>) -> MessageDoor {
        MessageDoor { gate }
    }

    /// Serves the handler of `webview`'s isolated world through this door. Call it before the
    /// webview loads.
    pub(crate) fn serve(self, webview: &wry::WebView) -> Result<(), String> {
        let manager = webview
            .webview()
            .user_content_manager()
            .ok_or("the webview has no user content manager")?;
        if !manager.register_script_message_handler_with_reply(WORLD, WORLD) {
            return Err("the message door's handler cannot be registered".into());
        }
        message_reply::connect(&manager, WORLD, move |value, reply| {
            self.handle(value, reply);
        });
        Ok(())
    }

    /// One call from the isolated script; the answer settles its promise.
    fn handle(&self, value: &Value, reply: MessageReply) {
        let Some(context) = value.context() else {
            return tracing::error!("a message without a JavaScript context");
        };
        // As bytes: the fields are separated by NUL, where a C string would end.
        let bytes = value.to_string_as_bytes();
        let text = bytes.as_deref().map(std::str::from_utf8);
        let Some(message) = text.and_then(Result::ok).and_then(Message::parse) else {
            // Only the runtime's own isolated script can post here: this is a bug, not a page.
            // An answer that is not text fails the call.
            tracing::error!("the message door received a malformed call");
            return reply.send(&Value::new_null(&context));
        };
        let id = message.id.to_string();
        let to = GtkBound::new((reply, context, id.clone()), |(reply, context, id)| {
            let dropped = Answer {
                outcome: Err(IpcError::internal("the call was dropped")),
                readable_by: Some(String::new()),
            };
            send(reply, &context, answer_text(&id, &dropped));
        });
        let incoming = Incoming {
            origin: Some(message.origin.as_bytes()),
            facts: message.facts(self.gate.dev_origin().as_slice()),
            body: MessageBody(message),
        };
        let gate = self.gate.clone();
        self.gate.call(incoming, move |answer| {
            // Composed where the answer is delivered from; a large answer waits for the API to
            // fetch it through ipc:// (`crate::pickups`).
            let text = if large(&answer) {
                match gate.keep(answer) {
                    Ok(pickup) => message::answer(&id, AnswerKind::Pickup, &pickup),
                    Err(answer) => answer_text(&id, &answer),
                }
            } else {
                answer_text(&id, &answer)
            };
            to.finish(move |(reply, context, _)| send(reply, &context, text));
        });
    }
}

/// A message's body: JSON arguments as they are, a sealed call decoded from base64.
struct MessageBody<'a>(Message<'a>);

impl Body for MessageBody<'_> {
    fn read(self, max: usize) -> Result<Vec<u8>, BodyError> {
        let Message { kind, body, .. } = self.0;
        if kind != BodyKind::Sealed {
            return Ok(body.as_bytes()[..body.len().min(max)].to_vec());
        }
        let mut bytes = bytes::from_base64(body)
            .ok_or_else(|| BodyError::Unreadable("a sealed call is not base64".into()))?;
        bytes.truncate(max);
        Ok(bytes)
    }
}

/// Settles the call of `reply` with the answer `text` (on the GTK thread). From bytes: the
/// answer holds a NUL, where a C string would end.
fn send(reply: MessageReply, context: &Context, text: String) {
    let bytes = glib::Bytes::from_owned(text);
    reply.send(&Value::new_string_from_bytes(context, Some(&bytes)));
}

/// Whether `answer` is too large to go back as script-message text.
fn large(answer: &Answer) -> bool {
    answer.readable_by.is_some()
        && match &answer.outcome {
            Ok(Reply::Json(json)) => json.len() > LARGE,
            Ok(Reply::Bytes(bytes)) => bytes.len() > LARGE / 4 * 3,
            _ => false,
        }
}

/// The text that settles the call `id` with `answer` (see `message::answer`): the command's
/// JSON result as it is, its bytes in base64, the error (`{"code", "message", "data"?}`), or
/// nothing when the caller may not read it.
fn answer_text(id: &str, answer: &Answer) -> String {
    if answer.readable_by.is_none() {
        return message::answer(id, AnswerKind::Unreadable, "");
    }
    let (kind, payload): (AnswerKind, Cow<'_, str>) = match &answer.outcome {
        Ok(Reply::Json(json)) => (AnswerKind::Json, String::from_utf8_lossy(json)),
        Ok(Reply::Bytes(raw)) => (AnswerKind::Bytes, bytes::base64(raw).into()),
        Ok(Reply::Error { error, data }) => {
            let body =
                serde_json::json!({ "code": error.code, "message": error.message, "data": data });
            (AnswerKind::Error, body.to_string().into())
        }
        Err(error) => (
            AnswerKind::Error,
            String::from_utf8_lossy(&error.to_json())
                .into_owned()
                .into(),
        ),
    };
    message::answer(id, kind, &payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, max: usize) -> Result<Vec<u8>, BodyError> {
        MessageBody(Message::parse(text).expect("a message")).read(max)
    }

    #[test]
    fn json_arguments_are_read_as_they_are_up_to_the_limit() {
        let text = "app://localhost\u{0}1\u{0}json\u{0}save\u{0}{\"a\":1}";
        assert_eq!(body(text, 100).expect("read"), b"{\"a\":1}");
        assert_eq!(body(text, 3).expect("read"), b"{\"a");
    }

    #[test]
    fn a_sealed_call_is_decoded_from_base64_and_refused_when_it_is_not_base64() {
        let sealed = format!(
            "app://localhost\u{0}1\u{0}sealed\u{0}save\u{0}{}",
            bytes::base64(b"sealed bytes")
        );
        assert_eq!(body(&sealed, 100).expect("read"), b"sealed bytes");
        assert_eq!(body(&sealed, 6).expect("read"), b"sealed");
        let broken = "app://localhost\u{0}1\u{0}sealed\u{0}save\u{0}not base64!";
        assert!(matches!(body(broken, 100), Err(BodyError::Unreadable(_))));
    }

    #[test]
    fn each_answer_says_its_kind() {
        let answer = |outcome, readable_by: Option<&str>| {
            answer_text(
                "9",
                &Answer {
                    outcome,
                    readable_by: readable_by.map(str::to_string),
                },
            )
        };
        let app = Some("app://localhost");
        assert_eq!(answer(Ok(Reply::Json(b"[1]".to_vec())), app), "9\u{0}j[1]");
        assert_eq!(answer(Ok(Reply::Bytes(vec![1, 2])), app), "9\u{0}bAQI=");
        let error = answer(Err(IpcError::denied("no")), app);
        assert!(error.starts_with("9\u{0}e{"), "{error}");
        assert!(error.contains("\"code\":\"denied\""), "{error}");
        assert_eq!(answer(Err(IpcError::denied("no")), None), "9\u{0}x");
    }
}

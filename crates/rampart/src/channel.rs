//! Channels: a command streams values or bytes to the page that called it, with backpressure.
//!
//! The page opens a channel (`plugin:channel|open`, see `plugins::channel`) and gets a random
//! 128-bit id bound to its
//! webview. It passes the channel to a command as an argument (`{"__rampartChannel": id}`); the
//! command attaches it once, as a [`Channel<T>`], and sends. The page pulls what was sent with
//! `plugin:channel|next` (a long poll through the door, so every pull is checked like any call);
//! the queue between them is bounded, so a fast sender waits for a slow page. Only the webview
//! that opened a channel can attach, pull from or close it; to any other, it does not exist
//! (the same `bad_request` "no such channel" as an id that was never issued).
//!
//! On the wire, a pull answers `{"values": [...], "closed": bool}`: up to 256 messages, and no
//! more once they add up to 1 MiB of JSON (a single larger message still goes alone). A
//! `Channel<T>` message is `T` as JSON; a [`Channel<Bytes>`] message is
//! `{"__rampartBytes": "<standard base64 with padding>"}`, which the page decodes into a
//! `Uint8Array`. Messages are serialized when sent, on the command's thread; the queue holds at
//! most 32 of them per channel (their size is the command's choice of chunk), and a webview may
//! have at most 64 channels open. A pull waits at most 20 seconds for a first message.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rampart_core::ipc::{ErrorCode, IpcError};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use crate::bytes::{self, Bytes};
use crate::command::{Invocation, Reply};
use crate::extract::{CallInput, FromCall, Takes};
use crate::page_table::random_id;

/// Values a channel holds before its sender waits.
const CAPACITY: usize = 32;

/// Channels one webview may have open at once.
const MAX_OPEN_PER_WEBVIEW: usize = 64;

/// How long one pull waits for a value before answering with none (the page pulls again).
const POLL: Duration = Duration::from_secs(20);

/// Most messages one pull returns.
const BATCH: usize = 256;

/// A pull takes no further message once its messages add up to this many bytes of JSON.
const BATCH_BYTES: usize = 1 << 20;

/// One message as sent: JSON text, serialized by the sender.
type Message = String;

/// The channel argument as the page sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRef {
    #[serde(rename = "__rampartChannel")]
    id: String,
}

/// One open channel.
struct Slot {
    webview: String,
    /// Taken by the one command that attaches the channel.
    sender: Option<mpsc::Sender<Message>>,
    receiver: Arc<tokio::sync::Mutex<mpsc::Receiver<Message>>>,
}

/// Every open channel, by id.
#[derive(Default)]
pub(crate) struct Channels {
    slots: Mutex<HashMap<String, Slot>>,
}

impl Channels {
    fn with<R>(&self, f: impl FnOnce(&mut HashMap<String, Slot>) -> R) -> R {
        match self.slots.lock() {
            Ok(mut slots) => f(&mut slots),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Opens a channel for `webview`: its random id.
    pub(crate) fn open(&self, webview: &str) -> Result<String, IpcError> {
        let id = random_id("a channel id")?;
        let (sender, receiver) = mpsc::channel(CAPACITY);
        self.with(|slots| {
            if slots.values().filter(|s| s.webview == webview).count() >= MAX_OPEN_PER_WEBVIEW {
                return Err(IpcError::new(
                    ErrorCode::Busy,
                    format!("more than {MAX_OPEN_PER_WEBVIEW} channels open; close some"),
                ));
            }
            let slot = Slot {
                webview: webview.to_string(),
                sender: Some(sender),
                receiver: Arc::new(tokio::sync::Mutex::new(receiver)),
            };
            slots.insert(id.clone(), slot);
            Ok(id)
        })
    }

    /// The sender of channel `id`, once, for its owner.
    fn attach(&self, webview: &str, id: &str) -> Result<mpsc::Sender<Message>, IpcError> {
        self.with(|slots| match slots.get_mut(id) {
            Some(slot) if slot.webview == webview => slot.sender.take().ok_or_else(|| {
                IpcError::new(ErrorCode::BadRequest, "this channel is already in use")
            }),
            _ => Err(unknown_channel()),
        })
    }

    fn receiver(
        &self,
        webview: &str,
        id: &str,
    ) -> Result<Arc<tokio::sync::Mutex<mpsc::Receiver<Message>>>, IpcError> {
        self.with(|slots| match slots.get(id) {
            Some(slot) if slot.webview == webview => Ok(slot.receiver.clone()),
            _ => Err(unknown_channel()),
        })
    }

    /// Closes channel `id` of `webview`.
    pub(crate) fn close(&self, webview: &str, id: &str) -> Result<(), IpcError> {
        self.with(|slots| match slots.get(id) {
            Some(slot) if slot.webview == webview => {
                slots.remove(id);
                Ok(())
            }
            _ => Err(unknown_channel()),
        })
    }
}

impl Channels {
    /// One pull of channel `id` of `webview`: what was sent, as a batch (waiting at most
    /// [`POLL`] for a first message); a channel whose sender is done is closed.
    pub(crate) async fn pull(&self, webview: &str, id: &str) -> Result<Reply, IpcError> {
        let receiver = self.receiver(webview, id)?;
        let mut receiver = receiver.lock().await;
        let mut batch = Batch::new();
        match tokio::time::timeout(POLL, receiver.recv()).await {
            Ok(Some(message)) => batch.push(&message),
            Ok(None) => batch.closed = true,
            Err(_) => return Ok(batch.finish()),
        }
        while !batch.full() && !batch.closed {
            match receiver.try_recv() {
                Ok(message) => batch.push(&message),
                Err(mpsc::error::TryRecvError::Empty) => break,
                Err(mpsc::error::TryRecvError::Disconnected) => batch.closed = true,
            }
        }
        if batch.closed {
            self.close(webview, id).ok();
        }
        Ok(batch.finish())
    }
}

/// The same answer whether the channel never existed or belongs to another webview.
fn unknown_channel() -> IpcError {
    IpcError::new(ErrorCode::BadRequest, "no such channel")
}

/// A stream of `T` values to the page that passed this channel to the command; a
/// `Channel<Bytes>` streams chunks of raw bytes.
pub struct Channel<T> {
    sender: mpsc::Sender<Message>,
    marker: PhantomData<fn(T)>,
}

impl<T> Clone for Channel<T> {
    fn clone(&self) -> Self {
        Channel {
            sender: self.sender.clone(),
            marker: PhantomData,
        }
    }
}

/// The page closed the channel (or left): stop sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelClosed;

impl std::fmt::Display for ChannelClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the page closed the channel")
    }
}

impl std::error::Error for ChannelClosed {}

impl From<ChannelClosed> for IpcError {
    fn from(_: ChannelClosed) -> IpcError {
        IpcError::new(ErrorCode::BadRequest, "the channel was closed")
    }
}

/// The channel the page passed as the argument of the parameter's name, attached for this
/// call's webview only.
impl<T> FromCall<'_> for Channel<T> {
    const TAKES: Takes = Takes::Argument;

    fn from_call(input: &mut CallInput<'_>, name: &'static str) -> Result<Self, IpcError> {
        let argument = ChannelRef::from_call(input, name)?;
        Channel::attach(input.call(), argument)
    }
}

impl<T> Channel<T> {
    /// The channel the page passed as `argument`, for this call's webview only.
    pub fn attach(call: &Invocation, argument: ChannelRef) -> Result<Channel<T>, IpcError> {
        let sender = call.channels.attach(call.webview_label(), &argument.id)?;
        Ok(Channel {
            sender,
            marker: PhantomData,
        })
    }

    fn send_message(&self, message: Message) -> Result<(), ChannelClosed> {
        self.sender
            .blocking_send(message)
            .map_err(|_| ChannelClosed)
    }

    async fn send_message_async(&self, message: Message) -> Result<(), ChannelClosed> {
        self.sender.send(message).await.map_err(|_| ChannelClosed)
    }
}

/// `value` as a message. A value that cannot be serialized ends the stream like a closed page
/// (and is logged): the page could not have received it.
fn json_message<T: Serialize>(value: &T) -> Result<Message, ChannelClosed> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "a channel value cannot be serialized");
        ChannelClosed
    })
}

/// `bytes` as a message: `{"__rampartBytes": "<base64>"}`.
fn bytes_message(bytes: &[u8]) -> Message {
    format!("{{\"__rampartBytes\":\"{}\"}}", bytes::base64(bytes))
}

impl<T: Serialize> Channel<T> {
    /// Sends `value`, waiting while the page is behind (from a blocking command).
    pub fn send(&self, value: &T) -> Result<(), ChannelClosed> {
        self.send_message(json_message(value)?)
    }

    /// Sends `value`, waiting while the page is behind (from an async command).
    pub async fn send_async(&self, value: &T) -> Result<(), ChannelClosed> {
        self.send_message_async(json_message(value)?).await
    }
}

impl Channel<Bytes> {
    /// Sends a chunk of bytes, waiting while the page is behind (from a blocking command).
    pub fn send(&self, bytes: &[u8]) -> Result<(), ChannelClosed> {
        self.send_message(bytes_message(bytes))
    }

    /// Sends a chunk of bytes, waiting while the page is behind (from an async command).
    pub async fn send_async(&self, bytes: &[u8]) -> Result<(), ChannelClosed> {
        self.send_message_async(bytes_message(bytes)).await
    }
}

/// What one pull answers, built from messages that are JSON already.
struct Batch {
    json: String,
    count: usize,
    closed: bool,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            json: String::from("{\"values\":["),
            count: 0,
            closed: false,
        }
    }

    fn push(&mut self, message: &str) {
        if self.count > 0 {
            self.json.push(',');
        }
        self.json.push_str(message);
        self.count += 1;
    }

    fn full(&self) -> bool {
        self.count >= BATCH || self.json.len() >= BATCH_BYTES
    }

    fn finish(mut self) -> Reply {
        self.json.push_str(if self.closed {
            "],\"closed\":true}"
        } else {
            "],\"closed\":false}"
        });
        Reply::Json(self.json.into_bytes())
    }
}

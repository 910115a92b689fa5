//! A command's return value → the page's answer, chosen by type (for `#[rampart::command]`).
//!
//! A success value is an [`IntoReply`]: any `T: Serialize` becomes JSON, [`Bytes`] raw bytes, a
//! [`Reply`] itself. A `Result<T, E>` answers `T` on `Ok`; on `Err`, an `E: Into<IpcError>`
//! becomes that error (its code and message), otherwise an `E: Serialize` becomes
//! [`Reply::error`] with code `internal` and `E` as `data`.
//!
//! Rust has no specialisation, so the macro picks among these with method resolution
//! ("autoref specialisation"): it calls `(&&&wrap(value)).__rampart_reply()`, and the impl that
//! needs the fewest auto-dereferences and whose bounds hold wins — `Result` with an
//! `Into<IpcError>` error first, then `Result` with a `Serialize` error, then any [`IntoReply`]. The
//! type is concrete where the macro expands, so type aliases (`anyhow::Result<T>`, `type R<T> =
//! Result<T, MyError>`) are recognised too.

use std::cell::Cell;

use rampart_core::ipc::{ErrorCode, IpcError};
use serde::Serialize;

use crate::bytes::Bytes;
use crate::command::Reply;

/// A success value a command can return.
pub trait IntoReply {
    /// The answer to the page.
    fn reply(self) -> Result<Reply, IpcError>;
}

impl<T: Serialize> IntoReply for T {
    fn reply(self) -> Result<Reply, IpcError> {
        Reply::json(&self)
    }
}

impl IntoReply for Bytes {
    fn reply(self) -> Result<Reply, IpcError> {
        Ok(Reply::Bytes(self.0))
    }
}

impl IntoReply for Reply {
    fn reply(self) -> Result<Reply, IpcError> {
        Ok(self)
    }
}

/// A command's return value, waiting for the dispatch (taken once).
pub struct Wrap<T>(Cell<Option<T>>);

/// Wraps a command's return value for the dispatch.
pub fn wrap<T>(value: T) -> Wrap<T> {
    Wrap(Cell::new(Some(value)))
}

impl<T> Wrap<T> {
    fn take(&self) -> Result<T, IpcError> {
        self.0
            .take()
            .ok_or_else(|| IpcError::internal("a command's result was answered twice"))
    }
}

/// First choice: a `Result` whose error converts into an [`IpcError`].
pub trait ReplyIpcError {
    /// The answer to the page.
    fn __rampart_reply(&self) -> Result<Reply, IpcError>;
}

impl<T: IntoReply, E: Into<IpcError>> ReplyIpcError for &&Wrap<Result<T, E>> {
    fn __rampart_reply(&self) -> Result<Reply, IpcError> {
        self.take()?.map_err(Into::into)?.reply()
    }
}

/// Second choice: a `Result` whose error is `Serialize`.
pub trait ReplySerializeError {
    /// The answer to the page.
    fn __rampart_reply(&self) -> Result<Reply, IpcError>;
}

impl<T: IntoReply, E: Serialize> ReplySerializeError for &Wrap<Result<T, E>> {
    fn __rampart_reply(&self) -> Result<Reply, IpcError> {
        match self.take()? {
            Ok(value) => value.reply(),
            Err(error) => Reply::error(ErrorCode::Internal, &error),
        }
    }
}

/// Last choice: any [`IntoReply`].
pub trait ReplyValue {
    /// The answer to the page.
    fn __rampart_reply(&self) -> Result<Reply, IpcError>;
}

impl<T: IntoReply> ReplyValue for Wrap<T> {
    fn __rampart_reply(&self) -> Result<Reply, IpcError> {
        self.take()?.reply()
    }
}

#[cfg(test)]
mod tests {
    use super::{ReplyIpcError as _, ReplySerializeError as _, ReplyValue as _, wrap};
    use crate::bytes::Bytes;
    use crate::command::Reply;
    use rampart_core::ipc::{ErrorCode, IpcError};

    type Aliased<T> = Result<T, Vec<u32>>;

    #[test]
    // The borrows choose the impl; they are not needless.
    #[allow(clippy::needless_borrow)]
    fn the_most_specific_answer_wins() {
        let ipc: Result<u8, IpcError> = Err(IpcError::bad_request("no"));
        assert_eq!(
            (&&&wrap(ipc)).__rampart_reply(),
            Err(IpcError::bad_request("no"))
        );
        let data: Aliased<Bytes> = Err(vec![1, 2]);
        let Ok(Reply::Error { error, data }) = (&&&wrap(data)).__rampart_reply() else {
            panic!("a Serialize error is an answer with data");
        };
        assert_eq!(error.code, ErrorCode::Internal);
        assert_eq!(data, serde_json::json!([1, 2]));
        let bytes: Aliased<Bytes> = Ok(Bytes(vec![7]));
        assert_eq!(
            (&&&wrap(bytes)).__rampart_reply(),
            Ok(Reply::Bytes(vec![7]))
        );
        assert_eq!(
            (&&&wrap(5u8)).__rampart_reply(),
            Ok(Reply::Json(b"5".to_vec()))
        );
        assert_eq!(
            (&&&wrap(Reply::empty())).__rampart_reply(),
            Ok(Reply::empty())
        );
    }
}

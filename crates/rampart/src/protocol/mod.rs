//! The app's schemes: `app://localhost/...` serves its pages, `ipc://localhost/<command>` is a
//! door to the system (see `crate::gate`).

pub(crate) mod asset_scheme;
pub(crate) mod assets;
mod http;
pub(crate) mod ipc;
pub(crate) mod isolation_scheme;
pub(crate) mod message;
mod message_reply;
pub(crate) mod secret;
pub(crate) mod webkit;

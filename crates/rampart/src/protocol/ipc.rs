//! `ipc://localhost/<command>`: the door for every frame, raw bytes and large bodies. It
//! translates between HTTP-shaped requests and the [`Gate`]: the head becomes the call's facts
//! (`rampart_core::ipc::http`), the body is read only when the gate asks and only from a
//! request that carries the webview's API token ([`Secret`]), and the answer becomes an HTTP response
//! whose `Access-Control-Allow-Origin` names the one origin that may read it. WebKit sends no
//! CORS preflight for custom schemes: that header is what keeps a refused frame from reading
//! even why it was refused.

use std::borrow::Cow;
use std::sync::Arc;

use rampart_core::ipc::{self, IpcError, RequestParts};
use wry::http::Response;

use super::http;
use super::secret::{Secret, TOKEN_HEADER};
use super::webkit::{self, GtkBound, Head, RequestBody};
use crate::gate::{Body, BodyError, Gate, Incoming};

/// The path of a kept answer: `/__pickup/<id>` (no command has a `/` in its name).
const PICKUP: &str = "/__pickup/";

/// The path of the isolation application's sealed notice that its hook refused a call (no
/// command starts with `__`).
const REFUSAL_NOTICE: &str = "/__isolation_refused";

/// The largest such notice.
const MAX_NOTICE: usize = 16 * 1024;

/// The `ipc://` door of one webview.
pub(crate) struct IpcDoor {
    gate: Arc<Gate>,
    token: Secret,
}

impl IpcDoor {
    /// The door to `gate`, with a fresh token for the webview's API.
    pub(crate) fn new(gate: Arc<Gate>) -> Result<IpcDoor, String> {
        Ok(IpcDoor {
            gate,
            token: Secret::generate()?,
        })
    }

    /// The token the API injected into this webview sends.
    pub(crate) fn token(&self) -> &Secret {
        &self.token
    }

    /// One request: its head, its token header, its body on demand; `respond` gets the answer.
    pub(crate) fn handle(
        &self,
        parts: RequestParts<'_>,
        token: Option<&[u8]>,
        body: impl Body,
        respond: impl FnOnce(Response<Cow<'static, [u8]>>) + Send + 'static,
    ) {
        // An answer of the message door kept for the API (`crate::pickups`): no command.
        if let Some(id) = parts.path.strip_prefix(PICKUP) {
            let answer = self
                .gate
                .pick_up(id, parts.origin_header, self.token.matches(token));
            return respond(http::answer(answer));
        }
        // The isolation hook refused a call: a notice its frame sealed, for the refusal hook.
        if parts.path == REFUSAL_NOTICE {
            if self.token.matches(token)
                && let Ok(envelope) = body.read(MAX_NOTICE)
            {
                self.gate.isolation_refused(&envelope);
            }
            return respond(http::answer(crate::gate::Answer {
                outcome: Ok(crate::command::Reply::empty()),
                readable_by: None,
            }));
        }
        let incoming = Incoming {
            origin: parts.origin_header,
            facts: ipc::call_facts(&parts, self.gate.dev_origin().as_slice()),
            body: Tokened {
                from_api: self.token.matches(token),
                body,
            },
        };
        self.gate
            .call(incoming, move |answer| respond(http::answer(answer)));
    }

    /// Serves `ipc://` to `webview` through this door. Call it before the webview loads.
    pub(crate) fn serve(self, webview: &wry::WebView) -> Result<(), String> {
        webkit::register(webview, "ipc", move |request| {
            let head = Head::of(request, TOKEN_HEADER);
            let pending = GtkBound::new(request.clone(), |request| {
                let dropped = IpcError::internal("the call was dropped");
                webkit::respond(&request, http::error_response(&dropped, None));
            });
            let respond =
                move |response| pending.finish(move |request| webkit::respond(&request, response));
            self.handle(head.parts(), head.token(), RequestBody(request), respond);
        })
    }
}

/// A body the gate may read only if the request came from the API (WebKitGTK crashes reading
/// a Blob-backed body, and nothing else about a request tells one apart).
struct Tokened<B> {
    from_api: bool,
    body: B,
}

impl<B: Body> Body for Tokened<B> {
    fn read(self, max: usize) -> Result<Vec<u8>, BodyError> {
        if self.from_api {
            self.body.read(max)
        } else {
            Err(BodyError::NotFromApi)
        }
    }
}

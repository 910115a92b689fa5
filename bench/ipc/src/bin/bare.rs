//! The floors: a bare wry app that answers the benchmark page's calls on the GTK thread, at
//! once, with no checks at all, through two paths.
//!
//! - `fetch`: its `ipc` scheme, registered on the webview's WebKit context directly, as Rampart
//!   registers its own; it reads every body in the handler as wry's `linux-body` feature would
//!   (which the workspace leaves off: it would make every wry scheme read bodies WebKitGTK
//!   cannot read safely). This is the floor every ratio is taken against.
//! - The message floor: the engine's part of Rampart's message door, and nothing else. A script
//!   in an isolated world of the top frame relays the page's calls, as events on a shared
//!   `MessagePort`, to a script-message handler of that world, stamped with the document's
//!   origin; the handler replies with the call's id at once, from the signal's callback.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;

use rampart_ipc_bench::{BULK_BYTES, Recorder, Series};
use tao::event::{Event, WindowEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::unix::WindowExtUnix;
use tao::window::WindowBuilder;
use webkit2gtk::gio::{self, prelude::InputStreamExtManual};
use webkit2gtk::glib;
use webkit2gtk::{
    SecurityManagerExt, URISchemeRequest, URISchemeRequestExt, URISchemeResponse,
    URISchemeResponseExt, UserContentInjectedFrames, UserContentManagerExt, UserScript,
    UserScriptInjectionTime, WebContextExt, WebViewExt,
};
use wry::http::Response;
use wry::{WebViewBuilder, WebViewBuilderExtUnix, WebViewExtUnix};

const PAGE: &str = include_str!("../../app/dist/index.html");

fn answer(content_type: &str, body: Vec<u8>) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .header("Content-Type", content_type)
        .header("Access-Control-Allow-Origin", "app://localhost")
        .body(Cow::<'static, [u8]>::Owned(body))
        .unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
}

/// The whole body of `request`, read in the handler.
fn body(request: &URISchemeRequest) -> Vec<u8> {
    let mut body = Vec::new();
    let Some(stream) = request.http_body() else {
        return body;
    };
    let mut chunk = vec![0; 64 * 1024];
    while let Ok(read @ 1..) = stream.read(&mut chunk[..], None::<&gio::Cancellable>) {
        body.extend_from_slice(&chunk[..read]);
    }
    body
}

/// Finishes `request` with `content_type` and `bytes`, readable by the page.
fn finish(request: &URISchemeRequest, content_type: &str, bytes: Vec<u8>) {
    let length = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let stream = gio::MemoryInputStream::from_bytes(&glib::Bytes::from_owned(bytes));
    let response = URISchemeResponse::new(&stream, length);
    response.set_content_type(content_type);
    let headers = soup::MessageHeaders::new(soup::MessageHeadersType::Response);
    headers.append("Access-Control-Allow-Origin", "app://localhost");
    response.set_http_headers(headers);
    request.finish_with_response(&response);
}

/// The message floor's isolated world, and its handler.
const WORLD: &str = "floor";

/// The message floor's relay, in its isolated world: it offers the page a port (again on each
/// `floor-hello`, as the page's script runs after it), and posts each call dispatched on it,
/// `id NUL command NUL arguments`, after the document's origin and a NUL; the answer goes back
/// on the port as it is.
const RELAY: &str = r#"(() => {
  "use strict";
  const handler = window.webkit.messageHandlers.floor;
  const origin = self.origin;
  const port = new MessageChannel().port1;
  const reply = (detail) => port.dispatchEvent(new CustomEvent("floor-reply", { detail }));
  port.addEventListener("floor-call", (event) => {
    handler.postMessage(origin + "\0" + event.detail).then(reply);
  });
  const offer = () => document.dispatchEvent(new MessageEvent("floor-port", { ports: [port] }));
  document.addEventListener("floor-hello", offer);
})();"#;

/// Answers each message of the floor's handler (`origin NUL id NUL command NUL arguments`)
/// with its call's id, at once; `ping` is recorded in `recorder`'s message-floor series, `warm` as a
/// warm-up call.
mod message_floor {
    #![allow(unsafe_code)]

    use std::ptr::NonNull;
    use std::sync::Arc;

    use javascriptcore::{Value, ValueExt};
    use rampart_ipc_bench::{Recorder, Series};
    use webkit2gtk::UserContentManager;
    use webkit2gtk::ffi;
    use webkit2gtk::glib::object::ObjectType;
    use webkit2gtk::glib::signal::connect_raw;
    use webkit2gtk::glib::translate::{Borrowed, from_glib_borrow};
    use webkit2gtk::glib::{self, ffi::gpointer};

    /// The signal's C callback, `(manager, value, reply, recorder) -> handled`: it replies
    /// before it returns, so the reply needs no reference of its own.
    unsafe extern "C" fn answer(
        _manager: *mut ffi::WebKitUserContentManager,
        value: *mut <Value as ObjectType>::GlibType,
        reply: *mut ffi::WebKitScriptMessageReply,
        recorder: gpointer,
    ) -> glib::ffi::gboolean {
        let Some(reply) = NonNull::new(reply) else {
            return glib::ffi::GFALSE;
        };
        // SAFETY: `recorder` is the `Arc`'s pointer leaked in `serve`, never released; WebKit
        // passes a valid JSCValue, borrowed for the duration of the call.
        let (recorder, value): (&Recorder, Borrowed<Value>) =
            unsafe { (&*(recorder as *const Recorder), from_glib_borrow(value)) };
        let (Some(context), Some(text)) = (value.context(), value.to_string_as_bytes()) else {
            return glib::ffi::GFALSE;
        };
        let mut fields = text.split(|&b| b == 0).skip(1);
        let id = fields.next().unwrap_or_default().to_vec();
        match fields.next() {
            Some(b"ping") => recorder.ping(Series::MessageFloor),
            Some(b"warm") => recorder.warm(),
            _ => {}
        }
        let answer = Value::new_string(&context, Some(&String::from_utf8_lossy(&id)));
        // SAFETY: the reply and the value are alive for the duration of this call, on the GTK
        // thread where WebKit made them; WebKit takes its own reference to the value.
        unsafe { ffi::webkit_script_message_reply_return_value(reply.as_ptr(), answer.as_ptr()) };
        glib::ffi::GTRUE
    }

    /// Connects [`answer`] to the floor's handler of `manager` (registered with a reply).
    pub(super) fn serve(manager: &UserContentManager, recorder: Arc<Recorder>) {
        let signal = format!("script-message-with-reply-received::{}\0", super::WORLD);
        // SAFETY: the signal's C signature is `answer`'s (WebKitGTK 2.40 and later), cast to the
        // untyped `GCallback` GLib takes; the recorder is leaked, so it outlives the connection;
        // the signal name is NUL-terminated.
        unsafe {
            connect_raw(
                manager.as_ptr() as *mut _,
                signal.as_ptr() as *const _,
                Some(std::mem::transmute::<*const (), unsafe extern "C" fn()>(
                    answer as *const (),
                )),
                Arc::into_raw(recorder) as gpointer,
            );
        }
    }
}

fn main() {
    let started = Instant::now();
    let recorder = Arc::new(Recorder::new(started));
    let event_loop = EventLoopBuilder::<i32>::with_user_event().build();
    let proxy = event_loop.create_proxy();
    let window = WindowBuilder::new()
        .with_title("bare wry IPC benchmark")
        .build(&event_loop)
        .unwrap_or_else(|e| panic!("cannot open a window: {e}"));
    let container = window
        .default_vbox()
        .unwrap_or_else(|| panic!("no GTK container"));
    let webview = WebViewBuilder::new()
        .with_asynchronous_custom_protocol("app".into(), |_, _, responder| {
            responder.respond(answer("text/html", PAGE.as_bytes().to_vec()));
        })
        .build_gtk(container)
        .unwrap_or_else(|e| panic!("cannot create the webview: {e}"));
    let context = webview
        .webview()
        .context()
        .unwrap_or_else(|| panic!("no WebKit context"));
    if let Some(security) = context.security_manager() {
        security.register_uri_scheme_as_secure("ipc");
    }
    let manager = webview
        .webview()
        .user_content_manager()
        .unwrap_or_else(|| panic!("no user content manager"));
    assert!(manager.register_script_message_handler_with_reply(WORLD, WORLD));
    manager.add_script(&UserScript::for_world(
        RELAY,
        UserContentInjectedFrames::TopFrame,
        UserScriptInjectionTime::Start,
        WORLD,
        &[],
        &[],
    ));
    message_floor::serve(&manager, recorder.clone());
    context.register_uri_scheme("ipc", move |request| match request.path().as_deref() {
        Some("/ping") => {
            recorder.ping(Series::Default);
            finish(request, "application/json", b"null".to_vec());
        }
        Some("/warm") => {
            recorder.warm();
            finish(request, "application/json", b"null".to_vec());
        }
        Some("/block") => {
            recorder.block();
            finish(request, "application/json", b"null".to_vec());
        }
        Some("/upload") => {
            let length = body(request).len().to_string();
            finish(request, "application/json", length.into_bytes());
        }
        Some("/download") => finish(request, "application/octet-stream", vec![7u8; BULK_BYTES]),
        Some("/report") => {
            let page = serde_json::from_slice(&body(request)).unwrap_or_default();
            println!("{}", recorder.report("bare-wry", &page));
            let _ = proxy.send_event(0);
            finish(request, "application/json", b"null".to_vec());
        }
        _ => finish(request, "text/plain", Vec::new()),
    });
    webview
        .load_url("app://localhost/index.html")
        .unwrap_or_else(|e| panic!("cannot load the page: {e}"));
    event_loop.run(move |event, _, control_flow| {
        *control_flow = ControlFlow::Wait;
        match event {
            Event::UserEvent(code) => *control_flow = ControlFlow::ExitWithCode(code),
            Event::WindowEvent {
                event: WindowEvent::CloseRequested,
                ..
            } => *control_flow = ControlFlow::Exit,
            _ => {}
        }
    });
}

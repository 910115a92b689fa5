//! The floor: a bare wry app that answers the benchmark page's `ipc:` requests inside the
//! scheme handler, on the GTK thread, with no checks at all. Its `ipc` scheme is registered on
//! the webview's WebKit context directly, as Rampart registers its own, and it reads every body
//! in the handler as wry's `linux-body` feature would (which the workspace leaves off: it would
//! make every wry scheme read bodies WebKitGTK cannot read safely).

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
    URISchemeResponseExt, WebContextExt, WebViewExt,
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

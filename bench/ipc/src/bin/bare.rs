//! The floor: a bare wry app that answers the benchmark page's `ipc:` requests inside the
//! protocol handler, on the GTK thread, with no checks at all.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;

use rampart_ipc_bench::{BULK_BYTES, Recorder};
use tao::event::{Event, WindowEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::unix::WindowExtUnix;
use tao::window::WindowBuilder;
use wry::http::Response;
use wry::{WebViewBuilder, WebViewBuilderExtUnix};

const PAGE: &str = include_str!("../../app/dist/index.html");

fn answer(content_type: &str, body: Vec<u8>) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .header("Content-Type", content_type)
        .header("Access-Control-Allow-Origin", "app://localhost")
        .body(Cow::<'static, [u8]>::Owned(body))
        .unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
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
    let _webview = WebViewBuilder::new()
        .with_asynchronous_custom_protocol("app".into(), |_, _, responder| {
            responder.respond(answer("text/html", PAGE.as_bytes().to_vec()));
        })
        .with_asynchronous_custom_protocol("ipc".into(), move |_, request, responder| {
            let response = match request.uri().path() {
                "/ping" => {
                    recorder.ping();
                    answer("application/json", b"null".to_vec())
                }
                "/upload" => answer(
                    "application/json",
                    request.body().len().to_string().into_bytes(),
                ),
                "/download" => answer("application/octet-stream", vec![7u8; BULK_BYTES]),
                "/report" => {
                    let page = serde_json::from_slice(request.body()).unwrap_or_default();
                    println!("{}", recorder.report("bare-wry", &page));
                    let _ = proxy.send_event(0);
                    answer("application/json", b"null".to_vec())
                }
                _ => answer("text/plain", Vec::new()),
            };
            responder.respond(response);
        })
        .with_url("app://localhost/index.html")
        .build_gtk(container)
        .unwrap_or_else(|e| panic!("cannot create the webview: {e}"));
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

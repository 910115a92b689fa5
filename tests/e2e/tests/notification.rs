//! The notification plugin in the real WebView, against a notification service this test runs:
//! a private session bus (`dbus-daemon`) on which it owns `org.freedesktop.Notifications` and
//! records every `Notify` call, so it sees exactly what the desktop would have shown. The page
//! (through `@rampart/api/notification`) shows a notification whose title and body are markup —
//! the body must arrive escaped —, tries an empty title, an oversized body and an icon of its own,
//! and shows one more than the rate limit allows.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use gtk::gio;
use gtk::glib::{self, ToVariant};
use serde_json::{Value, json};

#[path = "support/apps.rs"]
mod apps;
mod support;

/// The freedesktop interface, as much of it as the plugin calls.
const INTERFACE: &str = r#"<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
  </interface>
</node>"#;

/// A private session bus, stopped when dropped.
struct Bus {
    daemon: Child,
    address: String,
}

impl Bus {
    fn start() -> Bus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian package dbus-daemon; scripts/setup.sh installs it)");
        let mut address = String::new();
        let stdout = daemon.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut address)
            .expect("the bus address");
        Bus {
            daemon,
            address: address.trim().to_string(),
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Owns `org.freedesktop.Notifications` on the bus at `address` and records each `Notify`.
fn serve_notifications(address: &str) -> Arc<Mutex<Vec<Value>>> {
    let received = Arc::new(Mutex::new(Vec::new()));
    let recorded = received.clone();
    let address = address.to_string();
    let (ready, is_ready) = mpsc::channel();
    std::thread::spawn(move || {
        let context = glib::MainContext::new();
        let main_loop = glib::MainLoop::new(Some(&context), false);
        context
            .with_thread_default(|| {
                let flags = gio::DBusConnectionFlags::AUTHENTICATION_CLIENT
                    | gio::DBusConnectionFlags::MESSAGE_BUS_CONNECTION;
                let connection = gio::DBusConnection::for_address_sync(
                    &address,
                    flags,
                    None,
                    None::<&gio::Cancellable>,
                )
                .expect("connect to the test bus");
                let node = gio::DBusNodeInfo::for_xml(INTERFACE).expect("the interface");
                let interface = node
                    .lookup_interface("org.freedesktop.Notifications")
                    .expect("the interface");
                connection
                    .register_object(
                        "/org/freedesktop/Notifications",
                        &interface,
                        move |_, _, _, _, method, parameters, invocation| {
                            type Notify = (
                                String,
                                u32,
                                String,
                                String,
                                String,
                                Vec<String>,
                                HashMap<String, glib::Variant>,
                                i32,
                            );
                            let call = parameters.get::<Notify>().map(
                                |(app, replaces, icon, summary, body, actions, hints, timeout)| {
                                    json!({
                                        "app": app, "replaces": replaces, "icon": icon,
                                        "summary": summary, "body": body, "actions": actions,
                                        "hints": hints.len(), "timeout": timeout,
                                    })
                                },
                            );
                            if let Ok(mut all) = recorded.lock() {
                                all.push(call.unwrap_or_else(|| json!({ "method": method })));
                            }
                            invocation.return_value(Some(&(7u32,).to_variant()));
                        },
                        |_, _, _, _, _| ().to_variant(),
                        |_, _, _, _, _, _| false,
                    )
                    .expect("register the service");
                connection
                    .call_sync(
                        Some("org.freedesktop.DBus"),
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus",
                        "RequestName",
                        Some(&("org.freedesktop.Notifications", 4u32).to_variant()),
                        None,
                        gio::DBusCallFlags::NONE,
                        5000,
                        None::<&gio::Cancellable>,
                    )
                    .expect("own the name");
                let _ = ready.send(());
                main_loop.run();
            })
            .expect("the service's main context");
    });
    is_ready
        .recv_timeout(Duration::from_secs(10))
        .expect("the notification service starts");
    received
}

#[test]
fn a_page_shows_bounded_plain_text_notifications_under_the_apps_name() {
    let bus = Bus::start();
    let received = serve_notifications(&bus.address);

    let app = std::env::temp_dir().join(format!("rampart-e2e-notification-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    apps::copy_app("notification", &app, &["index.js", "notification.js"]);
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[app.to_str().expect("UTF-8 path")],
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())],
    );
    let _ = std::fs::remove_dir_all(&app);
    let f = &report["findings"];
    assert_eq!(f["granted"], json!({ "ok": true, "value": true }), "{f:#}");
    assert_eq!(
        f["permission"],
        json!({ "ok": true, "value": "granted" }),
        "{f:#}"
    );
    assert_eq!(f["markup"], json!({ "ok": true, "value": null }), "{f:#}");
    assert_eq!(f["emptyTitle"], json!({ "code": "bad_request" }), "{f:#}");
    assert_eq!(f["longBody"], json!({ "code": "bad_request" }), "{f:#}");
    assert_eq!(f["icon"], json!({ "code": "bad_request" }), "{f:#}");
    let shown = json!({ "ok": true, "value": null });
    assert_eq!(
        f["more"],
        json!([shown, shown, shown, shown, { "code": "busy" }]),
        "{f:#}"
    );

    let received = received.lock().expect("lock").clone();
    assert_eq!(received.len(), 5, "{received:#?}");
    assert_eq!(
        received[0],
        json!({
            "app": "Rampart end-to-end", "replaces": 0, "icon": "", "summary": "Saved <b>",
            "body": "&lt;img src=&quot;https://tracker.example/p.png&quot;&gt; &amp; \
                     &lt;a href=&quot;https://evil.example&quot;&gt;here&lt;/a&gt;",
            "actions": [], "hints": 0, "timeout": -1,
        }),
        "{received:#?}"
    );
    assert_eq!(received[4]["summary"], "Note 5", "{received:#?}");
    assert!(
        received
            .iter()
            .all(|n| n["app"] == "Rampart end-to-end" && n["icon"] == ""),
        "{received:#?}"
    );
}

//! The folder app: `rampart-e2e-dev <app folder>` loads the app from its folder
//! (`Context::from_dir`), with two commands: `whoami` (counted) and `report`, which prints
//! `E2E_REPORT <json>` (the page's findings, how often `whoami` really ran, what the app's
//! refusal hook heard, and what the opener plugin, which records instead of opening, was asked
//! to open) and exits.
//!
//! tests/dev_server.rs gives it a folder whose `[dev] url` points at a development server (in
//! this debug build the window loads its page from there); tests/csp.rs gives it tests/e2e/csp,
//! an app under the strict default Content-Security-Policy; tests/lockdown.rs gives it
//! tests/e2e/lockdown, in this build and in a release-like one (`--profile lockdown`);
//! tests/remote.rs gives it a folder whose window loads a remote https page; tests/fs.rs gives
//! it a copy of tests/e2e/fs, whose page uses the fs plugin; tests/asset.rs gives it
//! tests/e2e/asset; tests/shell.rs a copy of tests/e2e/shell; tests/http.rs a copy of
//! tests/e2e/http with its capability (the port of the https server it starts); tests/dialog.rs
//! a copy of tests/e2e/dialog, with the path its test chooser picks.
//!
//! The report also says how the app is locked down, as seen from outside the page: its WebKit
//! processes (each with whether it runs under bubblewrap) and, when `E2E_INSPECTOR_PORT` is set,
//! whether anything listens on that local port.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rampart::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use rampart::plugins::dialog::{self, Choice, Dialog};
use rampart::plugins::opener::{self, Opening};
use rampart::plugins::{clipboard, fs, http, notification, path, shell};
use rampart::tray;
use rampart::{
    Builder, Commands, Context, Invocation, IpcError, NewWindow, Reply, WindowEvent, WindowHandle,
};

/// What the opener plugin was asked to open (it opens nothing: it records).
static OPENED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// What the app refused the page, as its refusal hook heard it: `{reason, target}`.
static REFUSED: Mutex<Vec<serde_json::Value>> = Mutex::new(Vec::new());

/// The menu items the app's menu hook heard chosen, in order.
static MENU_CHOSEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// What the window hooks heard, in order (`Builder::on_window_event`).
static WINDOW_EVENTS: Mutex<Vec<serde_json::Value>> = Mutex::new(Vec::new());

/// How often `whoami` ran, as the Rust side saw it.
static WHOAMI_RUNS: AtomicU64 = AtomicU64::new(0);

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: rampart-e2e-dev <app folder>");
        std::process::exit(2);
    };
    let context = match Context::from_dir(&root) {
        Ok(context) => context,
        Err(errors) => {
            for error in &errors.errors {
                eprintln!("{error}");
            }
            std::process::exit(2);
        }
    };
    let result = with_window_building(with_menus(trust_test_certificate(Builder::new())))
        .plugin(http_plugin())
        .plugin(dialog_plugin())
        .plugin(clipboard::plugin())
        .plugin(notification::plugin("Rampart end-to-end"))
        .plugin(fs::plugin())
        .plugin(path::plugin())
        .plugin(shell::plugin())
        .plugin(opener::plugin_with(|opening| {
            if let (Ok(mut all), Opening::Url(url)) = (OPENED.lock(), opening) {
                all.push(url.clone());
            }
            Ok(())
        }))
        .command("whoami", |call| {
            WHOAMI_RUNS.fetch_add(1, Ordering::SeqCst);
            Reply::json(&call.webview_label())
        })
        .command("report", report)
        .on_window_event(window_event)
        .on_refused(|_, refused| {
            if let Ok(mut all) = REFUSED.lock() {
                all.push(serde_json::json!({ "reason": refused.reason, "target": refused.target }));
            }
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

/// tests/remote.rs serves a remote window's page from a local https server whose certificate it
/// passes as `E2E_TRUST_CERT=<host>=<PEM file>` (a debug build's test-only API).
#[cfg(debug_assertions)]
fn trust_test_certificate(builder: Builder) -> Builder {
    let Some((host, pem)) = std::env::var("E2E_TRUST_CERT").ok().and_then(|v| {
        v.split_once('=')
            .map(|(h, p)| (h.to_string(), p.to_string()))
    }) else {
        return builder;
    };
    let pem = std::fs::read_to_string(&pem).unwrap_or_default();
    builder.test_trust_certificate(&host, &pem)
}

/// The http plugin, trusting the certificate of `E2E_TRUST_CERT` too (tests/http.rs).
#[cfg(debug_assertions)]
fn http_plugin() -> rampart::Plugin {
    let pem = std::env::var("E2E_TRUST_CERT")
        .ok()
        .and_then(|v| v.split_once('=').map(|(_, path)| path.to_string()))
        .and_then(|path| std::fs::read_to_string(path).ok());
    let options = match pem {
        Some(pem) => match http::Options::default().test_trust_certificate(&pem) {
            Ok(options) => options,
            Err(error) => {
                eprintln!("E2E_TRUST_CERT: {error}");
                std::process::exit(2);
            }
        },
        None => http::Options::default(),
    };
    http::plugin_with(options)
}

/// The dialog plugin: with `E2E_DIALOG_PICK`, a person who picks that path in every file
/// chooser and says yes to every question (tests/dialog.rs); without it, GTK's dialogs.
fn dialog_plugin() -> rampart::Plugin {
    match std::env::var_os("E2E_DIALOG_PICK") {
        Some(pick) => dialog::plugin_with(move |shown| match shown {
            Dialog::Message { .. } => Choice::Answer(true),
            _ => Choice::Paths(vec![pick.clone().into()]),
        }),
        None => dialog::plugin(),
    }
}

/// A release-like build has the plain plugin.
#[cfg(not(debug_assertions))]
fn http_plugin() -> rampart::Plugin {
    http::plugin()
}

/// A release-like build has no test-only API.
#[cfg(not(debug_assertions))]
fn trust_test_certificate(builder: Builder) -> Builder {
    builder
}

/// With `E2E_MENU` (tests/menu.rs): a menu bar (File: New note, Save), a context menu the page
/// asks for (Rename), a tray icon whose menu has Show notes, a hook that records what is chosen, and `choose_menu_item`, which
/// activates the GTK item with that label as a person's click would.
fn with_menus(builder: Builder) -> Builder {
    if std::env::var_os("E2E_MENU").is_none() {
        return builder;
    }
    builder
        .menu(|| {
            let file = Submenu::with_items(
                "File",
                true,
                &[
                    &MenuItem::with_id("new-note", "New note", true, None),
                    &PredefinedMenuItem::separator(),
                    &MenuItem::with_id("save", "Save", true, None),
                ],
            )?;
            Menu::with_items(&[&file])
        })
        .tray(|| {
            let show = MenuItem::with_id("tray-show", "Show notes", true, None);
            let menu = Menu::with_items(&[&show])?;
            let icon = tray::Icon::from_rgba(vec![0x3a; 16 * 16 * 4], 16, 16)?;
            Ok(tray::TrayIconBuilder::new()
                .with_menu(Box::new(menu))
                .with_icon(icon)
                .with_tooltip("Rampart end-to-end")
                .build()?)
        })
        .on_menu_event(|_, id| {
            if let Ok(mut all) = MENU_CHOSEN.lock() {
                all.push(id.to_string());
            }
        })
        .command("show_context_menu", |call| {
            call.app().window(call.window_label())?.popup_menu(|| {
                let menu = Menu::new();
                menu.append(&MenuItem::with_id("rename", "Rename", true, None))?;
                Ok(menu)
            });
            Ok(Reply::empty())
        })
        .command("choose_menu_item", |call| {
            #[derive(serde::Deserialize)]
            struct Args {
                label: String,
            }
            let Args { label } = call.args()?;
            let (found, was_found) = std::sync::mpsc::channel();
            gtk::glib::MainContext::default().invoke(move || {
                let item = gtk::Window::list_toplevels()
                    .iter()
                    .find_map(|window| menu_item(window, &label));
                if let Some(item) = &item {
                    // As a click does: the item activates, and its menu closes.
                    use gtk::prelude::{Cast, GtkMenuItemExt, MenuShellExt, WidgetExt};
                    match item
                        .parent()
                        .and_then(|p| p.downcast::<gtk::MenuShell>().ok())
                    {
                        Some(shell) => shell.activate_item(item, true),
                        None => item.emit_activate(),
                    }
                }
                let _ = found.send(item.is_some());
            });
            let found = was_found
                .recv_timeout(std::time::Duration::from_secs(5))
                .map_err(|_| IpcError::internal("the GTK thread did not answer"))?;
            Reply::json(&found)
        })
}

/// With `E2E_BUILD_WINDOWS` (tests/window.rs): `build_window { label, capabilities }`, the app
/// building a window at run time (`AppHandle::create_window`) showing `note.html`, allowed the
/// capabilities naming its label only when `capabilities` says so.
fn with_window_building(builder: Builder) -> Builder {
    if std::env::var_os("E2E_BUILD_WINDOWS").is_none() {
        return builder;
    }
    builder.command("build_window", |call| {
        #[derive(serde::Deserialize)]
        struct Args {
            label: String,
            capabilities: bool,
        }
        let Args {
            label,
            capabilities,
        } = call.args()?;
        let window = NewWindow::new(label, "note.html").size(300.0, 200.0);
        let window = if capabilities {
            window.with_capabilities()
        } else {
            window
        };
        call.app().create_window(window)?;
        Ok(Reply::empty())
    })
}

/// The menu item labelled `label` within `widget`, submenus included.
fn menu_item(widget: &gtk::Widget, label: &str) -> Option<gtk::MenuItem> {
    use gtk::prelude::*;
    if let Some(item) = widget.downcast_ref::<gtk::MenuItem>() {
        if item.label().as_deref() == Some(label) {
            return Some(item.clone());
        }
        if let Some(found) = item.submenu().and_then(|menu| menu_item(&menu, label)) {
            return Some(found);
        }
    }
    let container = widget.downcast_ref::<gtk::Container>()?;
    container
        .children()
        .iter()
        .find_map(|child| menu_item(child, label))
}

/// Records what happened to a window; with `E2E_VETO_CLOSE`, keeps every window open that is
/// asked to close (tests/window.rs).
fn window_event(window: &WindowHandle, event: &WindowEvent) {
    let recorded = match event {
        WindowEvent::Moved { x, y } => serde_json::json!({ "moved": [x, y] }),
        WindowEvent::Resized { width, height } => {
            serde_json::json!({ "resized": [width, height] })
        }
        WindowEvent::Focused(focused) => serde_json::json!({ "focused": focused }),
        WindowEvent::CloseRequested(request) => {
            if std::env::var_os("E2E_VETO_CLOSE").is_some() {
                request.prevent_close();
            }
            serde_json::json!("close_requested")
        }
        WindowEvent::Destroyed => serde_json::json!("destroyed"),
        _ => serde_json::json!("other"),
    };
    if let Ok(mut all) = WINDOW_EVENTS.lock() {
        all.push(serde_json::json!({ "window": window.label(), "event": recorded }));
    }
}

fn report(call: Invocation) -> Result<Reply, IpcError> {
    let findings: serde_json::Value = call.args()?;
    let report = serde_json::json!({
        "findings": findings,
        "whoami_runs": WHOAMI_RUNS.load(Ordering::SeqCst),
        "refused": REFUSED.lock().map(|r| r.clone()).unwrap_or_default(),
        "opened": OPENED.lock().map(|o| o.clone()).unwrap_or_default(),
        "tray_supported": tray::is_supported(),
        "menu_chosen": MENU_CHOSEN.lock().map(|m| m.clone()).unwrap_or_default(),
        "window_events": WINDOW_EVENTS.lock().map(|e| e.clone()).unwrap_or_default(),
        "web_processes": web_processes(),
        "inspector_listening": inspector_listening(),
    });
    println!("E2E_REPORT {report}");
    call.app().exit(0);
    Ok(Reply::empty())
}

/// This process's descendants that are WebKit or bubblewrap processes: `{command, under_bwrap}`.
fn web_processes() -> Vec<serde_json::Value> {
    let parents: BTreeMap<u32, u32> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // `pid (comm) state ppid ...`: the name may hold spaces and parentheses.
            let ppid = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid))
        })
        .collect();
    let command = |pid: u32| {
        std::fs::read(format!("/proc/{pid}/cmdline"))
            .map(|bytes| {
                String::from_utf8_lossy(&bytes)
                    .replace('\0', " ")
                    .trim()
                    .to_string()
            })
            .unwrap_or_default()
    };
    let is_bwrap = |pid: u32| {
        command(pid)
            .split(' ')
            .next()
            .is_some_and(|c| c.ends_with("bwrap"))
    };
    let me = std::process::id();
    let mut found = Vec::new();
    for &pid in parents.keys() {
        let mut ancestors = Vec::new();
        let mut at = pid;
        while let Some(&parent) = parents.get(&at) {
            if parent == me || parent == 0 || ancestors.len() > 64 {
                break;
            }
            ancestors.push(parent);
            at = parent;
        }
        let text = command(pid);
        if parents.get(&at) == Some(&me) && (text.contains("WebKit") || is_bwrap(pid)) {
            found.push(serde_json::json!({
                "command": text,
                "under_bwrap": ancestors.iter().any(|&a| is_bwrap(a)),
            }));
        }
    }
    found
}

/// Whether something listens on `127.0.0.1:$E2E_INSPECTOR_PORT` (null without the variable).
fn inspector_listening() -> Option<bool> {
    let port: u16 = std::env::var("E2E_INSPECTOR_PORT").ok()?.parse().ok()?;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    Some(std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(2)).is_ok())
}

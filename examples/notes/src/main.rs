//! Rampart Notes, the demo app: notes in the app's data folder, which the page reads and writes
//! through the fs plugin within its capability's scope, links it opens through the opener, a
//! menu bar, and a security log of everything the app refuses.
//!
//! `rampart-notes` opens the window; `rampart-notes --tour <screenshot.png>` plays a scripted
//! tour in it, saves a screenshot and exits (the README's demo runs that under Xvfb when there
//! is no display).

mod commands;
mod tour;

use std::path::PathBuf;
use std::process::ExitCode;

use rampart::Builder;
use rampart::menu::accelerator::{Accelerator, Code, Modifiers};
use rampart::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use rampart::plugins::dialog::{self, Choice, Dialog};
use rampart::plugins::{fs, opener};
use rampart_core::scope::BaseDir;

use crate::commands::{NotesFolder, app_info};
use crate::tour::Tour;

const USAGE: &str = "usage: rampart-notes [--tour <screenshot.png>]";

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--help" || a == "-h") {
        println!("Rampart Notes, the Rampart demo.\n{USAGE}");
        return ExitCode::SUCCESS;
    }
    let screenshot = match parse_args(std::env::args().skip(1).collect()) {
        Ok(screenshot) => screenshot,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // The configuration and pages are checked and embedded when the app is compiled, with the
    // app's commands: `[app] commands` must list exactly these, or the app does not compile.
    let context = match rampart::generate_context!(commands: [app_info]) {
        Ok(context) => context,
        Err(errors) => {
            for error in &errors.errors {
                eprintln!("{error}");
            }
            return ExitCode::from(2);
        }
    };
    let Some(data) = context.authority().dirs().get(BaseDir::AppData) else {
        eprintln!("cannot find the app's data folder: set HOME or XDG_DATA_HOME");
        return ExitCode::from(2);
    };
    // The page creates the notes folder itself, through the fs plugin (`mkdir`, recursive).
    let folder = NotesFolder(data.join("notes"));
    let tour = Tour::new(screenshot.clone());
    // In the tour, links are recorded, not opened: a headless run starts no browser.
    let opener = if tour.is_running() {
        opener::plugin_with(|opening| {
            println!("opener: would open {opening:?}");
            Ok(())
        })
    } else {
        opener::plugin()
    };
    // In the tour, the person "picks" a picture the app brings along.
    let dialogs = match tour.picture() {
        Some(picture) => dialog::plugin_with(move |shown| match shown {
            Dialog::Open { .. } => Choice::Paths(vec![picture.clone()]),
            _ => Choice::Dismissed,
        }),
        None => dialog::plugin(),
    };
    let result = Builder::new()
        .menu(menu_bar)
        .on_menu_event(|app, id| {
            // "New note" reaches the page (its capability lets it hear `rampart:menu`).
            if id == "quit" {
                app.exit(0);
            }
        })
        .plugin(fs::plugin())
        .plugin(dialogs)
        .plugin(opener)
        .on_refused(|app, refused| {
            println!(
                "security log: refused {} from {} ({})",
                refused
                    .command
                    .as_deref()
                    .or(refused.target.as_deref())
                    .unwrap_or("a request"),
                refused.origin.as_deref().unwrap_or("no origin"),
                refused.reason
            );
            // Shown in the page's security log panel; nothing is lost if it is not listening.
            let _ = app.emit_to("main", "security-log", refused);
        })
        .setup(move |app| {
            tour.start(app);
            Ok(())
        })
        .manage(folder)
        .manage(Tour::new(screenshot))
        .run(context);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rampart-notes: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The menu bar: Notes → New note (Ctrl+N), Quit (Ctrl+Q).
fn menu_bar() -> Result<Menu, rampart::menu::Error> {
    let shortcut = |key| Some(Accelerator::new(Modifiers::CONTROL, key));
    let notes = Submenu::with_items(
        "Notes",
        true,
        &[
            &MenuItem::with_id("new-note", "New note", true, shortcut(Code::KeyN)),
            &PredefinedMenuItem::separator(),
            &MenuItem::with_id("quit", "Quit", true, shortcut(Code::KeyQ)),
        ],
    )?;
    Menu::with_items(&[&notes])
}

/// The screenshot path of `--tour`, if given.
fn parse_args(args: Vec<String>) -> Result<Option<PathBuf>, String> {
    match args.as_slice() {
        [] => Ok(None),
        [flag, path] if flag == "--tour" => Ok(Some(PathBuf::from(path))),
        _ => Err(format!("unexpected arguments: {}", args.join(" "))),
    }
}

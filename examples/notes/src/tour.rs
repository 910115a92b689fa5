//! The scripted tour of the headless demo: the page plays a person (`dist/tour.js`), then emits
//! `tour-done`; the app saves a screenshot of its window, prints where, and exits.

use std::path::PathBuf;
use std::time::Duration;

use rampart::{AppHandle, EventMessage};

/// The picture the tour attaches to a note (240×140).
const LAKE: &[u8] = include_bytes!("tour-lake.png");

/// The tour must finish within this time, or the app exits with status 1.
const WATCHDOG: Duration = Duration::from_secs(90);

/// How long the page gets to paint its last step before the screenshot.
const SETTLE: Duration = Duration::from_millis(500);

/// Whether this run plays the tour, and where its screenshot goes.
pub struct Tour {
    screenshot: Option<PathBuf>,
}

impl Tour {
    /// A run that plays the tour and saves its screenshot to `screenshot`; None: a normal run.
    pub fn new(screenshot: Option<PathBuf>) -> Tour {
        Tour { screenshot }
    }

    /// Whether the page should play the tour.
    pub fn is_running(&self) -> bool {
        self.screenshot.is_some()
    }

    /// In the tour, the picture the person "picks" to attach: written next to the screenshot.
    pub fn picture(&self) -> Option<PathBuf> {
        let folder = self.screenshot.as_ref()?.parent()?.to_path_buf();
        let picture = folder.join("tour-lake.png");
        std::fs::write(&picture, LAKE).ok()?;
        Some(picture)
    }

    /// Waits for the page's `tour-done` (from the main window only) and a watchdog.
    pub fn start(&self, app: &AppHandle) {
        let Some(screenshot) = self.screenshot.clone() else {
            return;
        };
        let finisher = app.clone();
        app.listen("tour-done", move |message| {
            if message.source.as_deref() != Some("main") {
                return;
            }
            let (app, path, message) = (finisher.clone(), screenshot.clone(), message.clone());
            std::thread::spawn(move || finish(&app, path, &message));
        });
        let watchdog = app.clone();
        std::thread::spawn(move || {
            std::thread::sleep(WATCHDOG);
            eprintln!("tour: the page did not finish the tour within {WATCHDOG:?}");
            watchdog.exit(1);
        });
    }
}

fn finish(app: &AppHandle, path: PathBuf, message: &EventMessage) {
    std::thread::sleep(SETTLE);
    let report = &message.payload;
    for step in report["steps"].as_array().into_iter().flatten() {
        println!("tour: {}", step.as_str().unwrap_or("?"));
    }
    let passed = report["ok"] == true;
    if !passed {
        eprintln!("tour: failed: {}", report["error"]);
    }
    let code = match app.save_screenshot("main", &path) {
        Ok(()) => {
            println!("tour: screenshot saved to {}", path.display());
            if passed { 0 } else { 1 }
        }
        Err(error) => {
            eprintln!("tour: no screenshot: {}", error.message);
            1
        }
    };
    app.exit(code);
}

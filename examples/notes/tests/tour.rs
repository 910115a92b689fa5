//! The demo's headless tour, as the README's first command runs it: the page creates, edits and
//! searches notes (files it writes through the fs plugin), opens a link through the opener,
//! makes two forbidden calls, and the app saves a screenshot and exits 0.

use std::path::Path;
use std::process::Command;

#[test]
fn the_scripted_tour_passes_and_saves_a_screenshot() {
    let scratch = std::env::temp_dir().join(format!("rampart-notes-tour-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    let screenshot = scratch.join("tour.png");
    let app = env!("CARGO_BIN_EXE_rampart-notes");
    let mut command = if std::env::var_os("DISPLAY").is_some() {
        Command::new(app)
    } else {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.args(["-a", app]);
        xvfb
    };
    let output = command
        .arg("--tour")
        .arg(&screenshot)
        .env("XDG_DATA_HOME", scratch.join("data"))
        .output()
        .expect("the app starts (is xvfb-run installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}\n{stdout}\n{stderr}",
        output.status
    );

    for step in [
        "created the note “Groceries”",
        "edited “Groceries”",
        "searched “bread”: Groceries",
        "attached a picture to “Weekend”",
        "opened the link of “Weekend”",
        "opener: would open Url(\"https://example.com/trails\")",
        "denied by the fs scope, shown in the security log",
        "security log: refused plugin:fs|read_text_file from app://localhost (command_denied)",
        "security log: refused plugin:opener|open_url from app://localhost (command_denied)",
    ] {
        assert!(stdout.contains(step), "missing {step:?} in:\n{stdout}");
    }
    let png = std::fs::read(&screenshot).expect("the screenshot exists");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // A blank window compresses to a few KiB; the app's window is far more.
    assert!(
        png.len() > 20_000,
        "the screenshot is suspiciously small: {} bytes",
        png.len()
    );

    // The notes really are files in the app's data folder.
    let notes = scratch.join("data/com.rampart.notes/notes");
    let files = std::fs::read_dir(&notes)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(files, 2, "{}", notes.display());
    // The picture was copied into the notes folder, byte for byte.
    let pictures: Vec<_> = std::fs::read_dir(notes.join("images"))
        .expect("images")
        .flatten()
        .collect();
    assert_eq!(pictures.len(), 1);
    let picked = std::fs::read(scratch.join("tour-lake.png")).expect("the tour's picture");
    assert_eq!(std::fs::read(pictures[0].path()).expect("the copy"), picked);
    assert!(Path::new(&notes).is_dir());
    let _ = std::fs::remove_dir_all(&scratch);
}

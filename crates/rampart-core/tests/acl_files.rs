//! Which files of an app folder are configuration, read as an auditor would try them: nothing in
//! `capabilities/` or `permissions/` is skipped silently, `Rampart.toml` is read only if it is a
//! regular file, and every error names the path and says what to do.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rampart_core::acl::{self, Authority};
use rampart_core::diagnostic::ConfigErrors;

const MANIFEST: &str = "[app]\nidentifier = \"com.example.files\"\ncommands = [\"read_note\"]\n";
const CAPABILITY: &str =
    "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n";

/// An app folder under the system's temporary folder, removed when dropped.
struct TempApp(PathBuf);

impl TempApp {
    fn new(test: &str) -> TempApp {
        let dir = std::env::temp_dir().join(format!("rampart-files-{test}-{}", std::process::id()));
        fs::remove_dir_all(&dir).ok();
        fs::create_dir_all(dir.join("capabilities")).expect("temp dir");
        fs::write(dir.join("Rampart.toml"), MANIFEST).expect("write");
        fs::write(dir.join("capabilities/main.toml"), CAPABILITY).expect("write");
        TempApp(dir)
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }

    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        fs::write(self.path(relative), contents).expect("write");
    }

    fn fifo(&self, relative: &str) {
        let status = Command::new("mkfifo").arg(self.path(relative)).status();
        assert!(status.is_ok_and(|s| s.success()), "mkfifo");
    }

    /// Loads the app, failing the test (instead of hanging) if loading blocks.
    fn load(&self) -> Result<Authority, ConfigErrors> {
        let (sender, receiver) = mpsc::channel();
        let root = self.0.clone();
        std::thread::spawn(move || sender.send(Box::new(acl::load_app_dir(&root))).ok());
        *receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("loading blocked (a FIFO opened?)")
    }

    /// The errors of loading, one line each: `location: message | help: help`.
    fn errors(&self) -> String {
        match self.load() {
            Ok(_) => panic!("the app loaded"),
            Err(errors) => errors
                .errors
                .iter()
                .map(|e| format!("{e} | help: {}", e.help.as_deref().unwrap_or("-")))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

impl Drop for TempApp {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.0).ok();
    }
}

fn assert_names(message: &str, path: &str, says: &str) {
    assert!(message.contains(&format!("{path}:1:1: ")), "{message}");
    assert!(message.contains(says), "{message}");
    assert!(!message.contains("root folder"), "{message}");
}

#[test]
fn a_folder_named_like_a_capability_file_is_an_error() {
    let app = TempApp::new("dir-named-toml");
    fs::create_dir(app.path("capabilities/extra.toml")).expect("mkdir");
    let message = app.errors();
    assert_names(&message, "capabilities/extra.toml", "is a folder");
}

#[test]
fn sub_folders_are_errors() {
    let app = TempApp::new("sub-folder");
    fs::create_dir(app.path("capabilities/more")).expect("mkdir");
    app.write("capabilities/more/x.toml", CAPABILITY);
    let message = app.errors();
    assert_names(&message, "capabilities/more", "is a folder");
    assert!(message.contains("not read recursively"), "{message}");
}

#[test]
fn broken_and_looping_symbolic_links_are_errors() {
    let app = TempApp::new("links");
    symlink("nowhere.toml", app.path("capabilities/gone.toml")).expect("symlink");
    symlink("loop.toml", app.path("capabilities/loop.toml")).expect("symlink");
    let message = app.errors();
    assert_names(&message, "capabilities/gone.toml", "symbolic link");
    assert_names(&message, "capabilities/loop.toml", "symbolic link");
    assert_eq!(message.lines().count(), 2, "{message}");
}

#[test]
fn a_symbolic_link_to_a_file_is_read() {
    let app = TempApp::new("good-link");
    app.write("shared.toml", CAPABILITY.replace("\"main\"]", "\"other\"]"));
    fs::remove_file(app.path("capabilities/main.toml")).expect("rm");
    symlink("../shared.toml", app.path("capabilities/main.toml")).expect("symlink");
    let authority = app.load().expect("a link to a file is a file");
    let facts = rampart_core::acl::Facts {
        window: "other",
        webview: "other",
        origin: &rampart_core::acl::Origin::Local,
    };
    assert!(authority.decide(facts, "read_note").is_ok());
}

#[test]
fn a_fifo_is_an_error_and_never_opened() {
    let app = TempApp::new("fifo");
    app.fifo("capabilities/pipe.toml");
    let message = app.errors();
    assert_names(&message, "capabilities/pipe.toml", "is a FIFO");
}

#[test]
fn a_fifo_swapped_in_while_the_app_loads_never_blocks_it() {
    let app = TempApp::new("fifo-race");
    let real = app.path("capabilities/main.toml");
    let (aside, fifo) = (app.path("main.toml.real"), app.path("main.toml.fifo"));
    app.fifo("main.toml.fifo");
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut swaps = 0u64;
            while !stop.load(Ordering::Relaxed) {
                // Each step is an atomic rename: the capability, nothing, or the FIFO.
                fs::rename(&real, &aside).expect("aside");
                fs::rename(&fifo, &real).expect("fifo in");
                fs::rename(&real, &fifo).expect("fifo out");
                fs::rename(&aside, &real).expect("back");
                swaps += 1;
            }
            swaps
        })
    };
    let (mut loaded, mut refused) = (0u32, 0u32);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(2) {
        // Each load fails the test if it blocks.
        match app.load() {
            Ok(_) => loaded += 1,
            Err(_) => refused += 1,
        }
    }
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().expect("swapper");
    assert!(
        swaps > 0 && loaded > 0 && refused > 0,
        "the race was not exercised: {loaded} loaded, {refused} refused, {swaps} swaps"
    );
}

#[test]
fn hidden_configuration_files_are_errors_other_hidden_files_are_not_read() {
    let app = TempApp::new("hidden");
    app.write("capabilities/.hidden.toml", CAPABILITY);
    app.write("capabilities/.main.toml.swp", "swap");
    app.write("capabilities/.DS_Store", "finder");
    symlink("user@host.1234", app.path("capabilities/.#main.toml")).expect("emacs lock");
    let message = app.errors();
    assert_names(&message, "capabilities/.hidden.toml", "hidden");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn a_configuration_folder_that_is_a_file_is_an_error() {
    let app = TempApp::new("folder-file");
    app.write("permissions", "[[permission]]\n");
    let message = app.errors();
    assert_names(&message, "permissions", "not a folder");
}

#[test]
fn rampart_toml_must_be_a_regular_file() {
    let app = TempApp::new("manifest-fifo");
    fs::remove_file(app.path("Rampart.toml")).expect("rm");
    app.fifo("Rampart.toml");
    assert_names(&app.errors(), "Rampart.toml", "is a FIFO");
    fs::remove_file(app.path("Rampart.toml")).expect("rm");
    fs::create_dir(app.path("Rampart.toml")).expect("mkdir");
    assert_names(&app.errors(), "Rampart.toml", "is a folder");
}

#[test]
fn an_oversized_file_is_an_error_that_says_so() {
    let app = TempApp::new("oversized");
    let padding = format!("# {}\n", "x".repeat(1 << 20));
    app.write("Rampart.toml", format!("{MANIFEST}{padding}"));
    let message = app.errors();
    assert_names(&message, "Rampart.toml", "larger than 1024 KiB");
    app.write("Rampart.toml", MANIFEST);
    app.write("capabilities/main.toml", format!("{CAPABILITY}{padding}"));
    assert_names(
        &app.errors(),
        "capabilities/main.toml",
        "larger than 1024 KiB",
    );
}

#[test]
fn invalid_utf8_is_located_at_its_byte() {
    let app = TempApp::new("utf8");
    let mut text =
        b"[app]\nidentifier = \"com.example.files\"\ncommands = [\"read_note\"]\n\n# caf\xc3\xa9 "
            .to_vec();
    text.extend_from_slice(b"\xff\xfe\n");
    app.write("Rampart.toml", &text);
    let message = app.errors();
    assert!(message.contains("Rampart.toml:5:8: "), "{message}");
    assert!(
        message.contains("not UTF-8") && message.contains("0xFF"),
        "{message}"
    );
    assert!(message.contains("save the file as UTF-8"), "{message}");
    assert!(!message.contains("root folder"), "{message}");
}

#[test]
fn a_missing_manifest_says_where_to_run() {
    let app = TempApp::new("missing");
    fs::remove_file(app.path("Rampart.toml")).expect("rm");
    let message = app.errors();
    assert!(message.contains("Rampart.toml:1:1: "), "{message}");
    assert!(message.contains("root folder"), "{message}");
    let names = acl::list_app_files(Path::new("/nonexistent/app"));
    assert!(names.is_err());
}

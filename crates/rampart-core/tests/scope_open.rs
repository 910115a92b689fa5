//! A path scope opens what it allows, beneath a directory handle, and never follows a symlink:
//! each test builds real files in a temporary directory and tries to get out of the scope with
//! `..`, planted symlinks, a denied sibling, a symlink in the last component of a write, or a
//! symlink swapped in while the scope opens.

#![cfg(unix)]

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use rampart_core::acl::{AppConfig, Authority, Facts, Origin, ResolveOptions, Scope, resolve};
use rampart_core::diagnostic::SourceFile;
use rampart_core::scope::open::{OpenOptions, ScopeError};
use rampart_core::scope::{BaseDir, BaseDirs, CheckedPath};
use tempfile::TempDir;

/// What a file outside the scope holds: no open through the scope may ever read it.
const MARKER: &str = "MARKER: outside the scope";

/// A temporary `$HOME` holding `root/` (the scope) and, beside it, `outside/`.
struct Sandbox {
    _tmp: TempDir,
    /// `$HOME`, canonical, so that no symlink of the system's temporary directory is involved.
    home: PathBuf,
    dirs: BaseDirs,
    authority: Authority,
}

impl Sandbox {
    /// A sandbox whose scope allows `$HOME/root/**` and denies `deny`.
    fn new(deny: &[&str]) -> Sandbox {
        Sandbox::allowing(&["$HOME/root/**"], deny)
    }

    /// A sandbox whose scope allows `allow` and denies `deny`.
    fn allowing(allow: &[&str], deny: &[&str]) -> Sandbox {
        let tmp = tempfile::tempdir().expect("temporary directory");
        let home = fs::canonicalize(tmp.path()).expect("canonical");
        fs::create_dir(home.join("root")).expect("root");
        fs::create_dir(home.join("outside")).expect("outside");
        fs::write(home.join("outside/file.txt"), MARKER).expect("marker");
        let dirs = BaseDirs::default().with(BaseDir::Home, &home);
        let authority = authority(&dirs, allow, deny);
        Sandbox {
            _tmp: tmp,
            home,
            dirs,
            authority,
        }
    }

    /// The scope of a granted call.
    fn scope(&self) -> Scope<'_, 'static> {
        let facts = Facts {
            window: "main",
            webview: "main",
            origin: &Origin::Local,
        };
        match self.authority.decide(facts, "touch") {
            Ok(grant) => grant.scope(),
            Err(denial) => panic!("not granted: {denial}"),
        }
    }

    /// `$HOME/<relative>`, as a command would check it.
    fn path(&self, relative: &str) -> CheckedPath {
        CheckedPath::new(&format!("$HOME/{relative}"), &self.dirs).expect("valid path")
    }

    /// The real location of `$HOME/<relative>`, to set up and inspect files.
    fn real(&self, relative: &str) -> PathBuf {
        self.home.join(relative)
    }

    fn write(&self, relative: &str, contents: &str) {
        fs::write(self.real(relative), contents).expect("write fixture");
    }

    fn mkdir(&self, relative: &str) {
        fs::create_dir_all(self.real(relative)).expect("mkdir fixture");
    }

    fn link(&self, target: impl AsRef<Path>, relative: &str) {
        symlink(target, self.real(relative)).expect("symlink fixture");
    }

    fn contents(&self, relative: &str) -> String {
        fs::read_to_string(self.real(relative)).expect("read fixture")
    }
}

/// An app with one command, `touch`, whose capability for window `main` carries these scope
/// rules (`$HOME` is the sandbox).
fn authority(dirs: &BaseDirs, allow: &[&str], deny: &[&str]) -> Authority {
    let rules = |paths: &[&str]| {
        let rules: Vec<String> = paths
            .iter()
            .map(|p| format!("{{ path = \"{p}\" }}"))
            .collect();
        rules.join(", ")
    };
    let capability = format!(
        "identifier = \"files\"\nwindows = [\"main\"]\n\
         permissions = [{{ identifier = \"allow-touch\", allow = [{}], deny = [{}] }}]\n",
        rules(allow),
        rules(deny)
    );
    let config = AppConfig {
        manifest: SourceFile::new(
            "Rampart.toml",
            "[app]\nidentifier = \"com.example.test\"\ncommands = [\"touch\"]\nscope-kind = \"path\"\n",
        ),
        permission_files: Vec::new(),
        capability_files: vec![SourceFile::new("capabilities/files.toml", capability)],
    };
    match resolve(&config, &ResolveOptions::new(dirs.clone())) {
        Ok(authority) => authority,
        Err(errors) => panic!("{:?}", miette::Report::new(errors)),
    }
}

fn read() -> OpenOptions {
    *OpenOptions::new().read(true)
}

fn read_all(mut file: fs::File) -> String {
    let mut text = String::new();
    file.read_to_string(&mut text).expect("read");
    text
}

/// The refusal, or a panic naming what was opened instead.
fn refusal<T: std::fmt::Debug>(result: Result<T, ScopeError>) -> ScopeError {
    match result {
        Ok(opened) => panic!("the scope opened {opened:?}"),
        Err(e) => e,
    }
}

#[test]
fn allowed_files_are_created_written_read_listed_and_removed() {
    let sandbox = Sandbox::new(&[]);
    let scope = sandbox.scope();
    let note = sandbox.path("root/note.txt");

    let create = *OpenOptions::new().write(true).create_new(true);
    let mut file = scope.open(&note, &create).expect("created");
    file.write_all(b"hello").expect("written");
    drop(file);
    assert_eq!(read_all(scope.open(&note, &read()).expect("read")), "hello");
    assert!(matches!(
        refusal(scope.open(&note, &create)),
        ScopeError::Io { .. }
    ));

    let append = *OpenOptions::new().append(true);
    scope
        .open(&note, &append)
        .expect("appended")
        .write_all(b", world")
        .expect("written");
    assert_eq!(sandbox.contents("root/note.txt"), "hello, world");
    let truncate = *OpenOptions::new().write(true).truncate(true);
    scope
        .open(&note, &truncate)
        .expect("truncated")
        .write_all(b"new")
        .expect("written");
    assert_eq!(sandbox.contents("root/note.txt"), "new");

    scope
        .create_dir(&sandbox.path("root/dir"))
        .expect("directory created");
    let nested = sandbox.path("root/dir/nested.txt");
    let create = *OpenOptions::new().write(true).create(true);
    scope.open(&nested, &create).expect("created in a new dir");
    let metadata = scope.metadata(&note).expect("metadata");
    assert!(metadata.is_file());
    assert_eq!(metadata.len(), 3);
    assert!(
        scope
            .metadata(&sandbox.path("root/dir"))
            .expect("dir")
            .is_dir()
    );

    let mut names: Vec<(String, bool)> = scope
        .read_dir(&sandbox.path("root/dir"))
        .expect("listed")
        .map(|e| e.map(|e| (e.name, e.file_type.is_file())))
        .collect::<Result<_, _>>()
        .expect("entries");
    names.sort();
    assert_eq!(names, [("nested.txt".to_owned(), true)]);

    scope.remove_file(&nested).expect("file removed");
    scope
        .remove_dir(&sandbox.path("root/dir"))
        .expect("dir removed");
    assert!(!sandbox.real("root/dir").exists());
    assert!(matches!(
        refusal(scope.metadata(&sandbox.path("root/dir"))),
        ScopeError::NotFound { .. }
    ));
    assert!(matches!(
        refusal(scope.open(&sandbox.path("root/missing/x.txt"), &read())),
        ScopeError::NotFound { .. }
    ));
}

#[test]
fn a_deny_rule_beats_the_allow_rule() {
    let sandbox = Sandbox::new(&["$HOME/root/secret/**"]);
    sandbox.mkdir("root/secret");
    sandbox.write("root/secret/key", "secret");
    let scope = sandbox.scope();
    let key = sandbox.path("root/secret/key");

    let error = refusal(scope.open(&key, &read()));
    let ScopeError::Denied { rule, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(rule.contains("$HOME/root/secret/**"), "{rule}");
    assert!(rule.contains("files"), "{rule}");
    let message = error.to_string();
    assert_eq!(
        message,
        format!("`{}` is denied by the scope", key.as_str())
    );

    let create = *OpenOptions::new().write(true).create(true);
    let fresh = sandbox.path("root/secret/new");
    assert!(matches!(
        refusal(scope.open(&fresh, &create)),
        ScopeError::Denied { .. }
    ));
    assert!(!sandbox.real("root/secret/new").exists());
    for result in [
        scope.create_dir(&sandbox.path("root/secret/d")),
        scope.remove_file(&key),
    ] {
        assert!(matches!(refusal(result), ScopeError::Denied { .. }));
    }
    assert!(matches!(
        refusal(scope.metadata(&key)),
        ScopeError::Denied { .. }
    ));
    assert_eq!(sandbox.contents("root/secret/key"), "secret");

    // The directory itself is not denied, only what is in it: listed, its entries are hidden.
    let listed: Vec<_> = scope
        .read_dir(&sandbox.path("root/secret"))
        .expect("listed")
        .collect::<Result<_, _>>()
        .expect("entries");
    assert!(listed.is_empty(), "{listed:?}");
}

#[test]
fn a_rename_is_checked_at_both_ends_and_follows_no_symlink() {
    let sandbox = Sandbox::new(&["$HOME/root/secret/**"]);
    sandbox.mkdir("root/secret");
    sandbox.mkdir("root/sub");
    sandbox.write("root/note", "note");
    sandbox.write("root/secret/key", "secret");
    let scope = sandbox.scope();
    scope
        .rename(&sandbox.path("root/note"), &sandbox.path("root/sub/moved"))
        .expect("both ends allowed");
    assert_eq!(sandbox.contents("root/sub/moved"), "note");
    assert!(!sandbox.real("root/note").exists());
    // Into a denied folder, out of one, and out of the scope: refused, nothing moved.
    let moved = sandbox.path("root/sub/moved");
    for (from, to) in [
        (moved.clone(), sandbox.path("root/secret/stolen")),
        (
            sandbox.path("root/secret/key"),
            sandbox.path("root/sub/key"),
        ),
        (moved.clone(), sandbox.path("outside/moved")),
    ] {
        let error = refusal(scope.rename(&from, &to));
        assert!(
            matches!(
                error,
                ScopeError::Denied { .. } | ScopeError::OutOfScope { .. }
            ),
            "{error:?}"
        );
    }
    assert_eq!(sandbox.contents("root/sub/moved"), "note");
    assert_eq!(sandbox.contents("root/secret/key"), "secret");
    // A symlink out, as the target: replaced itself; what it pointed to is untouched.
    symlink(sandbox.real("outside/file.txt"), sandbox.real("root/link")).expect("symlink");
    scope
        .rename(&moved, &sandbox.path("root/link"))
        .expect("the link is replaced");
    assert_eq!(sandbox.contents("root/link"), "note");
    assert_eq!(sandbox.contents("outside/file.txt"), MARKER);
    // Through a symlinked directory: refused.
    symlink(sandbox.real("outside"), sandbox.real("root/out")).expect("symlink");
    let error = refusal(scope.rename(&sandbox.path("root/link"), &sandbox.path("root/out/x")));
    assert!(matches!(error, ScopeError::Symlink { .. }), "{error:?}");
    assert!(!sandbox.real("outside/x").exists());
}

#[test]
fn paths_outside_the_scope_are_refused() {
    let sandbox = Sandbox::new(&[]);
    sandbox.write("root/.hidden", "dotfile");
    let scope = sandbox.scope();
    for outside in ["outside/file.txt", "root/.hidden", "root", "elsewhere"] {
        let path = sandbox.path(outside);
        let error = refusal(scope.open(&path, &read()));
        assert!(
            matches!(error, ScopeError::OutOfScope { .. }),
            "{outside}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("`{}` is outside the scope", path.as_str())
        );
    }
    assert!(matches!(
        refusal(scope.read_dir(&sandbox.path("root"))),
        ScopeError::OutOfScope { .. }
    ));
}

#[test]
fn dot_dot_in_the_input_cannot_climb_out() {
    let sandbox = Sandbox::new(&[]);
    sandbox.mkdir("root/sub");
    sandbox.write("root/file.txt", "inside");
    let scope = sandbox.scope();
    for climbing in [
        "root/../outside/file.txt",
        "root/sub/../../outside/file.txt",
        "root/sub/../..",
    ] {
        let path = sandbox.path(climbing);
        assert!(
            matches!(
                refusal(scope.open(&path, &read())),
                ScopeError::OutOfScope { .. }
            ),
            "{climbing}"
        );
    }
    // `..` that stays inside is resolved, not refused.
    let inside = sandbox.path("root/sub/../file.txt");
    assert_eq!(
        read_all(scope.open(&inside, &read()).expect("read")),
        "inside"
    );
}

#[test]
fn an_absolute_symlink_pointing_out_is_never_followed() {
    let sandbox = Sandbox::new(&[]);
    sandbox.link(sandbox.real("outside"), "root/abs");
    sandbox.link(sandbox.real("outside/file.txt"), "root/abs.txt");
    let scope = sandbox.scope();

    for through in ["root/abs/file.txt", "root/abs.txt"] {
        let path = sandbox.path(through);
        let error = refusal(scope.open(&path, &read()));
        assert!(matches!(error, ScopeError::Symlink { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("`{}`", path.as_str())),
            "{message}"
        );
        assert!(!message.contains("outside"), "the target leaked: {message}");
    }
    assert!(matches!(
        refusal(scope.read_dir(&sandbox.path("root/abs"))),
        ScopeError::Symlink { .. }
    ));
    assert!(matches!(
        refusal(scope.metadata(&sandbox.path("root/abs/file.txt"))),
        ScopeError::Symlink { .. }
    ));
    // The link itself is described, not followed.
    let link = scope.metadata(&sandbox.path("root/abs")).expect("lstat");
    assert!(link.is_symlink());
}

#[test]
fn a_relative_symlink_climbing_out_is_never_followed() {
    let sandbox = Sandbox::new(&[]);
    sandbox.mkdir("root/sub");
    sandbox.link("../../outside", "root/up");
    sandbox.link("../../../outside/file.txt", "root/sub/up.txt");
    let scope = sandbox.scope();
    for through in ["root/up/file.txt", "root/sub/up.txt"] {
        assert!(
            matches!(
                refusal(scope.open(&sandbox.path(through), &read())),
                ScopeError::Symlink { .. }
            ),
            "{through}"
        );
    }
    let create = *OpenOptions::new().write(true).create(true);
    assert!(matches!(
        refusal(scope.open(&sandbox.path("root/up/new.txt"), &create)),
        ScopeError::Symlink { .. }
    ));
    assert!(!sandbox.real("outside/new.txt").exists());
    assert!(matches!(
        refusal(scope.create_dir(&sandbox.path("root/up/d"))),
        ScopeError::Symlink { .. }
    ));
    assert!(!sandbox.real("outside/d").exists());
}

#[test]
fn a_symlink_to_a_denied_sibling_cannot_bypass_the_deny() {
    let sandbox = Sandbox::new(&["$HOME/root/secret/**", "$HOME/root/*.key"]);
    sandbox.mkdir("root/secret");
    sandbox.mkdir("root/public");
    sandbox.write("root/secret/key", "secret");
    sandbox.write("root/a.key", "secret");
    // Links that climb with `..`, and links that stay in their own directory.
    sandbox.link("../secret", "root/public/alias");
    sandbox.link("../secret/key", "root/public/key");
    sandbox.link("secret", "root/alias");
    sandbox.link("a.key", "root/alias.txt");
    let scope = sandbox.scope();

    for through in [
        "root/public/alias/key",
        "root/public/key",
        "root/alias/key",
        "root/alias.txt",
    ] {
        assert!(
            matches!(
                refusal(scope.open(&sandbox.path(through), &read())),
                ScopeError::Symlink { .. }
            ),
            "{through}"
        );
    }
    let overwrite = *OpenOptions::new().write(true).truncate(true);
    for through in ["root/public/key", "root/alias.txt"] {
        assert!(matches!(
            refusal(scope.open(&sandbox.path(through), &overwrite)),
            ScopeError::Symlink { .. }
        ));
    }
    assert_eq!(sandbox.contents("root/secret/key"), "secret");
    assert_eq!(sandbox.contents("root/a.key"), "secret");
    for through in ["root/public/alias", "root/alias"] {
        assert!(matches!(
            refusal(scope.read_dir(&sandbox.path(through))),
            ScopeError::Symlink { .. }
        ));
    }
}

#[test]
fn a_symlink_in_the_last_component_is_never_written_through() {
    let sandbox = Sandbox::new(&[]);
    sandbox.write("outside/victim.txt", "original");
    sandbox.link(sandbox.real("outside/victim.txt"), "root/out.txt");
    sandbox.link(sandbox.real("outside/created.txt"), "root/dangling.txt");
    sandbox.link(sandbox.real("outside/made"), "root/dangling-dir");
    let scope = sandbox.scope();

    let attempts = [
        *OpenOptions::new().write(true),
        *OpenOptions::new().write(true).truncate(true),
        *OpenOptions::new().write(true).create(true),
        *OpenOptions::new().write(true).create(true).truncate(true),
        *OpenOptions::new().append(true),
        *OpenOptions::new().append(true).create(true),
        *OpenOptions::new().write(true).create_new(true),
    ];
    for options in &attempts {
        for link in ["root/out.txt", "root/dangling.txt"] {
            let error = refusal(scope.open(&sandbox.path(link), options));
            assert!(
                matches!(error, ScopeError::Symlink { .. }),
                "{link} {options:?}: {error:?}"
            );
        }
    }
    assert_eq!(sandbox.contents("outside/victim.txt"), "original");
    assert!(!sandbox.real("outside/created.txt").exists());

    assert!(matches!(
        refusal(scope.create_dir(&sandbox.path("root/dangling-dir"))),
        ScopeError::Symlink { .. }
    ));
    assert!(!sandbox.real("outside/made").exists());

    // Removing the link removes the link, never its target.
    scope
        .remove_file(&sandbox.path("root/out.txt"))
        .expect("link removed");
    assert_eq!(sandbox.contents("outside/victim.txt"), "original");
}

#[test]
fn a_directory_is_not_a_file_and_a_file_is_not_a_directory() {
    let sandbox = Sandbox::new(&[]);
    sandbox.mkdir("root/dir");
    sandbox.write("root/file.txt", "inside");
    let scope = sandbox.scope();
    let dir = sandbox.path("root/dir");
    let write = *OpenOptions::new().write(true);
    for options in [read(), write] {
        assert!(matches!(
            refusal(scope.open(&dir, &options)),
            ScopeError::NotAFile { .. }
        ));
    }
    assert!(matches!(
        refusal(scope.remove_file(&dir)),
        ScopeError::NotAFile { .. }
    ));
    let file = sandbox.path("root/file.txt");
    assert!(matches!(
        refusal(scope.read_dir(&file)),
        ScopeError::NotADirectory { .. }
    ));
    assert!(matches!(
        refusal(scope.open(&sandbox.path("root/file.txt/x"), &read())),
        ScopeError::NotADirectory { .. }
    ));
    assert!(sandbox.real("root/dir").is_dir());
}

#[test]
fn read_dir_lists_a_symlink_as_a_symlink_and_reads_nothing_beyond() {
    let sandbox = Sandbox::new(&["$HOME/root/list/*.key"]);
    sandbox.mkdir("root/list/sub");
    sandbox.write("root/list/a.txt", "inside");
    sandbox.write("root/list/hidden.key", "denied");
    sandbox.link(sandbox.real("outside"), "root/list/out");
    sandbox.link("../../../outside/file.txt", "root/list/rel");
    let scope = sandbox.scope();

    let mut listed: Vec<(String, &str)> = scope
        .read_dir(&sandbox.path("root/list"))
        .expect("listed")
        .map(|entry| {
            let entry = entry.expect("entry");
            let kind = if entry.file_type.is_symlink() {
                "symlink"
            } else if entry.file_type.is_dir() {
                "dir"
            } else if entry.file_type.is_file() {
                "file"
            } else {
                "other"
            };
            (entry.name, kind)
        })
        .collect();
    listed.sort();
    let expected: Vec<(String, &str)> = [
        ("a.txt", "file"),
        ("out", "symlink"),
        ("rel", "symlink"),
        ("sub", "dir"),
    ]
    .into_iter()
    .map(|(name, kind)| (name.to_owned(), kind))
    .collect();
    assert_eq!(listed, expected);
}

/// Opens `open` to read and append, in a loop (2 s or 20,000 times), while another thread swaps
/// the entry `swapped` for a symlink to `target` outside the scope and back. Every open that
/// succeeds must read the file inside, and append to it; the marker outside must never be read
/// or changed. Both outcomes (opened, refused at a symlink) must have happened.
fn race(sandbox: &Sandbox, open: &str, swapped: &str, target: impl AsRef<Path>) {
    let real = sandbox.real(swapped);
    let aside = real.with_extension("real");
    let link = real.with_extension("link");
    symlink(&target, &link).expect("link");
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut swaps = 0u64;
            while !stop.load(Ordering::Relaxed) {
                // Every step is an atomic rename: the entry is the real one, absent, or the link.
                fs::rename(&real, &aside).expect("aside");
                fs::rename(&link, &real).expect("link in");
                fs::rename(&real, &link).expect("link out");
                fs::rename(&aside, &real).expect("back");
                swaps += 1;
            }
            swaps
        })
    };

    let scope = sandbox.scope();
    let path = sandbox.path(open);
    let options = *OpenOptions::new().read(true).append(true);
    let start = Instant::now();
    let (mut opened, mut refused, mut symlinks) = (0u32, 0u32, 0u32);
    while opened + refused < 20_000 && start.elapsed() < Duration::from_secs(2) {
        match scope.open(&path, &options) {
            Ok(mut file) => {
                let mut text = String::new();
                file.read_to_string(&mut text).expect("read");
                assert!(
                    text.starts_with("inside"),
                    "read through the swap: {text:?}"
                );
                file.write_all(b".").expect("appended");
                opened += 1;
            }
            Err(ScopeError::Symlink { .. }) => {
                refused += 1;
                symlinks += 1;
            }
            Err(_) => refused += 1,
        }
    }
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().expect("swapper");
    fs::remove_file(sandbox.real(swapped).with_extension("link")).expect("link removed");
    assert_eq!(sandbox.contents("outside/file.txt"), MARKER);
    assert!(swaps > 0, "the swapper never ran");
    assert!(
        opened > 0 && symlinks > 0,
        "the race was not exercised: {opened} opened, {refused} refused ({symlinks} at a \
         symlink), {swaps} swaps"
    );
}

#[test]
fn a_symlink_swapped_in_for_a_directory_never_leads_out() {
    let sandbox = Sandbox::new(&[]);
    sandbox.mkdir("root/sub");
    sandbox.write("root/sub/file.txt", "inside");
    race(&sandbox, "root/sub/file.txt", "root/sub", "../outside");
    let outside = sandbox.real("outside");
    race(&sandbox, "root/sub/file.txt", "root/sub", outside);
}

#[test]
fn a_symlink_swapped_in_for_the_file_never_leads_out() {
    let sandbox = Sandbox::new(&[]);
    sandbox.write("root/file.txt", "inside");
    race(
        &sandbox,
        "root/file.txt",
        "root/file.txt",
        "../outside/file.txt",
    );
    let marker = sandbox.real("outside/file.txt");
    race(&sandbox, "root/file.txt", "root/file.txt", marker);
}

/// Runs `f` on another thread; fails if it has not returned within 5 s (it blocked).
fn without_blocking<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    thread::spawn(move || sender.send(f()).ok());
    receiver
        .recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("{what} blocked"))
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "mkfifo {}",
        path.display()
    );
}

#[test]
fn a_fifo_planted_in_the_scope_is_refused_without_blocking() {
    let sandbox = Arc::new(Sandbox::new(&[]));
    mkfifo(&sandbox.real("root/pipe"));
    let options = [
        read(),
        *OpenOptions::new().write(true),
        *OpenOptions::new().append(true),
        *OpenOptions::new().read(true).write(true),
        *OpenOptions::new().write(true).create(true),
    ];
    for options in options {
        let sandbox = Arc::clone(&sandbox);
        let result = without_blocking("opening a FIFO", move || {
            sandbox
                .scope()
                .open(&sandbox.path("root/pipe"), &options)
                .map(|_| ())
        });
        assert!(
            matches!(result, Err(ScopeError::NotAFile { .. })),
            "{options:?}: {result:?}"
        );
    }
}

#[test]
fn a_fifo_swapped_in_for_the_file_never_blocks_an_open() {
    let sandbox = Arc::new(Sandbox::new(&[]));
    sandbox.write("root/file.txt", "inside");
    let real = sandbox.real("root/file.txt");
    let (aside, fifo) = (real.with_extension("real"), real.with_extension("fifo"));
    mkfifo(&fifo);
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut swaps = 0u64;
            while !stop.load(Ordering::Relaxed) {
                fs::rename(&real, &aside).expect("aside");
                fs::rename(&fifo, &real).expect("fifo in");
                fs::rename(&real, &fifo).expect("fifo out");
                fs::rename(&aside, &real).expect("back");
                swaps += 1;
            }
            swaps
        })
    };
    let opener = Arc::clone(&sandbox);
    let (opened, refused) = without_blocking("an open racing a FIFO", move || {
        let scope = opener.scope();
        let path = opener.path("root/file.txt");
        let start = Instant::now();
        let (mut opened, mut refused) = (0u32, 0u32);
        while start.elapsed() < Duration::from_secs(2) {
            match scope.open(&path, &read()) {
                Ok(file) => {
                    assert_eq!(read_all(file), "inside");
                    opened += 1;
                }
                Err(_) => refused += 1,
            }
        }
        (opened, refused)
    });
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().expect("swapper");
    assert!(
        swaps > 0 && opened > 0 && refused > 0,
        "the race was not exercised: {opened} opened, {refused} refused, {swaps} swaps"
    );
}

#[test]
fn create_dir_all_checks_every_directory_it_creates_and_follows_no_symlink() {
    let sandbox = Sandbox::new(&["$HOME/root/private", "$HOME/root/private/**"]);
    let scope = sandbox.scope();
    scope
        .create_dir_all(&sandbox.path("root/a/b/c"))
        .expect("nested directories");
    assert!(sandbox.real("root/a/b/c").is_dir());
    // Again: what exists is walked, nothing fails.
    scope
        .create_dir_all(&sandbox.path("root/a/b/c"))
        .expect("existing directories");

    // A denied directory on the way is not created, nor anything beneath it.
    let denied = refusal(scope.create_dir_all(&sandbox.path("root/private/x")));
    assert!(matches!(denied, ScopeError::Denied { .. }), "{denied:?}");
    assert!(!sandbox.real("root/private").exists());
    // Denied only as a directory on the way (the target beneath it is allowed): checked as it
    // would be created, and not created.
    let gated = Sandbox::new(&["$HOME/root/gate"]);
    let on_the_way = refusal(gated.scope().create_dir_all(&gated.path("root/gate/x")));
    assert!(
        matches!(on_the_way, ScopeError::Denied { .. }),
        "{on_the_way:?}"
    );
    assert!(!gated.real("root/gate").exists());

    // A symlink on the way, pointing out, is not followed.
    sandbox.link(sandbox.real("outside"), "root/out");
    let through = refusal(scope.create_dir_all(&sandbox.path("root/out/new")));
    assert!(matches!(through, ScopeError::Symlink { .. }), "{through:?}");
    assert!(!sandbox.real("outside/new").exists());

    // Outside the scope, nothing.
    let outside = refusal(scope.create_dir_all(&sandbox.path("outside/new")));
    assert!(
        matches!(outside, ScopeError::OutOfScope { .. }),
        "{outside:?}"
    );
}

#[test]
fn create_dir_all_creates_a_missing_root() {
    let sandbox = Sandbox::new(&[]);
    fs::remove_dir(sandbox.real("root")).expect("no root");
    sandbox
        .scope()
        .create_dir_all(&sandbox.path("root/notes"))
        .expect("the root, then the directory");
    assert!(sandbox.real("root/notes").is_dir());
}

#[test]
fn remove_dir_all_removes_symlinks_themselves_and_stops_at_a_denied_entry() {
    let sandbox = Sandbox::new(&["$HOME/root/tree/keep.txt"]);
    let scope = sandbox.scope();
    sandbox.mkdir("root/tree/sub/deeper");
    sandbox.write("root/tree/sub/deeper/file.txt", "x");
    // Symlinks inside, to a directory and a file outside: removed as links, never followed.
    sandbox.link(sandbox.real("outside"), "root/tree/sub/to-outside");
    sandbox.link("../../../outside/file.txt", "root/tree/sub/to-file");
    scope
        .remove_dir_all(&sandbox.path("root/tree/sub"))
        .expect("the tree goes");
    assert!(!sandbox.real("root/tree/sub").exists());
    assert_eq!(sandbox.contents("outside/file.txt"), MARKER);

    // A denied entry refuses the whole removal: nothing is removed.
    sandbox.write("root/tree/keep.txt", "kept");
    sandbox.write("root/tree/a-first.txt", "first");
    let denied = refusal(scope.remove_dir_all(&sandbox.path("root/tree")));
    assert!(matches!(denied, ScopeError::Denied { .. }), "{denied:?}");
    assert_eq!(
        denied.to_string(),
        format!(
            "`{}` is denied by the scope",
            sandbox.real("root/tree").display()
        )
    );
    assert_eq!(sandbox.contents("root/tree/keep.txt"), "kept");
    assert_eq!(sandbox.contents("root/tree/a-first.txt"), "first");

    // The directory itself as a symlink: not followed, refused.
    sandbox.link(sandbox.real("outside"), "root/linked");
    let linked = refusal(scope.remove_dir_all(&sandbox.path("root/linked")));
    assert!(matches!(linked, ScopeError::Symlink { .. }), "{linked:?}");
    assert_eq!(sandbox.contents("outside/file.txt"), MARKER);

    // The scope's root stays.
    let root = refusal(scope.remove_dir_all(&sandbox.path("root")));
    assert!(
        matches!(
            root,
            ScopeError::Root { .. } | ScopeError::OutOfScope { .. }
        ),
        "{root:?}"
    );
    assert!(sandbox.real("root").is_dir());

    // Granted as a path and as a tree (`$HOME/root` and `$HOME/root/**`), with nothing denied
    // inside: the folder the tree rule opens beneath still stays.
    let whole = Sandbox::allowing(&["$HOME/root", "$HOME/root/**"], &[]);
    whole.write("root/note.txt", "kept");
    let root = refusal(whole.scope().remove_dir_all(&whole.path("root")));
    assert!(matches!(root, ScopeError::Root { .. }), "{root:?}");
    assert_eq!(whole.contents("root/note.txt"), "kept");
}

#[test]
fn remove_dir_all_stops_at_its_depth_limit() {
    let sandbox = Sandbox::new(&[]);
    let deep: String = (0..=rampart_core::scope::open::MAX_REMOVE_DEPTH)
        .map(|_| "d/")
        .collect();
    sandbox.mkdir(&format!("root/top/{deep}"));
    let error = refusal(sandbox.scope().remove_dir_all(&sandbox.path("root/top")));
    assert!(error.to_string().contains("directories deep"), "{error}");
}

#[test]
fn copy_file_is_checked_at_both_ends_and_never_writes_through_a_symlink() {
    let sandbox = Sandbox::new(&["$HOME/root/secret.txt"]);
    let scope = sandbox.scope();
    sandbox.write("root/a.txt", "alpha");
    sandbox.write("root/secret.txt", "secret");
    let copied = scope
        .copy_file(&sandbox.path("root/a.txt"), &sandbox.path("root/b.txt"))
        .expect("copy");
    assert_eq!(
        (copied, sandbox.contents("root/b.txt")),
        (5, "alpha".to_string())
    );

    for (from, to) in [
        ("root/secret.txt", "root/c.txt"),
        ("root/a.txt", "root/secret.txt"),
    ] {
        let error = refusal(scope.copy_file(&sandbox.path(from), &sandbox.path(to)));
        assert!(
            matches!(error, ScopeError::Denied { .. }),
            "{from} -> {to}: {error:?}"
        );
    }
    assert!(!sandbox.real("root/c.txt").exists());
    assert_eq!(sandbox.contents("root/secret.txt"), "secret");

    // Outside at either end.
    let out = refusal(scope.copy_file(
        &sandbox.path("outside/file.txt"),
        &sandbox.path("root/d.txt"),
    ));
    assert!(matches!(out, ScopeError::OutOfScope { .. }), "{out:?}");
    let out = refusal(scope.copy_file(
        &sandbox.path("root/a.txt"),
        &sandbox.path("outside/new.txt"),
    ));
    assert!(matches!(out, ScopeError::OutOfScope { .. }), "{out:?}");

    // A symlink planted as the target is not written through; one as the source is not read.
    sandbox.link(sandbox.real("outside/file.txt"), "root/planted");
    let planted =
        refusal(scope.copy_file(&sandbox.path("root/a.txt"), &sandbox.path("root/planted")));
    assert!(matches!(planted, ScopeError::Symlink { .. }), "{planted:?}");
    let source =
        refusal(scope.copy_file(&sandbox.path("root/planted"), &sandbox.path("root/e.txt")));
    assert!(matches!(source, ScopeError::Symlink { .. }), "{source:?}");
    assert_eq!(sandbox.contents("outside/file.txt"), MARKER);

    // Onto itself, directly or through a hard link: refused, and nothing truncated.
    fs::hard_link(sandbox.real("root/a.txt"), sandbox.real("root/hard.txt")).expect("hard link");
    for to in ["root/a.txt", "root/hard.txt"] {
        assert!(
            scope
                .copy_file(&sandbox.path("root/a.txt"), &sandbox.path(to))
                .is_err()
        );
    }
    assert_eq!(sandbox.contents("root/a.txt"), "alpha");
}

#[test]
fn paths_picked_at_run_time_are_literals_beneath_which_nothing_else_opens() {
    use rampart_core::acl::ScopeRule;
    use rampart_core::scope::PathPattern;

    let sandbox = Sandbox::new(&["$HOME/outside/denied.txt"]);
    sandbox.write("outside/[a].txt", "bracket");
    sandbox.write("outside/a.txt", "plain");
    sandbox.write("outside/denied.txt", "denied");
    sandbox.mkdir("outside/dir/sub");
    sandbox.write("outside/dir/sub/deep.txt", "deep");
    let picked = vec![
        ScopeRule::Path(PathPattern::literal(&sandbox.path("outside/[a].txt"))),
        ScopeRule::Path(PathPattern::literal(&sandbox.path("outside/denied.txt"))),
        ScopeRule::Path(PathPattern::subtree(&sandbox.path("outside/dir")).expect("subtree")),
    ];
    let scope = sandbox.scope().with_picked(&picked);
    let open = |relative: &str| scope.open(&sandbox.path(relative), &read());

    assert_eq!(
        read_all(open("outside/[a].txt").expect("picked")),
        "bracket"
    );
    assert_eq!(
        read_all(open("outside/dir/sub/deep.txt").expect("beneath")),
        "deep"
    );
    // A literal is a literal: `[a]` is not a class that lets `a.txt` in.
    assert!(matches!(
        refusal(open("outside/a.txt")),
        ScopeError::OutOfScope { .. }
    ));
    // The configuration's deny rule still wins.
    assert!(matches!(
        refusal(open("outside/denied.txt")),
        ScopeError::Denied { .. }
    ));
    assert!(matches!(
        refusal(open("outside/file.txt")),
        ScopeError::OutOfScope { .. }
    ));
    // Without the picks, none of it.
    assert!(matches!(
        refusal(
            sandbox
                .scope()
                .open(&sandbox.path("outside/[a].txt"), &read())
        ),
        ScopeError::OutOfScope { .. }
    ));
    // A symlink planted in the picked directory still leads nowhere.
    sandbox.link(sandbox.real("outside/file.txt"), "outside/dir/link.txt");
    assert!(matches!(
        refusal(open("outside/dir/link.txt")),
        ScopeError::Symlink { .. }
    ));
}

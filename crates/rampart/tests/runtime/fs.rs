//! The fs plugin through the mock door: every command on real files in a scratch folder, and a
//! page that tries to leave its scope with `..`, absolute paths, planted symlinks, a denied
//! folder at either end of a rename or copy, a FIFO, odd names, and other webviews' handles.
//! Each attempt gets a clear error naming only the path the page sent, and the app answers the
//! next call.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use rampart::mock::{MockApp, MockRequest, MockResponse};
use rampart::plugins::fs;
use rampart::{Builder, Context};
use rampart_core::ipc::framed;
use serde_json::{Value, json};

use crate::support;

/// What a file outside the scope holds: no call may ever read or change it.
const MARKER: &str = "MARKER: outside the scope";

/// A scratch folder: `root/` is the scope (with `root/private/` denied), `outside/` is not.
struct Files {
    folder: PathBuf,
    app: MockApp,
}

impl Files {
    fn new(name: &str) -> Files {
        let folder = std::env::temp_dir().join(format!("rampart-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(folder.join("root")).expect("root");
        std::fs::create_dir_all(folder.join("outside")).expect("outside");
        std::fs::write(folder.join("outside/file.txt"), MARKER).expect("marker");
        let folder = std::fs::canonicalize(&folder).expect("canonical");
        let app = MockApp::new(
            support::with_placeholders(Builder::new().plugin(fs::plugin()), &[]),
            context(&folder),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        Files { folder, app }
    }

    /// The absolute path of `relative` in the folder, as the page sends it.
    fn path(&self, relative: &str) -> String {
        self.folder.join(relative).display().to_string()
    }

    fn real(&self, relative: &str) -> PathBuf {
        self.folder.join(relative)
    }

    fn call(&self, webview: &str, command: &str, args: Value) -> MockResponse {
        self.app
            .invoke(webview, &format!("plugin:fs|{command}"), args)
    }

    /// A channel `main` opened, for a watch's events.
    fn channel(&self) -> String {
        self.app
            .invoke("main", "plugin:channel|open", json!({}))
            .json()["id"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A JSON call from `main`: the answer, or the error code and message.
    fn fs(&self, command: &str, args: Value) -> Result<Value, (String, String)> {
        answer(&self.call("main", command, args))
    }

    /// Watches `path` (virtual, as the page writes it), its events sent on `channel`.
    fn watch(&self, path: &str, recursive: bool, channel: &str) -> Result<Value, (String, String)> {
        let on_event = json!({ "__rampartChannel": channel });
        self.fs(
            "watch",
            json!({ "path": path, "recursive": recursive, "onEvent": on_event }),
        )
    }

    /// A framed call (head, then the bytes) from `webview`.
    fn framed(&self, webview: &str, command: &str, head: Value, data: &[u8]) -> MockResponse {
        self.raw(
            webview,
            command,
            framed::join(head.to_string().as_bytes(), data),
        )
    }

    fn raw(&self, webview: &str, command: &str, body: Vec<u8>) -> MockResponse {
        let command = format!("plugin:fs|{command}");
        self.app.request(
            webview,
            MockRequest {
                content_type: Some("application/octet-stream"),
                body,
                ..MockRequest::invoke(&command, Value::Null)
            },
        )
    }

    fn contents(&self, relative: &str) -> String {
        std::fs::read_to_string(self.real(relative)).expect("read fixture")
    }
}

fn answer(response: &MockResponse) -> Result<Value, (String, String)> {
    match response.error_code() {
        None => Ok(response.json()),
        Some(code) => Err((
            code,
            response.json()["message"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )),
    }
}

/// The fixture app: `main` may read and change `root/**` but not `root/private`; `settings`
/// may only read it (files, listings, watches).
fn context(folder: &Path) -> Context {
    let root = folder.join("root").display().to_string();
    let scope = format!(
        "allow = [{{ path = \"{root}\" }}, {{ path = \"{root}/**\" }}], deny = [{{ path = \"{root}/private\" }}, {{ path = \"{root}/private/**\" }}]"
    );
    let main = format!(
        "identifier = \"files\"\nwindows = [\"main\"]\npermissions = [\"fs:read-all\", \"fs:write-all\", {{ identifier = \"fs:scope\", {scope} }}]\n"
    );
    let settings = format!(
        "identifier = \"reading\"\nwindows = [\"settings\"]\npermissions = [\"fs:read-files\", \"fs:read-dirs\", {{ identifier = \"fs:scope\", {scope} }}]\n"
    );
    support::fixture_with(
        "fs",
        "",
        &[
            ("capabilities/files.toml", &main),
            ("capabilities/reading.toml", &settings),
        ],
    )
}

fn code(result: Result<Value, (String, String)>) -> String {
    match result {
        Ok(value) => panic!("allowed: {value}"),
        Err((code, _)) => code,
    }
}

#[test]
fn every_command_works_inside_the_scope() {
    let f = Files::new("works");
    let note = f.path("root/notes/a.txt");
    assert_eq!(
        f.fs(
            "mkdir",
            json!({ "path": f.path("root/notes/deep/er"), "recursive": true })
        ),
        Ok(Value::Null)
    );
    assert_eq!(
        f.fs(
            "write_text_file",
            json!({ "path": note, "contents": "héllo" })
        ),
        Ok(Value::Null)
    );
    assert_eq!(
        f.fs("read_text_file", json!({ "path": note })),
        Ok(json!("héllo"))
    );

    // Bytes, framed, and appended.
    let bytes: Vec<u8> = (0..=255).collect();
    let binary = f.path("root/notes/b.bin");
    let written = f.framed("main", "write_file", json!({ "path": binary }), &bytes);
    assert_eq!(answer(&written), Ok(Value::Null));
    let appended = f.framed("main", "append_file", json!({ "path": binary }), b"tail");
    assert_eq!(answer(&appended), Ok(Value::Null));
    let read = f.call("main", "read_file", json!({ "path": binary }));
    assert_eq!(read.content_type, "application/octet-stream");
    assert_eq!(read.body, [&bytes[..], b"tail"].concat());
    assert_eq!(
        f.fs(
            "write_text_file",
            json!({ "path": note, "contents": "!", "options": { "append": true } })
        ),
        Ok(Value::Null)
    );
    assert_eq!(f.contents("root/notes/a.txt"), "héllo!");
    let exists = f.fs(
        "write_text_file",
        json!({ "path": note, "contents": "x", "options": { "createNew": true } }),
    );
    assert_eq!(code(exists), "internal");
    let missing = f.fs("write_text_file", json!({ "path": f.path("root/notes/none.txt"), "contents": "x", "options": { "create": false } }));
    assert_eq!(code(missing), "not_found");

    assert_eq!(f.fs("exists", json!({ "path": note })), Ok(json!(true)));
    assert_eq!(
        f.fs("exists", json!({ "path": f.path("root/nothing") })),
        Ok(json!(false))
    );
    let stat = f.fs("stat", json!({ "path": note })).expect("stat");
    assert_eq!(
        (
            stat["size"].clone(),
            stat["isFile"].clone(),
            stat["isDirectory"].clone()
        ),
        (json!(7), json!(true), json!(false))
    );
    assert!(stat["modified"].as_u64().is_some(), "{stat}");

    assert_eq!(
        f.fs(
            "copy_file",
            json!({ "from": note, "to": f.path("root/notes/c.txt") })
        ),
        Ok(Value::Null)
    );
    assert_eq!(
        f.fs(
            "rename",
            json!({ "from": f.path("root/notes/c.txt"), "to": f.path("root/notes/d.txt") })
        ),
        Ok(Value::Null)
    );
    assert_eq!(f.contents("root/notes/d.txt"), "héllo!");
    let listed = f
        .fs("read_dir", json!({ "path": f.path("root/notes") }))
        .expect("listed");
    let mut names: Vec<&str> = listed
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["a.txt", "b.bin", "d.txt", "deep"]);

    assert_eq!(
        f.fs("remove", json!({ "path": f.path("root/notes/d.txt") })),
        Ok(Value::Null)
    );
    let (code_, message) = f
        .fs("remove", json!({ "path": f.path("root/notes") }))
        .expect_err("not empty");
    assert_eq!(code_, "bad_request");
    assert!(message.contains("pass `recursive`"), "{message}");
    assert_eq!(
        f.fs(
            "remove",
            json!({ "path": f.path("root/notes"), "recursive": true })
        ),
        Ok(Value::Null)
    );
    assert!(!f.real("root/notes").exists());
}

#[test]
fn escapes_are_refused_and_name_only_the_path_sent() {
    let f = Files::new("escapes");
    std::fs::create_dir_all(f.real("root/private")).expect("private");
    std::fs::write(f.real("root/private/key.txt"), "key").expect("key");
    std::fs::write(f.real("root/open.txt"), "open").expect("open");
    symlink(f.real("outside"), f.real("root/out-dir")).expect("symlink");
    symlink("../outside/file.txt", f.real("root/out-file")).expect("symlink");
    symlink(f.real("root/private/key.txt"), f.real("root/to-private")).expect("symlink");

    let outside = f.path("outside/file.txt");
    let climbing = format!("{}/../outside/file.txt", f.path("root"));
    for path in [
        outside.clone(),
        climbing.clone(),
        f.path("root/out-dir/file.txt"),
        f.path("root/out-file"),
        f.path("root/to-private"),
        f.path("root/private/key.txt"),
        "/etc/passwd".to_string(),
    ] {
        let link = path.ends_with("out-file") || path.ends_with("to-private");
        for command in ["read_file", "read_text_file", "stat", "exists"] {
            if link && matches!(command, "stat" | "exists") {
                // The link itself is an entry of the scope: described, never followed.
                let stat = f
                    .fs("stat", json!({ "path": path }))
                    .expect("the link itself");
                assert_eq!(stat["isSymlink"], true, "{stat}");
                continue;
            }
            let response = f.call("main", command, json!({ "path": path }));
            let (code_, message) = answer(&response).expect_err(&format!("{command} {path}"));
            assert_eq!(code_, "denied", "{command} {path}: {message}");
            // The message names the path as it was checked, nothing of the scope or a target.
            assert!(
                !message.contains("MARKER") && !message.contains("**"),
                "{message}"
            );
        }
        let write = f.fs(
            "write_text_file",
            json!({ "path": path, "contents": "pwned" }),
        );
        assert_eq!(code(write), "denied", "{path}");
    }
    assert_eq!(f.contents("outside/file.txt"), MARKER);
    assert_eq!(f.contents("root/private/key.txt"), "key");

    // Both ends of a rename and a copy.
    for command in ["rename", "copy_file"] {
        for (from, to) in [
            (f.path("root/open.txt"), f.path("root/private/stolen.txt")),
            (f.path("root/private/key.txt"), f.path("root/stolen.txt")),
            (f.path("root/open.txt"), f.path("outside/stolen.txt")),
            (outside.clone(), f.path("root/stolen.txt")),
        ] {
            let refused = f.fs(command, json!({ "from": from, "to": to }));
            assert_eq!(code(refused), "denied", "{command} {from} -> {to}");
        }
    }
    // A copy reads through no symlink (a rename moves the link itself, which stays a link).
    let through = f.fs(
        "copy_file",
        json!({ "from": f.path("root/out-file"), "to": f.path("root/stolen.txt") }),
    );
    assert_eq!(code(through), "denied");
    assert!(!f.real("root/stolen.txt").exists() && !f.real("outside/stolen.txt").exists());

    // Writing through a symlink planted as the last component.
    let planted = f.fs(
        "write_text_file",
        json!({ "path": f.path("root/out-file"), "contents": "pwned" }),
    );
    assert_eq!(code(planted), "denied");
    let framed = f.framed(
        "main",
        "write_file",
        json!({ "path": f.path("root/out-file") }),
        b"pwned",
    );
    assert_eq!(framed.error_code().as_deref(), Some("denied"));
    assert_eq!(f.contents("outside/file.txt"), MARKER);

    // Listing: a symlink is listed as one; the denied folder is left out; through a link, nothing.
    let listed = f
        .fs("read_dir", json!({ "path": f.path("root") }))
        .expect("listed");
    let out = listed
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["name"] == "out-dir")
        .expect("listed");
    assert_eq!(
        (out["isSymlink"].clone(), out["isDirectory"].clone()),
        (json!(true), json!(false))
    );
    assert!(
        listed
            .as_array()
            .is_some_and(|all| all.iter().all(|e| e["name"] != "private")),
        "{listed}"
    );
    assert_eq!(
        code(f.fs("read_dir", json!({ "path": f.path("root/out-dir") }))),
        "denied"
    );

    // Removing: a symlink goes itself; a tree holding a denied entry stops there.
    assert_eq!(
        f.fs("remove", json!({ "path": f.path("root/out-dir") })),
        Ok(Value::Null)
    );
    assert!(f.real("outside/file.txt").exists());
    assert_eq!(
        code(f.fs(
            "remove",
            json!({ "path": f.path("root/private"), "recursive": true })
        )),
        "denied"
    );
    std::fs::create_dir_all(f.real("root/tree")).expect("tree");
    symlink(f.real("outside"), f.real("root/tree/link")).expect("symlink");
    assert_eq!(
        f.fs(
            "remove",
            json!({ "path": f.path("root/tree"), "recursive": true })
        ),
        Ok(Value::Null)
    );
    assert_eq!(f.contents("outside/file.txt"), MARKER);
    assert_eq!(
        code(f.fs(
            "remove",
            json!({ "path": f.path("root"), "recursive": true })
        )),
        "denied"
    );
    assert!(f.real("root/open.txt").exists());
    assert_eq!(
        code(f.fs(
            "mkdir",
            json!({ "path": f.path("root/private/x"), "recursive": true })
        )),
        "denied"
    );
}

#[test]
fn bad_input_gets_a_clear_error_and_the_app_keeps_answering() {
    let f = Files::new("bad-input");
    std::fs::create_dir_all(f.real("root/dir")).expect("dir");
    let long = format!("{}/{}", f.path("root"), "n".repeat(4096));
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "read_file",
            json!({ "path": format!("{}/a\0b", f.path("root")) }),
            "bad_request",
        ),
        (
            "read_file",
            json!({ "path": "relative/path" }),
            "bad_request",
        ),
        ("read_file", json!({ "path": long }), "bad_request"),
        (
            "read_file",
            json!({ "path": f.path("root/dir") }),
            "bad_request",
        ),
        (
            "read_text_file",
            json!({ "path": f.path("root/missing") }),
            "not_found",
        ),
        (
            "read_dir",
            json!({ "path": f.path("root/missing") }),
            "not_found",
        ),
        ("read_file", json!({}), "bad_request"),
        ("read_file", json!({ "path": 7 }), "bad_request"),
        (
            "read_file",
            json!({ "path": f.path("root/x"), "extra": 1 }),
            "bad_request",
        ),
        (
            "write_text_file",
            json!({ "path": f.path("root/dir"), "contents": "x" }),
            "bad_request",
        ),
        ("mkdir", json!({ "path": f.path("root/dir") }), "internal"),
        ("stat", json!({ "path": "$NOPE/x" }), "bad_request"),
    ];
    for (command, args, expected) in cases {
        let response = f.call("main", command, args.clone());
        let (code_, message) = answer(&response).expect_err(&format!("{command} {args}"));
        assert_eq!(code_, expected, "{command} {args}: {message}");
        assert!(
            message.len() < 4096 + 300,
            "{command}: the message is {} bytes",
            message.len()
        );
    }

    // Not UTF-8: on disk (listed without it, read as bytes only) and as text.
    let odd = OsStr::from_bytes(b"bad-\xff-name");
    std::fs::write(f.real("root").join(odd), "odd").expect("odd name");
    let listed = f
        .fs("read_dir", json!({ "path": f.path("root") }))
        .expect("listed");
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    std::fs::write(f.real("root/latin1.txt"), b"caf\xe9").expect("latin1");
    let (code_, message) = f
        .fs(
            "read_text_file",
            json!({ "path": f.path("root/latin1.txt") }),
        )
        .expect_err("not UTF-8");
    assert_eq!(code_, "bad_request");
    assert!(message.contains("read_file"), "{message}");

    // A FIFO: refused at once, never waited on.
    let made = std::process::Command::new("mkfifo")
        .arg(f.real("root/fifo"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo");
    for command in ["read_file", "read_text_file"] {
        assert_eq!(
            code(f.fs(command, json!({ "path": f.path("root/fifo") }))),
            "bad_request"
        );
    }
    assert_eq!(
        code(f.fs(
            "write_text_file",
            json!({ "path": f.path("root/fifo"), "contents": "x" })
        )),
        "bad_request"
    );

    // Bodies that are not framed, or framed wrongly.
    let json_body = f.call("main", "write_file", json!({ "path": f.path("root/a") }));
    assert_eq!(json_body.error_code().as_deref(), Some("bad_request"));
    for body in [
        vec![],
        vec![0, 0],
        vec![0, 0, 0, 9, b'{', b'}'],
        framed::join(b"not json", b"x"),
        framed::join(b"{}", b"x"),
    ] {
        let response = f.raw("main", "write_file", body.clone());
        assert_eq!(
            response.error_code().as_deref(),
            Some("bad_request"),
            "{body:?}"
        );
    }
    assert!(!f.real("root/a").exists());

    // Still answering.
    assert_eq!(
        f.fs("exists", json!({ "path": f.path("root/dir") })),
        Ok(json!(true))
    );
}

#[test]
fn handles_belong_to_their_page_and_are_bounded() {
    let f = Files::new("handles");
    std::fs::write(f.real("root/data.txt"), "0123456789").expect("data");
    let data = f.path("root/data.txt");
    let rid = f
        .fs(
            "open",
            json!({ "path": data, "options": { "read": true, "write": true } }),
        )
        .expect("open");
    let rid = rid.as_str().expect("a handle").to_string();
    assert_eq!(rid.len(), 32);
    let read = |webview: &str, rid: &str, len: u64| {
        f.call(webview, "read", json!({ "rid": rid, "len": len }))
    };
    assert_eq!(read("main", &rid, 4).body, b"0123");
    assert_eq!(
        f.fs("seek", json!({ "rid": rid, "offset": -2, "whence": "end" })),
        Ok(json!(8))
    );
    assert_eq!(read("main", &rid, 100).body, b"89");
    assert_eq!(read("main", &rid, 100).body, b"");
    assert_eq!(
        answer(&f.framed("main", "write", json!({ "rid": rid }), b"AB")),
        Ok(json!(2))
    );
    assert_eq!(f.contents("root/data.txt"), "0123456789AB");
    assert_eq!(
        code(f.fs(
            "seek",
            json!({ "rid": rid, "offset": -1, "whence": "start" })
        )),
        "bad_request"
    );
    assert_eq!(
        read("main", &rid, fs::MAX_READ + 1).error_code().as_deref(),
        Some("too_large")
    );

    // Another webview cannot use it, a guessed one is unknown, and the page's load closes it.
    assert_eq!(
        read("settings", &rid, 1).error_code().as_deref(),
        Some("not_found")
    );
    assert_eq!(
        read("main", "00000000000000000000000000000000", 1)
            .error_code()
            .as_deref(),
        Some("not_found")
    );
    f.app.page_unload("main");
    assert_eq!(
        read("main", &rid, 1).error_code().as_deref(),
        Some("not_found")
    );

    // A webview granted reading only cannot open for writing, creating or truncating.
    for options in [
        json!({ "write": true }),
        json!({ "truncate": true, "write": true }),
        json!({ "create": true }),
        json!({ "append": true }),
    ] {
        let (code_, message) = answer(&f.call(
            "settings",
            "open",
            json!({ "path": data, "options": options }),
        ))
        .expect_err("read only");
        assert_eq!(code_, "denied", "{options}");
        assert!(message.contains("fs:allow-write"), "{message}");
    }
    assert_eq!(f.contents("root/data.txt"), "0123456789AB");
    let reading = f.call("settings", "open", json!({ "path": data }));
    assert_eq!(reading.error_code(), None);

    // At most MAX_HANDLES per webview; closing one frees a place.
    let mut rids = Vec::new();
    for _ in 0..fs::MAX_HANDLES {
        rids.push(f.fs("open", json!({ "path": data })).expect("open"));
    }
    assert_eq!(code(f.fs("open", json!({ "path": data }))), "busy");
    assert_eq!(f.fs("close", json!({ "rid": rids[0] })), Ok(Value::Null));
    assert_eq!(code(f.fs("close", json!({ "rid": rids[0] }))), "not_found");
    assert!(f.fs("open", json!({ "path": data })).is_ok());
    // Outside the scope, a handle is never made.
    assert_eq!(
        code(f.fs("open", json!({ "path": f.path("outside/file.txt") }))),
        "denied"
    );
}

/// Pulls the channel `id` of `main` until `done` holds for what arrived (a pull waits for values).
fn pull_until(f: &Files, id: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let mut events = Vec::new();
    let started = std::time::Instant::now();
    while !done(&events) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "only {events:?}"
        );
        let batch = f
            .app
            .invoke("main", "plugin:channel|next", json!({ "id": id }))
            .json();
        events.extend(batch["values"].as_array().cloned().unwrap_or_default());
        if batch["closed"] != false {
            break;
        }
    }
    events
}

/// A recursive watch follows a directory moved into it, and stops following one moved out:
/// inotify watches the directory itself, wherever it goes, and what happened in it there was
/// reported under its old path (a leak of names from outside the scope).
#[test]
fn a_recursive_watch_follows_directories_moved_in_and_drops_those_moved_out() {
    let f = Files::new("moves");
    let watched = f.real("root/watched");
    std::fs::create_dir_all(watched.join("leaving")).expect("leaving");
    std::fs::create_dir_all(f.real("root/staging/arriving")).expect("arriving");
    let channel = f.channel();
    f.watch(&f.path("root/watched"), true, &channel)
        .expect("watching");
    let names = |events: &[Value]| -> Vec<String> {
        events
            .iter()
            .filter_map(|e| e["path"].as_str().map(str::to_owned))
            .collect()
    };
    let seen = |events: &[Value], path: &Path| names(events).contains(&path.display().to_string());

    // Moved in, then written in: followed.
    std::fs::rename(f.real("root/staging/arriving"), watched.join("arriving")).expect("in");
    pull_until(&f, &channel, |e| seen(e, &watched.join("arriving")));
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::write(watched.join("arriving/inside.txt"), "i").expect("inside");
    pull_until(&f, &channel, |e| {
        seen(e, &watched.join("arriving/inside.txt"))
    });

    // Moved out of the scope, then written in: nothing reported, under any name.
    std::fs::rename(watched.join("leaving"), f.real("outside/left")).expect("out");
    pull_until(&f, &channel, |e| seen(e, &watched.join("leaving")));
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::write(f.real("outside/left/secret-name.txt"), "s").expect("secret");
    std::fs::write(watched.join("sentinel.txt"), "s").expect("sentinel");
    let after = pull_until(&f, &channel, |e| seen(e, &watched.join("sentinel.txt")));
    assert!(
        !names(&after).iter().any(|p| p.contains("secret-name")),
        "{after:?}"
    );
}

#[test]
fn a_watch_reports_changes_in_its_scope_and_nothing_beyond() {
    let f = Files::new("watch");
    let watched = f.real("root/watched");
    std::fs::create_dir_all(&watched).expect("watched");
    symlink(f.real("outside"), watched.join("out")).expect("symlink");
    let channel = f.channel();
    let id = f
        .watch(&f.path("root/watched"), true, &channel)
        .expect("watching");
    let has = |events: &[Value], kind: &str, path: &Path| {
        events
            .iter()
            .any(|e| e["kind"] == kind && e["path"] == json!(path.display().to_string()))
    };

    std::fs::write(watched.join("a.txt"), "a").expect("a");
    std::fs::create_dir(watched.join("sub")).expect("sub");
    let events = pull_until(&f, &channel, |e| {
        has(e, "create", &watched.join("a.txt")) && has(e, "create", &watched.join("sub"))
    });
    // A directory made after the watch began is watched too.
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::write(watched.join("sub/b.txt"), "b").expect("b");
    // Outside the scope (through the symlink): nothing.
    std::fs::write(f.real("outside/c.txt"), "c").expect("c");
    std::fs::remove_file(watched.join("a.txt")).expect("removed");
    let more = pull_until(&f, &channel, |e| {
        has(e, "remove", &watched.join("a.txt")) && has(e, "create", &watched.join("sub/b.txt"))
    });
    let all: Vec<Value> = events.into_iter().chain(more).collect();
    assert!(
        !all.iter().any(|e| e["path"]
            .as_str()
            .is_some_and(|p| p.contains("outside") || p.contains("c.txt"))),
        "{all:?}"
    );

    // A denied entry of a watched directory is never reported.
    let second = f.channel();
    let top = f
        .watch(&f.path("root"), false, &second)
        .expect("watching the root");
    std::fs::create_dir(f.real("root/private")).expect("private");
    std::fs::write(f.real("root/visible.txt"), "v").expect("visible");
    let seen = pull_until(&f, &second, |e| {
        has(e, "create", &f.real("root/visible.txt"))
    });
    assert!(
        !seen
            .iter()
            .any(|e| e["path"] == json!(f.path("root/private"))),
        "{seen:?}"
    );
    assert_eq!(f.fs("unwatch", json!({ "id": top })), Ok(Value::Null));

    // Another webview, though granted `unwatch`, cannot stop it: it is not among its own.
    let other = f
        .app
        .invoke("settings", "plugin:fs|unwatch", json!({ "id": id }));
    assert_eq!(other.error_code().as_deref(), Some("not_found"));
    // Its own page can, once.
    assert_eq!(f.fs("unwatch", json!({ "id": id })), Ok(Value::Null));
    assert_eq!(code(f.fs("unwatch", json!({ "id": id }))), "not_found");
    // Watching outside the scope, or through a symlink, is refused.
    for path in [f.path("outside"), f.path("root/watched/out")] {
        let refused = f.watch(&path, false, &channel);
        assert_eq!(code(refused), "denied", "{path}");
    }
    // The page going away ends its watches.
    let third = f.channel();
    let kept = f
        .watch(&f.path("root"), false, &third)
        .expect("watching again");
    f.app.page_unload("main");
    assert_eq!(code(f.fs("unwatch", json!({ "id": kept }))), "not_found");
}

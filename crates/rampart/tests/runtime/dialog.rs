//! The dialog plugin through the mock door, with a chooser that plays the person: what is
//! picked is granted to the asking webview only, as a literal (a directory's contents only
//! when asked for), through the fs plugin and the asset scheme, until the app revokes it; the
//! configuration's deny rules still win; nothing is granted when the dialog is dismissed.

use std::collections::VecDeque;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rampart::Builder;
use rampart::mock::MockApp;
use rampart::plugins::dialog::{self, Buttons, Choice, Dialog};
use rampart::plugins::fs;
use serde_json::{Value, json};

use crate::support;

/// The person: the choices still to make, and the dialogs shown.
#[derive(Clone, Default)]
struct Person {
    choices: Arc<Mutex<VecDeque<Choice>>>,
    shown: Arc<Mutex<Vec<Dialog>>>,
}

impl Person {
    fn will(&self, choice: Choice) {
        if let Ok(mut choices) = self.choices.lock() {
            choices.push_back(choice);
        }
    }
}

fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("rampart-dialog-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("photos/sub")).expect("photos");
    let folder = std::fs::canonicalize(&folder).expect("canonical");
    for (file, text) in [
        ("photo.png", "photo"),
        ("[a].txt", "bracket"),
        ("a.txt", "plain"),
        ("denied.txt", "denied"),
        ("photos/one.png", "one"),
        ("photos/sub/two.png", "two"),
        ("photos/.hidden", "hidden"),
    ] {
        std::fs::write(folder.join(file), text).expect("fixture");
    }
    symlink(folder.join("photo.png"), folder.join("link.png")).expect("symlink");
    folder
}

fn app(folder: &Path, person: &Person) -> MockApp {
    let denied = folder.join("denied.txt").display().to_string();
    let main = format!(
        "identifier = \"picking\"\nwindows = [\"main\"]\npermissions = [\"dialog:default\", \"fs:read-all\", \"fs:write-all\", \"asset:allow-fetch\", {{ identifier = \"fs:scope\", deny = [{{ path = \"{denied}\" }}] }}]\n"
    );
    let settings = "identifier = \"reading\"\nwindows = [\"settings\"]\npermissions = [\"fs:read-all\", \"dialog:default\"]\n";
    let context = support::fixture_with(
        "dialog",
        "",
        &[
            ("capabilities/picking.toml", &main),
            ("capabilities/reading.toml", settings),
        ],
    );
    let (choices, shown) = (person.choices.clone(), person.shown.clone());
    let chooser = dialog::plugin_with(move |dialog| {
        if let Ok(mut all) = shown.lock() {
            all.push(dialog.clone());
        }
        choices
            .lock()
            .ok()
            .and_then(|mut c| c.pop_front())
            .unwrap_or(Choice::Dismissed)
    });
    let builder = Builder::new().plugin(chooser).plugin(fs::plugin());
    MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn call(app: &MockApp, webview: &str, command: &str, args: Value) -> Result<Value, String> {
    let answer = app.invoke(webview, command, args);
    match answer.error_code() {
        None => Ok(answer.json()),
        Some(code) => Err(code),
    }
}

fn read(app: &MockApp, webview: &str, path: &Path) -> Result<Value, String> {
    call(
        app,
        webview,
        "plugin:fs|read_text_file",
        json!({ "path": path }),
    )
}

#[test]
fn a_picked_file_is_granted_to_the_asking_webview_as_a_literal_until_revoked() {
    let folder = folder("file");
    let person = Person::default();
    let app = app(&folder, &person);
    let photo = folder.join("photo.png");
    assert_eq!(
        read(&app, "main", &photo),
        Err("denied".into()),
        "nothing before the pick"
    );

    person.will(Choice::Paths(vec![photo.clone()]));
    let picked = call(
        &app,
        "main",
        "plugin:dialog|open",
        json!({ "title": "Attach", "filters": [{ "name": "Images", "extensions": ["png"] }] }),
    );
    assert_eq!(picked, Ok(json!(photo)));
    assert_eq!(read(&app, "main", &photo), Ok(json!("photo")));
    // Only that file, only for that webview.
    assert_eq!(
        read(&app, "main", &folder.join("a.txt")),
        Err("denied".into())
    );
    assert_eq!(read(&app, "settings", &photo), Err("denied".into()));
    // The asset scheme serves it to the same webview.
    let url = format!("asset://localhost{}", photo.display());
    assert_eq!(app.asset("main", &url, None).body, b"photo");
    assert_eq!(app.asset("settings", &url, None).status, 403);

    // A glob character in a picked name is a character.
    person.will(Choice::Paths(vec![folder.join("[a].txt")]));
    call(&app, "main", "plugin:dialog|open", json!({})).expect("picked");
    assert_eq!(
        read(&app, "main", &folder.join("[a].txt")),
        Ok(json!("bracket"))
    );
    assert_eq!(
        read(&app, "main", &folder.join("a.txt")),
        Err("denied".into())
    );

    // The configuration's deny rule wins over a pick.
    person.will(Choice::Paths(vec![folder.join("denied.txt")]));
    call(&app, "main", "plugin:dialog|open", json!({})).expect("picked");
    assert_eq!(
        read(&app, "main", &folder.join("denied.txt")),
        Err("denied".into())
    );

    // The app lists and revokes.
    let listed = app.app_handle().picked_paths("main");
    assert!(
        listed.iter().any(|p| p.path == photo && !p.recursive),
        "{listed:?}"
    );
    assert!(app.app_handle().revoke_picked("main", &photo));
    assert_eq!(read(&app, "main", &photo), Err("denied".into()));
    assert!(!app.app_handle().revoke_picked("settings", &photo));

    // A picked symlink grants what it points to, and answers that path; the link itself
    // stays out of reach.
    person.will(Choice::Paths(vec![folder.join("link.png")]));
    assert_eq!(
        call(&app, "main", "plugin:dialog|open", json!({})),
        Ok(json!(photo))
    );
    assert_eq!(read(&app, "main", &photo), Ok(json!("photo")));
    assert_eq!(
        read(&app, "main", &folder.join("link.png")),
        Err("denied".into())
    );
    assert!(app.app_handle().revoke_picked("main", &photo));

    // One pick asked for: a chooser that returns more has only the first granted.
    person.will(Choice::Paths(vec![folder.join("a.txt"), photo.clone()]));
    assert_eq!(
        call(&app, "main", "plugin:dialog|open", json!({})),
        Ok(json!(folder.join("a.txt")))
    );
    assert_eq!(read(&app, "main", &photo), Err("denied".into()));

    // Dismissed: nothing.
    assert_eq!(
        call(&app, "main", "plugin:dialog|open", json!({})),
        Ok(Value::Null)
    );
    let shown = person.shown.lock().map(|s| s.clone()).unwrap_or_default();
    assert!(
        matches!(&shown[0], Dialog::Open { title: Some(t), filters, .. } if t == "Attach" && filters.len() == 1)
    );
}

#[test]
fn a_picked_directory_grants_its_contents_only_when_asked() {
    let folder = folder("dir");
    let person = Person::default();
    let app = app(&folder, &person);
    let photos = folder.join("photos");
    person.will(Choice::Paths(vec![photos.clone()]));
    assert_eq!(
        call(
            &app,
            "main",
            "plugin:dialog|open",
            json!({ "directory": true })
        ),
        Ok(json!(photos))
    );
    assert!(
        call(
            &app,
            "main",
            "plugin:fs|read_dir",
            json!({ "path": photos })
        )
        .is_ok()
    );
    assert_eq!(
        read(&app, "main", &photos.join("one.png")),
        Err("denied".into())
    );

    person.will(Choice::Paths(vec![photos.clone()]));
    call(
        &app,
        "main",
        "plugin:dialog|open",
        json!({ "directory": true, "recursive": true }),
    )
    .expect("picked");
    assert_eq!(
        read(&app, "main", &photos.join("one.png")),
        Ok(json!("one"))
    );
    assert_eq!(
        read(&app, "main", &photos.join("sub/two.png")),
        Ok(json!("two"))
    );
    // Dotfiles stay out, as with every `**` rule; and nothing beside the directory.
    assert_eq!(
        read(&app, "main", &photos.join(".hidden")),
        Err("denied".into())
    );
    assert_eq!(
        read(&app, "main", &folder.join("a.txt")),
        Err("denied".into())
    );

    // Several at once.
    person.will(Choice::Paths(vec![
        folder.join("a.txt"),
        folder.join("[a].txt"),
    ]));
    let both = call(
        &app,
        "main",
        "plugin:dialog|open",
        json!({ "multiple": true }),
    )
    .expect("picked");
    assert_eq!(both.as_array().map(Vec::len), Some(2));
    assert_eq!(
        read(&app, "main", &folder.join("a.txt")),
        Ok(json!("plain"))
    );
}

#[test]
fn a_saved_path_may_be_written_and_messages_answer() {
    let folder = folder("save");
    let person = Person::default();
    let app = app(&folder, &person);
    let target = folder.join("new.txt");
    person.will(Choice::Paths(vec![target.clone()]));
    assert_eq!(
        call(
            &app,
            "main",
            "plugin:dialog|save",
            json!({ "defaultPath": folder })
        ),
        Ok(json!(target))
    );
    let wrote = call(
        &app,
        "main",
        "plugin:fs|write_text_file",
        json!({ "path": target, "contents": "saved" }),
    );
    assert_eq!(wrote, Ok(Value::Null));
    assert_eq!(std::fs::read_to_string(&target).expect("saved"), "saved");

    person.will(Choice::Answer(true));
    assert_eq!(
        call(
            &app,
            "main",
            "plugin:dialog|ask",
            json!({ "message": "Delete?" })
        ),
        Ok(json!(true))
    );
    person.will(Choice::Answer(false));
    assert_eq!(
        call(
            &app,
            "main",
            "plugin:dialog|confirm",
            json!({ "message": "Sure?", "kind": "warning" })
        ),
        Ok(json!(false))
    );
    assert_eq!(
        call(
            &app,
            "main",
            "plugin:dialog|message",
            json!({ "message": "Done" })
        ),
        Ok(Value::Null)
    );
    let shown = person.shown.lock().map(|s| s.clone()).unwrap_or_default();
    assert!(
        matches!(&shown[1], Dialog::Message { buttons: Buttons::YesNo, message, .. } if message == "Delete?")
    );

    for (command, args) in [
        ("open", json!({ "title": "x".repeat(5000) })),
        (
            "open",
            json!({ "filters": [{ "name": "All", "extensions": ["*"] }] }),
        ),
        ("open", json!({ "defaultPath": "relative/path" })),
        ("open", json!({ "pick": "/etc/passwd" })),
        ("message", json!({})),
    ] {
        assert_eq!(
            call(
                &app,
                "main",
                &format!("plugin:dialog|{command}"),
                args.clone()
            ),
            Err("bad_request".into()),
            "{args}"
        );
    }
}

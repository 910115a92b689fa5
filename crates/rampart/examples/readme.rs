//! The example of the README's "Writing an app", kept here so that it compiles (with
//! `Context::from_dir` in place of `generate_context!`, which needs an app folder).

use std::io::Write;

use rampart::{
    AppHandle, Builder, CallScope, Commands, Context, ErrorCode, IpcError, OpenOptions, State,
    commands,
};

struct Notes(std::sync::Mutex<Vec<String>>);

/// Arguments come by name from the page's JSON (`{ noteId: 3 }`): any owned type that
/// implements `serde::Deserialize`. `State<T>`, `AppHandle`, `Webview`, `Window`, `CallScope`,
/// `Bytes`, `Channel<T>` and `&Invocation` come by type.
#[rampart::command]
fn read_note(note_id: usize, notes: State<Notes>) -> Result<String, IpcError> {
    let notes = notes
        .0
        .lock()
        .map_err(|_| IpcError::new(ErrorCode::Internal, "poisoned"))?;
    notes
        .get(note_id)
        .cloned()
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, "no such note"))
}

/// The scope this call was granted opens the file: checked against its rules, then opened
/// beneath the matching folder without following symlinks. Never `std::fs` on a page's path.
#[rampart::command]
fn export_note(path: String, text: String, scope: CallScope) -> Result<(), IpcError> {
    let mut file = scope.open(
        &path,
        OpenOptions::new().write(true).create(true).truncate(true),
    )?;
    file.write_all(text.as_bytes())
        .map_err(|e| IpcError::internal(e.to_string()))
}

#[rampart::command]
async fn quit(app: AppHandle) {
    app.exit(0);
}

fn main() {
    let context = Context::from_dir(".").unwrap_or_else(|errors| panic!("{errors:?}"));
    Builder::new()
        .manage(Notes(Default::default()))
        .commands(commands![read_note, export_note, quit])
        .on_refused(|app, refused| {
            // Every call the door refused: a security log, a counter, an alert.
            let _ = app.emit_to("main", "security-log", refused);
        })
        .setup(|app| {
            app.listen("tour-done", |event| {
                println!("{:?} from {:?}", event.payload, event.source)
            });
            Ok(())
        })
        .run(context)
        .unwrap_or_else(|error| panic!("{error}"));
}

//! The example of the README's "Writing an app": kept here so that it compiles.

use rampart::{AppHandle, Builder, Commands, Context, IpcError, State, commands};

struct Notes(std::sync::Mutex<Vec<String>>);

/// Arguments come by name from the page's JSON (`{ noteId: 3 }`); `State<T>`, `AppHandle`
/// and `&Invocation` come by type.
#[rampart::command]
fn read_note(note_id: usize, notes: State<Notes>) -> Result<String, IpcError> {
    let notes = notes
        .0
        .lock()
        .map_err(|_| IpcError::new(rampart::ErrorCode::Internal, "poisoned"))?;
    notes
        .get(note_id)
        .cloned()
        .ok_or_else(|| IpcError::new(rampart::ErrorCode::NotFound, "no such note"))
}

#[rampart::command]
async fn quit(app: AppHandle) {
    app.exit(0);
}

fn main() {
    let context = Context::from_dir(".").unwrap_or_else(|errors| panic!("{errors:?}"));
    Builder::new()
        .manage(Notes(Default::default()))
        .commands(commands![read_note, quit])
        .run(context)
        .unwrap_or_else(|error| panic!("{error}"));
}

//! A minimal app with the isolation pattern (see `Rampart.toml` and `isolation-dist/hook.js`).
//! Its page writes a note, tries to write elsewhere, and reports with `finished`, which prints
//! what Rust received (`ISOLATION_EXAMPLE <json>`) and, with `--exit`, ends the app.

use std::process::ExitCode;

use rampart::{Builder, Commands, Reply};

fn main() -> ExitCode {
    let exit = std::env::args().any(|a| a == "--exit");
    let context = match rampart::generate_context!() {
        Ok(context) => context,
        Err(errors) => {
            for error in &errors.errors {
                eprintln!("{error}");
            }
            return ExitCode::from(2);
        }
    };
    let result = Builder::new()
        .plugin(rampart::plugins::fs::plugin())
        .command("finished", move |call| {
            let received: serde_json::Value = call.args()?;
            println!("ISOLATION_EXAMPLE {received}");
            if exit {
                call.app().exit(0);
            }
            Ok(Reply::empty())
        })
        .run(context);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rampart-isolation-example: {error}");
            ExitCode::FAILURE
        }
    }
}

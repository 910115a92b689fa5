//! `rampart`: the command line of the Rampart framework.

mod acl;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Rampart: secure desktop apps with a web UI and a Rust core.
#[derive(Parser)]
#[command(name = "rampart", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Inspect and explain an app's access control (capabilities, permissions, scopes).
    #[command(subcommand)]
    Acl(acl::AclCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Acl(command) => acl::run(command),
    }
}

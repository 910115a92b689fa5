//! `rampart`: the command line of the Rampart framework.

mod acl;
mod csp;
mod findings;

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
    /// Print the Content-Security-Policy header each page of an app is served with.
    ///
    /// One line per HTML page of dist/ (or only PAGE), then one for every other file it serves
    /// (scripts, workers, SVG get the policy without a page's hashes and nonce). Computed as the
    /// app computes it, without building the app. 'nonce-RAMPART_NONCE_PLACEHOL' stands for the
    /// nonce drawn fresh at each launch.
    ///
    /// Exit status: 0 (warnings on stderr), 2 when the policy in Rampart.toml or a page has an
    /// error (an inline handler, a javascript: URL, foreign code without integrity), with
    /// diagnostics on stderr.
    Csp(csp::CspArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Acl(command) => acl::run(command),
        Command::Csp(args) => csp::run(args),
    }
}

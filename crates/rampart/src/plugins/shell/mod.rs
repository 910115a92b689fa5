//! The `shell` plugin (cargo feature `shell`): runs the programs the call's shell scope names,
//! never through a shell.
//!
//! - `execute { program, args, cwd?, stdin?, timeoutMs? }`: runs to completion and answers
//!   `{ code, signal, stdout, stderr, stdoutTruncated, stderrTruncated, timedOut }` (each stream
//!   kept up to [`MAX_OUTPUT`] bytes, the rest read and dropped; text as UTF-8, invalid
//!   sequences replaced).
//! - `spawn { program, args, cwd?, onEvent }`: starts it and answers its id; its output arrives
//!   on the channel `onEvent` as `{ event: "stdout" | "stderr", data }`, then
//!   `{ event: "exit", code, signal }`. `write { pid, data }` writes to its standard input,
//!   `kill { pid }` stops it.
//!
//! `program` is a rule's `name`; what runs is that rule's `cmd`, an absolute path fixed in the
//! configuration, with exactly the arguments the page sent, each satisfying its validator (the
//! scope's check). The environment is cleared except the variables the rule lists in `env`
//! (taken from the app's); the working directory is `/` unless the page asks for one that the
//! rule's `cwd` glob matches, as written and once symbolic links are resolved. A spawned process
//! belongs to the webview that started it: other webviews cannot write to or kill it, at most
//! [`MAX_PROCESSES`] run per webview, and all are killed when the webview's page goes away.

mod processes;
mod run;

use std::path::PathBuf;
use std::process::Command as Process;
use std::sync::Arc;

use rampart_core::acl::{ScopeRule, ScopeVerdict};
use rampart_core::ipc::IpcError;
use rampart_core::scope::ShellProgram;

use crate::command::{Commands, Invocation};
use crate::plugin::Plugin;

pub use processes::MAX_PROCESSES;
pub use run::MAX_OUTPUT;

/// The plugin, with a fresh table of spawned processes.
pub fn plugin() -> Plugin {
    let table = Arc::new(processes::Processes::default());
    let killing = table.clone();
    let plugin = Plugin::new("shell")
        .on_page_unload(move |webview| killing.kill_all(webview))
        .command("execute", run::execute);
    processes::commands(plugin, &table)
}

/// The process `program` with `args` would be, if the call's scope allows it: the rule's
/// absolute program, these arguments, its environment, and the working directory asked for.
fn prepare(
    call: &Invocation,
    program: &str,
    args: &[String],
    cwd: Option<&str>,
) -> Result<Process, IpcError> {
    let scope = call.scope();
    let rule: &ShellProgram = match scope.check_program(program, args) {
        ScopeVerdict::Allowed(allow) => match allow.rule {
            ScopeRule::Shell(rule) => rule,
            _ => return Err(refused(call, program)),
        },
        _ => return Err(refused(call, program)),
    };
    let mut process = Process::new(rule.cmd());
    process.args(args).env_clear().current_dir("/");
    for name in rule.env() {
        if let Some(value) = std::env::var_os(name) {
            process.env(name, value);
        }
    }
    if let Some(cwd) = cwd {
        process.current_dir(working_dir(call, rule, cwd)?);
    }
    Ok(process)
}

/// `cwd`, if the rule allows it as written and as it really is: the resolved directory.
fn working_dir(call: &Invocation, rule: &ShellProgram, cwd: &str) -> Result<PathBuf, IpcError> {
    let denied = || {
        IpcError::denied(format!(
            "the program may not run in `{}`",
            cwd.chars().take(512).collect::<String>()
        ))
    };
    let real = call
        .call_scope()
        .resolved_path(cwd, |path| rule.allows_cwd(path), denied)?;
    if !real.is_dir() {
        return Err(denied());
    }
    Ok(real)
}

/// The refusal of a program the scope does not allow with these arguments: it names the
/// program the page asked for, nothing of the scope or the arguments.
fn refused(call: &Invocation, program: &str) -> IpcError {
    let shown: String = program.chars().take(64).collect();
    tracing::warn!(webview = call.webview_label(), program = %shown, "program not in scope");
    IpcError::denied(format!(
        "the program `{}` with these arguments is not allowed here",
        shown.escape_debug()
    ))
}

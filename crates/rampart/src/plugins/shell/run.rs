//! `execute`: a program run to completion, its output bounded.

use std::io::{Read, Write};
use std::process::{Child, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rampart_core::ipc::IpcError;
use serde::{Deserialize, Serialize};

use crate::command::{Invocation, Reply};

/// The most bytes of each output stream `execute` answers; the rest is read and dropped.
pub const MAX_OUTPUT: usize = 1024 * 1024;

/// The most bytes a page may send to a program's standard input at once.
pub(super) const MAX_STDIN: usize = 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ExecuteArgs {
    program: String,
    #[serde(default)]
    args: Vec<String>,
    cwd: Option<String>,
    stdin: Option<String>,
    timeout_ms: Option<u64>,
}

/// What `execute` answers.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Output {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    stdout_truncated: bool,
    stderr_truncated: bool,
    timed_out: bool,
}

/// `execute`: the program, to completion.
pub(super) fn execute(call: Invocation) -> Result<Reply, IpcError> {
    let args: ExecuteArgs = call.args()?;
    if args.stdin.as_ref().is_some_and(|s| s.len() > MAX_STDIN) {
        return Err(IpcError::too_large(format!(
            "the standard input is more than {MAX_STDIN} bytes"
        )));
    }
    let mut process = super::prepare(&call, &args.program, &args.args, args.cwd.as_deref())?;
    process
        .stdin(if args.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = process.spawn().map_err(|e| {
        IpcError::internal(format!("the program `{}` cannot start: {e}", args.program))
    })?;
    if let (Some(text), Some(mut stdin)) = (args.stdin, child.stdin.take()) {
        // Written on its own thread: a program that does not read would otherwise block us.
        thread::spawn(move || stdin.write_all(text.as_bytes()));
    }
    let stdout = collect(child.stdout.take());
    let stderr = collect(child.stderr.take());
    let deadline = args
        .timeout_ms
        .map(|ms| Instant::now() + Duration::from_millis(ms));
    let (status, timed_out) = wait(&mut child, deadline)?;
    let (stdout, stdout_truncated) = joined(stdout);
    let (stderr, stderr_truncated) = joined(stderr);
    Reply::json(&Output {
        code: status.code(),
        signal: std::os::unix::process::ExitStatusExt::signal(&status),
        stdout,
        stderr,
        stdout_truncated,
        stderr_truncated,
        timed_out,
    })
}

/// A stream of the child read to its end on a thread: at most [`MAX_OUTPUT`] bytes kept.
fn collect<R: Read + Send + 'static>(stream: Option<R>) -> Option<JoinHandle<(Vec<u8>, bool)>> {
    let mut stream = stream?;
    Some(thread::spawn(move || {
        let mut kept = Vec::new();
        let mut truncated = false;
        let mut buffer = [0u8; 64 * 1024];
        while let Ok(read) = stream.read(&mut buffer) {
            if read == 0 {
                break;
            }
            let room = MAX_OUTPUT.saturating_sub(kept.len());
            kept.extend_from_slice(&buffer[..read.min(room)]);
            truncated |= read > room;
        }
        (kept, truncated)
    }))
}

fn joined(reader: Option<JoinHandle<(Vec<u8>, bool)>>) -> (String, bool) {
    let (bytes, truncated) = reader
        .and_then(|handle| handle.join().ok())
        .unwrap_or_default();
    (String::from_utf8_lossy(&bytes).into_owned(), truncated)
}

/// Waits for the child, killing it at `deadline`: its status, and whether it was killed.
fn wait(child: &mut Child, deadline: Option<Instant>) -> Result<(ExitStatus, bool), IpcError> {
    let failed =
        |e: std::io::Error| IpcError::internal(format!("cannot wait for the program: {e}"));
    let Some(deadline) = deadline else {
        return child.wait().map(|status| (status, false)).map_err(failed);
    };
    loop {
        if let Some(status) = child.try_wait().map_err(failed)? {
            return Ok((status, false));
        }
        if Instant::now() >= deadline {
            // Already gone is fine: `wait` reaps it either way.
            let _ = child.kill();
            return child.wait().map(|status| (status, true)).map_err(failed);
        }
        thread::sleep(Duration::from_millis(5));
    }
}

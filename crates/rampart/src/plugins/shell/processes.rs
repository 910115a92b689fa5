//! Spawned processes: `spawn`, `write`, `kill`, each process its webview's own.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use rampart_core::ipc::IpcError;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::channel::{Channel, ChannelRef};
use crate::command::{Commands, Invocation, Reply};
use crate::page_table::{PageTable, random_id, shown_id};
use crate::plugin::Plugin;

use super::run::MAX_STDIN;

/// The most processes one webview may have running at once.
pub const MAX_PROCESSES: usize = 16;

/// One running process: the child (to kill it) and its standard input (to write to it).
#[derive(Clone)]
struct Running {
    child: Arc<Mutex<Child>>,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
}

/// The running processes of every webview.
#[derive(Default)]
pub(super) struct Processes(PageTable<Running>);

impl Processes {
    /// The child and standard input of process `id` of `webview`.
    fn get(&self, webview: &str, id: &str) -> Result<Running, IpcError> {
        self.0.get(webview, id).ok_or_else(|| unknown(id))
    }

    /// Kills every process `webview` started (its page is going away).
    pub(super) fn kill_all(&self, webview: &str) {
        for running in self.0.take_all(webview) {
            kill(&running.child);
        }
    }
}

fn kill(child: &Mutex<Child>) {
    if let Ok(mut child) = child.lock() {
        // Already gone is fine.
        let _ = child.kill();
    }
}

fn unknown(id: &str) -> IpcError {
    IpcError::not_found(format!(
        "no running process `{}` in this page: it ended, or was never started here",
        shown_id(id)
    ))
}

/// The refusal of one process too many.
fn too_many() -> IpcError {
    IpcError::busy(format!(
        "this page already runs {MAX_PROCESSES} processes: kill some first"
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SpawnArgs {
    program: String,
    #[serde(default)]
    args: Vec<String>,
    cwd: Option<String>,
    on_event: ChannelRef,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteArgs {
    pid: String,
    data: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KillArgs {
    pid: String,
}

/// `plugin` with the commands on spawned processes, over `table`.
pub(super) fn commands(plugin: Plugin, table: &Arc<Processes>) -> Plugin {
    let (spawning, writing, killing) = (table.clone(), table.clone(), table.clone());
    plugin
        .command("spawn", move |call| spawn(call, &spawning))
        .command("write", move |call| {
            let args: WriteArgs = call.args()?;
            if args.data.len() > MAX_STDIN {
                return Err(IpcError::too_large(format!(
                    "a write is at most {MAX_STDIN} bytes"
                )));
            }
            let running = writing.get(call.webview_label(), &args.pid)?;
            let mut stdin = running
                .stdin
                .lock()
                .map_err(|_| IpcError::internal("the process's input is unusable"))?;
            let pipe = stdin
                .as_mut()
                .ok_or_else(|| IpcError::bad_request("the process's input is closed"))?;
            pipe.write_all(args.data.as_bytes())
                .and_then(|()| pipe.flush())
                .map_err(|e| IpcError::bad_request(format!("the process does not read: {e}")))?;
            Ok(Reply::empty())
        })
        .command("kill", move |call| {
            let args: KillArgs = call.args()?;
            let running = killing.get(call.webview_label(), &args.pid)?;
            kill(&running.child);
            Ok(Reply::empty())
        })
}

/// `spawn`: starts the program; its output goes to the page's channel.
fn spawn(call: Invocation, table: &Arc<Processes>) -> Result<Reply, IpcError> {
    let args: SpawnArgs = call.args()?;
    let webview = call.webview_label().to_string();
    // Refused before anything starts; checked again, under the table's lock, as it is kept.
    if table.0.len(&webview) >= MAX_PROCESSES {
        return Err(too_many());
    }
    let mut process = super::prepare(&call, &args.program, &args.args, args.cwd.as_deref())?;
    let events: Channel<Value> = Channel::attach(&call, args.on_event)?;
    process
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = process.spawn().map_err(|e| {
        IpcError::internal(format!("the program `{}` cannot start: {e}", args.program))
    })?;
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    let running = Running {
        stdin: Arc::new(Mutex::new(child.stdin.take())),
        child: Arc::new(Mutex::new(child)),
    };
    let child = running.child.clone();
    // The limit is checked as the process is kept: one too many is killed at once.
    let id = random_id("a process id").inspect_err(|_| kill(&child))?;
    if let Err(running) = table.0.insert(&webview, &id, running, MAX_PROCESSES) {
        kill(&running.child);
        return Err(too_many());
    }
    let readers = [
        forward(stdout, "stdout", &events),
        forward(stderr, "stderr", &events),
    ];
    let (table, pid) = (table.clone(), id.clone());
    thread::spawn(move || {
        for reader in readers.into_iter().flatten() {
            // A reader that stops early (the page closed its channel) has killed the child.
            let _ = reader.join();
        }
        let status = loop {
            let polled = child.lock().map(|mut c| c.try_wait());
            match polled {
                Ok(Ok(Some(status))) => break Some(status),
                Ok(Ok(None)) => thread::sleep(Duration::from_millis(20)),
                _ => break None,
            }
        };
        table.0.remove(&webview, &pid);
        let exit = match status {
            Some(status) => json!({
                "event": "exit",
                "code": status.code(),
                "signal": std::os::unix::process::ExitStatusExt::signal(&status),
            }),
            None => json!({ "event": "exit", "code": null, "signal": null }),
        };
        let _ = events.send(&exit);
    });
    Reply::json(&id)
}

/// Sends what `stream` produces to `events` as `{ event: name, data }`, on its own thread; text
/// cut in the middle of a UTF-8 sequence waits for the rest.
fn forward<R: Read + Send + 'static>(
    stream: Option<R>,
    name: &'static str,
    events: &Channel<Value>,
) -> Option<thread::JoinHandle<()>> {
    let mut stream = stream?;
    let events = events.clone();
    Some(thread::spawn(move || {
        let mut buffer = vec![0u8; 64 * 1024];
        let mut pending: Vec<u8> = Vec::new();
        while let Ok(read) = stream.read(&mut buffer) {
            if read == 0 {
                break;
            }
            pending.extend_from_slice(&buffer[..read]);
            let complete = complete_utf8(&pending);
            let text = String::from_utf8_lossy(&pending[..complete]).into_owned();
            pending.drain(..complete);
            if !text.is_empty()
                && events
                    .send(&json!({ "event": name, "data": text }))
                    .is_err()
            {
                return;
            }
        }
        if !pending.is_empty() {
            let text = String::from_utf8_lossy(&pending).into_owned();
            let _ = events.send(&json!({ "event": name, "data": text }));
        }
    }))
}

/// How much of `bytes` to send now: all but an incomplete UTF-8 sequence at the end (invalid
/// bytes are sent, as U+FFFD).
fn complete_utf8(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(error) if error.error_len().is_none() => error.valid_up_to(),
        Err(_) => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::complete_utf8;

    #[test]
    fn an_incomplete_sequence_at_the_end_waits() {
        assert_eq!(complete_utf8(b"abc"), 3);
        assert_eq!(complete_utf8("é".as_bytes()), 2);
        assert_eq!(complete_utf8(&"é".as_bytes()[..1]), 0);
        assert_eq!(complete_utf8(b"ab\xc3"), 2);
        assert_eq!(complete_utf8(b"ab\xff"), 3);
    }
}

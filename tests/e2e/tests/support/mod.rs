//! Running an end-to-end app in the real WebView and reading its report.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The app must report within this time, or the scenario fails.
const WATCHDOG: Duration = Duration::from_secs(120);

/// Runs `app` with `args`, and `env` added to its environment (under `xvfb-run -a` when there is
/// no display), until it prints its `E2E_REPORT <json>` line and exits, and returns that JSON.
/// Panics after the watchdog.
pub fn run_headless(app: &str, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut command = if std::env::var_os("DISPLAY").is_some() {
        Command::new(app)
    } else {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.args(["-a", app]);
        xvfb
    };
    // A process group of its own: the watchdog stops xvfb-run, Xvfb and the app together (the
    // app holds the output pipes; killing xvfb-run alone would leave the reads hanging).
    let mut child = command
        .args(args)
        .envs(env.iter().copied())
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the e2e app (is xvfb-run installed?): {e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the app's status") {
            break status;
        }
        if started.elapsed() > WATCHDOG {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            child.wait().ok();
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .map(|mut e| e.read_to_string(&mut stderr));
            panic!("the e2e app did not report within {WATCHDOG:?}; stderr:\n{stderr}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .map(|mut o| o.read_to_string(&mut stdout));
    child
        .stderr
        .take()
        .map(|mut e| e.read_to_string(&mut stderr));
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("E2E_REPORT "))
        .unwrap_or_else(|| {
            // xvfb-run passes the app's status on: 128 + N when a signal N killed it.
            let crashed = match status.code() {
                Some(code) if code > 128 => {
                    format!(", the app was killed by signal {}", code - 128)
                }
                _ => String::new(),
            };
            panic!("no report ({status}{crashed}); stdout:\n{stdout}\nstderr:\n{stderr}")
        });
    serde_json::from_str(line).unwrap_or_else(|e| panic!("bad report: {e}\n{line}"))
}

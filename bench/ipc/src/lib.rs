//! What the IPC benchmark measures, shared by its bare-wry and Rampart apps.
//!
//! Small calls are timed in Rust, as the gap between consecutive arrivals of `ping` (the page's
//! `performance.now()` has 1 ms resolution here), in one series per door: the Rampart app pings
//! through its message door (what its API uses for small JSON calls) and through `ipc://`; the
//! bare app through its fetch, the floor, and through its message floor (the engine's part of
//! the message door, answered at once). The page warms each door up first (`warm`, not
//! timed), then times the doors in blocks, taking turns; `block` marks where one starts, so that
//! no gap spans two blocks. Bulk transfers are timed by the page (hundreds of
//! milliseconds each). Memory is the sum of the peak RSS (`VmHWM`) of the app and every
//! process it started (WebKit's web and network processes), read from `/proc` before exit.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Bytes moved by each bulk transfer.
pub const BULK_BYTES: usize = 16 * 1024 * 1024;

/// The size of the file the Rampart app's page writes and reads through the fs plugin.
pub const FS_BYTES: usize = 100 * 1024 * 1024;

/// The series of small calls: the default door, and `ipc://` (Rampart) or the message floor
/// (bare).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// The app's default door for small calls: Rampart's message door, the bare app's fetch.
    Default,
    /// Rampart's `ipc://` door, forced.
    Ipc,
    /// The bare app's message floor: an isolated world's script-message handler.
    MessageFloor,
}

/// Arrival times of the small calls, by series; `None` where a block starts.
pub struct Recorder {
    started: Instant,
    arrivals: Mutex<[Vec<Option<Instant>>; 3]>,
    /// When the first call of the page came (a `warm` one).
    first_call: OnceLock<Instant>,
}

impl Recorder {
    /// A recorder for a process that started at `started`.
    pub fn new(started: Instant) -> Self {
        Self {
            started,
            arrivals: Mutex::new([0; 3].map(|_| Vec::with_capacity(4096))),
            first_call: OnceLock::new(),
        }
    }

    /// Notes the arrival of one small call of `series`.
    pub fn ping(&self, series: Series) {
        let now = Instant::now();
        if let Ok(mut arrivals) = self.arrivals.lock() {
            arrivals[series as usize].push(Some(now));
        }
    }

    /// Notes the arrival of a call that warms a door up (not timed).
    pub fn warm(&self) {
        self.first_call.get_or_init(Instant::now);
    }

    /// Notes that a block of calls starts: the next arrival of each series does not follow its
    /// last one.
    pub fn block(&self) {
        if let Ok(mut arrivals) = self.arrivals.lock() {
            for series in arrivals.iter_mut() {
                series.push(None);
            }
        }
    }

    /// The report line for `app`, from the page's own figures (`uploadMs`, `downloadMs`, and in
    /// the Rampart app `fsWriteMs`, `fsReadMs`).
    pub fn report(&self, app: &str, page: &Value) -> Value {
        let [arrivals, ipc, floor] = self.arrivals.lock().map(|a| a.clone()).unwrap_or_default();
        let (median, p99, per_second) = timings(&arrivals);
        let (ipc_median, ipc_p99, _) = timings(&ipc);
        let (floor_median, floor_p99, _) = timings(&floor);
        let megabytes_per_second = |ms: &Value| {
            ms.as_f64()
                .map_or(f64::NAN, |ms| BULK_BYTES as f64 / 1e6 / (ms / 1e3))
        };
        let fs_megabytes_per_second = |ms: &Value| {
            ms.as_f64()
                .map_or(f64::NAN, |ms| FS_BYTES as f64 / 1e6 / (ms / 1e3))
        };
        json!({
            "app": app,
            "calls": arrivals.iter().flatten().count(),
            "small_call_median_ms": median,
            "small_call_p99_ms": p99,
            "calls_per_second": per_second,
            "ipc_small_call_median_ms": ipc_median,
            "ipc_small_call_p99_ms": ipc_p99,
            "message_floor_median_ms": floor_median,
            "message_floor_p99_ms": floor_p99,
            "page_ping_mean_ms": page["pingMeanMs"],
            "page_ipc_ping_mean_ms": page["ipcPingMeanMs"],
            "page_message_floor_mean_ms": page["messageFloorMeanMs"],
            "page_builtin_mean_ms": page["builtinMeanMs"],
            "mib_call_mean_ms": page["mibMeanMs"],
            "upload_mb_per_s": megabytes_per_second(&page["uploadMs"]),
            "download_mb_per_s": megabytes_per_second(&page["downloadMs"]),
            "fs_write_mb_per_s": fs_megabytes_per_second(&page["fsWriteMs"]),
            "fs_read_mb_per_s": fs_megabytes_per_second(&page["fsReadMs"]),
            "start_to_first_call_ms": self.first_call.get().map_or(f64::NAN, |a| (*a - self.started).as_secs_f64() * 1e3),
            "peak_rss_tree_mib": process_tree_peak_rss_kib(std::process::id()) as f64 / 1024.0,
            "binary_bytes": std::env::current_exe().and_then(std::fs::metadata).map_or(0, |m| m.len()),
            "page_error": page.get("error"),
        })
    }
}

/// The median and p99 gap between consecutive `arrivals` of one block, in ms, and the calls per
/// second.
fn timings(arrivals: &[Option<Instant>]) -> (f64, f64, f64) {
    let mut gaps: Vec<Duration> = arrivals
        .windows(2)
        .filter_map(|w| Some(w[1]? - w[0]?))
        .collect();
    let per_second = gaps.len() as f64 / gaps.iter().sum::<Duration>().as_secs_f64();
    gaps.sort_unstable();
    let percentile = |p: f64| -> f64 {
        let index = ((gaps.len() as f64 - 1.0) * p).round() as usize;
        gaps.get(index).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    };
    (percentile(0.5), percentile(0.99), per_second)
}

/// The sum of `VmHWM` of `root` and all its descendants, in KiB.
pub fn process_tree_peak_rss_kib(root: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let parents: Vec<(u32, u32)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, parent_of(pid)?)))
        .collect();
    let mut tree = vec![root];
    let mut index = 0;
    while let Some(&pid) = tree.get(index) {
        tree.extend(
            parents
                .iter()
                .filter(|(_, ppid)| *ppid == pid)
                .map(|(child, _)| *child),
        );
        index += 1;
    }
    tree.iter().filter_map(|&pid| peak_rss_kib(pid)).sum()
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may contain spaces: fields start after the last `)`.
    let after = stat.get(stat.rfind(')')? + 2..)?;
    after.split_whitespace().nth(1)?.parse().ok()
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

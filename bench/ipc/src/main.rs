//! Runs the IPC benchmark: the bare wry app (the floor) and the Rampart app, alternately, in the
//! same run (the machine is shared and noisy: only same-run ratios mean anything). Prints one
//! JSON line per app (the median of each figure over the rounds), then the Rampart/bare ratios.
//!
//! `cargo run --release -p rampart-ipc-bench [-- ROUNDS]` (default 3 rounds). Under Xvfb when
//! there is no display.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value, json};

const FIGURES: [&str; 20] = [
    "small_call_median_ms",
    "small_call_p99_ms",
    "ipc_small_call_median_ms",
    "ipc_small_call_p99_ms",
    "message_floor_median_ms",
    "message_floor_p99_ms",
    "page_ping_mean_ms",
    "page_ipc_ping_mean_ms",
    "page_message_floor_mean_ms",
    "page_builtin_mean_ms",
    "mib_call_mean_ms",
    "calls_per_second",
    "upload_mb_per_s",
    "download_mb_per_s",
    "fs_write_mb_per_s",
    "fs_read_mb_per_s",
    "start_to_first_call_ms",
    "peak_rss_tree_mib",
    "binary_bytes",
    "calls",
];

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    build_apps();
    let dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let isolated = isolated_app();
    let apps = [
        ("bare-wry", dir.join("ipc-bench-bare"), None),
        ("rampart", dir.join("ipc-bench-rampart"), None),
        (
            "rampart-isolated",
            dir.join("ipc-bench-rampart"),
            Some(isolated.clone()),
        ),
    ];
    let mut results: Vec<(&str, Vec<Value>)> = apps
        .iter()
        .map(|(name, _, _)| (*name, Vec::new()))
        .collect();
    for round in 0..rounds {
        for (index, (name, binary, folder)) in apps.iter().enumerate() {
            let report = run(binary, folder.as_deref());
            eprintln!("round {}: {name}: {report}", round + 1);
            results[index].1.push(report);
        }
    }
    let medians: Vec<Value> = results
        .iter()
        .map(|(name, reports)| median_report(name, reports))
        .collect();
    for line in &medians {
        println!("{line}");
    }
    let ratio = |figure: &str| {
        let value = |i: usize| medians[i][figure].as_f64().unwrap_or(f64::NAN);
        value(1) / value(0)
    };
    // Figures both apps have (not the message floor's, nor the fs plugin's).
    let mut ratios: Map<String, Value> = FIGURES[..FIGURES.len() - 1]
        .iter()
        .map(|f| (f.to_string(), ratio(f)))
        .filter(|(_, r)| r.is_finite())
        .map(|(f, r)| (f, json!(r)))
        .collect();
    // Each of Rampart's doors against the same floor: the bare app's fetch.
    let floor = |figure: &str| medians[0][figure].as_f64().unwrap_or(f64::NAN);
    // The fs plugin's 100 MiB file against the floor's raw-bytes upload and download.
    for (door, floor_figure) in [
        ("ipc_small_call_median_ms", "small_call_median_ms"),
        ("ipc_small_call_p99_ms", "small_call_p99_ms"),
        ("page_ipc_ping_mean_ms", "page_ping_mean_ms"),
        ("page_builtin_mean_ms", "page_ping_mean_ms"),
        ("fs_write_mb_per_s", "upload_mb_per_s"),
        ("fs_read_mb_per_s", "download_mb_per_s"),
    ] {
        let value = medians[1][door].as_f64().unwrap_or(f64::NAN);
        ratios.insert(door.to_string(), json!(value / floor(floor_figure)));
    }
    // The small calls again, as the median of each round's own ratio: the floor and Rampart of
    // a round run back to back, so a machine that drifts between rounds moves both.
    let per_round: Map<String, Value> = [
        (
            "small_call_median_ms",
            "small_call_median_ms",
            "small_call_median_ms",
        ),
        (
            "small_call_p99_ms",
            "small_call_p99_ms",
            "small_call_p99_ms",
        ),
        (
            "ipc_small_call_median_ms",
            "ipc_small_call_median_ms",
            "small_call_median_ms",
        ),
        (
            "small_call_median_ms_over_message_floor",
            "small_call_median_ms",
            "message_floor_median_ms",
        ),
    ]
    .iter()
    .map(|(name, door, floor_figure)| {
        let mut each: Vec<f64> = results[1]
            .1
            .iter()
            .zip(&results[0].1)
            .filter_map(|(rampart, bare)| {
                Some(rampart[*door].as_f64()? / bare[*floor_figure].as_f64()?)
            })
            .collect();
        each.sort_by(f64::total_cmp);
        let median = each.get(each.len() / 2).copied().unwrap_or(f64::NAN);
        (name.to_string(), json!(median))
    })
    .collect();
    // The message door against the engine's own part of it, the bare app's message floor; and
    // that floor against the fetch floor.
    let message_floor: Map<String, Value> = [
        ("small_call_median_ms", 1, "message_floor_median_ms"),
        ("small_call_p99_ms", 1, "message_floor_p99_ms"),
        ("page_ping_mean_ms", 1, "page_message_floor_mean_ms"),
        ("message_floor_median_ms", 0, "small_call_median_ms"),
        ("message_floor_p99_ms", 0, "small_call_p99_ms"),
    ]
    .iter()
    .map(|(figure, app, floor_figure)| {
        let value = medians[*app][*figure].as_f64().unwrap_or(f64::NAN);
        let name = if *app == 1 {
            format!("rampart_{figure}_over_message_floor")
        } else {
            format!("{figure}_over_fetch_floor")
        };
        (name, json!(value / floor(floor_figure)))
    })
    .collect();
    // The isolation pattern's cost: the isolated app against the same app without it.
    let isolation: Map<String, Value> =
        ["page_ping_mean_ms", "mib_call_mean_ms", "upload_mb_per_s"]
            .iter()
            .map(|figure| {
                let value = |i: usize| medians[i][*figure].as_f64().unwrap_or(f64::NAN);
                (figure.to_string(), json!(value(2) / value(1)))
            })
            .collect();
    println!(
        "{}",
        json!({
            "ratios_rampart_over_bare": ratios,
            "ratios_rampart_over_bare_per_round_median": per_round,
            "ratios_over_message_floor": message_floor,
            "ratios_isolated_over_rampart": isolation,
            "rounds": rounds
        })
    );
}

/// Builds the two apps beside this binary, in its profile: `cargo run` builds only the binary
/// it runs, and an app left over from an earlier build would measure old code.
fn build_apps() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "-p", "rampart-ipc-bench", "--bins"]);
    if !cfg!(debug_assertions) {
        build.arg("--release");
    }
    let status = build
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo to build the benchmark's apps: {e}"));
    assert!(
        status.success(),
        "building the benchmark's apps failed: {status}"
    );
}

/// A copy of the Rampart app that runs with the isolation pattern (an isolation application
/// whose hook lets every call through), in a temporary folder.
fn isolated_app() -> PathBuf {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("app");
    let copy =
        std::env::temp_dir().join(format!("rampart-ipc-bench-isolated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    for folder in ["dist", "capabilities", "isolation-dist"] {
        std::fs::create_dir_all(copy.join(folder)).unwrap_or_else(|e| panic!("{e}"));
    }
    for file in ["dist/index.html", "capabilities/main.toml"] {
        std::fs::copy(app.join(file), copy.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let manifest =
        std::fs::read_to_string(app.join("Rampart.toml")).unwrap_or_else(|e| panic!("{e}"));
    let manifest = manifest.replace(
        "[[window]]",
        "[security.isolation]\ndir = \"isolation-dist\"\n\n[[window]]",
    );
    let files = [
        ("Rampart.toml", manifest.as_str()),
        (
            "isolation-dist/index.html",
            "<!doctype html><meta charset=\"utf-8\"><script src=\"hook.js\"></script>",
        ),
        (
            "isolation-dist/hook.js",
            "window.__RAMPART_ISOLATION_HOOK__ = (request) => request;\n",
        ),
    ];
    for (file, text) in files {
        std::fs::write(copy.join(file), text).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    copy
}

/// Runs one app (with its app folder, if given) to its report line.
fn run(binary: &Path, folder: Option<&Path>) -> Value {
    let mut command = if std::env::var_os("DISPLAY").is_some() {
        Command::new(binary)
    } else {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.arg("-a").arg(binary);
        xvfb
    };
    if let Some(folder) = folder {
        command.arg(folder);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .unwrap_or_else(|| {
            panic!(
                "{} printed no report: {}",
                binary.display(),
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let report: Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("bad report {line}: {e}"));
    if let Some(error) = report.get("page_error").filter(|e| !e.is_null()) {
        panic!("{}: the benchmark page failed: {error}", binary.display());
    }
    report
}

fn median_report(name: &str, reports: &[Value]) -> Value {
    let mut line = Map::new();
    line.insert("app".into(), json!(name));
    for figure in FIGURES {
        let mut values: Vec<f64> = reports.iter().filter_map(|r| r[figure].as_f64()).collect();
        values.sort_by(f64::total_cmp);
        let median = values.get(values.len() / 2).copied().unwrap_or(f64::NAN);
        line.insert(figure.into(), json!(median));
    }
    Value::Object(line)
}

//! The same workload through Rampart: the door, the Authority and command dispatch. With an app
//! folder as its argument (the orchestrator's copy with the isolation pattern), that app.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rampart::{Builder, Commands, Context, Reply};
use rampart_ipc_bench::{BULK_BYTES, Recorder, Series};

fn main() {
    let started = Instant::now();
    let recorder = Arc::new(Recorder::new(started));
    let (ping, ping_ipc) = (recorder.clone(), recorder.clone());
    let (warm, block) = (recorder.clone(), recorder.clone());
    // The app's folder: bench/ipc/app, or the one given (the orchestrator's isolated copy).
    let root = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("app"),
        PathBuf::from,
    );
    let context = Context::from_dir(root).unwrap_or_else(|e| panic!("{e:?}"));
    let result = Builder::new()
        .plugin(rampart::plugins::fs::plugin())
        .command("ping", move |_| {
            ping.ping(Series::Default);
            Ok(Reply::empty())
        })
        .command("ping_ipc", move |_| {
            ping_ipc.ping(Series::Ipc);
            Ok(Reply::empty())
        })
        .command("warm", move |_| {
            warm.warm();
            Ok(Reply::empty())
        })
        .command("block", move |_| {
            block.block();
            Ok(Reply::empty())
        })
        .command("upload", |call| Reply::json(&call.bytes().len()))
        .command("download", |_| Ok(Reply::Bytes(vec![7u8; BULK_BYTES])))
        .command("report", move |call| {
            let page: serde_json::Value = call.args()?;
            println!("{}", recorder.report("rampart", &page));
            call.app().exit(0);
            Ok(Reply::empty())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(3);
    }
}

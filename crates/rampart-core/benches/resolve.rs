//! Resolution's cost on large configurations, the shapes an auditor tries: 10,000 capabilities
//! in one file (TOML and JSON), and a chain of 10,000 permission sets, each including the next.
//! The listing `rampart acl ls` prints is measured on the 10,000 capabilities too.
//!
//! Each must take time near-linear in the size of the configuration: compare with the 1,000
//! cases printed beside them (ten times the input, about ten times the time).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rampart_core::acl::parse::json_source;
use rampart_core::acl::{AppConfig, Authority, ResolveOptions, resolve};
use rampart_core::diagnostic::SourceFile;
use rampart_core::scope::{BaseDir, BaseDirs};

const MANIFEST: &str =
    "[app]\nidentifier = \"com.example.bench\"\ncommands = [\"read_note\", \"save_note\"]\n";

/// `count` capabilities in one `capabilities/main.toml`, each for its own window.
fn many_capabilities(count: usize) -> AppConfig {
    let text: String = (0..count)
        .map(|i| {
            format!(
                "[[capabilities]]\nidentifier = \"cap-{i}\"\nwindows = [\"win-{i}\"]\n\
                 permissions = [\"allow-read-note\"]\n"
            )
        })
        .collect();
    config(
        vec![],
        vec![SourceFile::new("capabilities/main.toml", text)],
    )
}

/// [`many_capabilities`] as one JSON array in `capabilities/main.json`.
fn many_json_capabilities(count: usize) -> AppConfig {
    let items: Vec<String> = (0..count)
        .map(|i| {
            format!(
                "{{\"identifier\": \"cap-{i}\", \"windows\": [\"win-{i}\"], \
                 \"permissions\": [\"allow-read-note\"]}}"
            )
        })
        .collect();
    let text = format!("[\n{}\n]\n", items.join(",\n"));
    let file = json_source("capabilities/main.json".into(), text.into())
        .unwrap_or_else(|e| panic!("the generated JSON is invalid: {e}"));
    config(vec![], vec![file])
}

/// `count` sets, `set-0` including `set-1` ... including `allow-read-note`, and one capability
/// granting `set-0`.
fn set_chain(count: usize) -> AppConfig {
    let mut text: String = (0..count - 1)
        .map(|i| {
            format!(
                "[[set]]\nidentifier = \"set-{i}\"\npermissions = [\"set-{}\"]\n",
                i + 1
            )
        })
        .collect();
    text += &format!(
        "[[set]]\nidentifier = \"set-{}\"\npermissions = [\"allow-read-note\"]\n",
        count - 1
    );
    let capability = "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"set-0\"]\n";
    config(
        vec![SourceFile::new("permissions/chain.toml", text)],
        vec![SourceFile::new("capabilities/main.toml", capability)],
    )
}

fn config(permission_files: Vec<SourceFile>, capability_files: Vec<SourceFile>) -> AppConfig {
    AppConfig {
        manifest: SourceFile::new("Rampart.toml", MANIFEST),
        permission_files,
        capability_files,
    }
}

fn resolved(config: &AppConfig, options: &ResolveOptions) -> Authority {
    resolve(config, options).unwrap_or_else(|e| panic!("the generated app is invalid: {e:?}"))
}

fn bench_resolve(c: &mut Criterion) {
    let options = ResolveOptions::new(BaseDirs::default().with(BaseDir::Home, "/home/u"));
    let mut group = c.benchmark_group("resolve");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let capabilities = many_capabilities(count);
        group.bench_function(format!("capabilities_toml/{count}"), |b| {
            b.iter(|| black_box(resolved(black_box(&capabilities), &options)))
        });
        let json = many_json_capabilities(count);
        group.bench_function(format!("capabilities_json/{count}"), |b| {
            b.iter(|| black_box(resolved(black_box(&json), &options)))
        });
        let chain = set_chain(count);
        group.bench_function(format!("set_chain/{count}"), |b| {
            b.iter(|| black_box(resolved(black_box(&chain), &options)))
        });
        let authority = resolved(&capabilities, &options);
        group.bench_function(format!("listing/{count}"), |b| {
            b.iter(|| black_box(authority.listing().to_string()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_resolve);
criterion_main!(benches);

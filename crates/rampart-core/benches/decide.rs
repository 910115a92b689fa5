//! The decision's cost on a generated app of 50 capabilities and 300 commands.
//!
//! Each capability applies to its own window (`win-<i>`, some through globs) and grants 30
//! commands, through sets and single permissions, with a few denies. Measured: a call granted
//! by the last capability to match, a call no capability grants, a denied call, an unknown
//! command, and a granted call's scope check.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rampart_core::acl::{AppConfig, Authority, Facts, Origin, ResolveOptions, resolve};
use rampart_core::diagnostic::SourceFile;
use rampart_core::scope::{BaseDir, BaseDirs, CheckedPath};

const COMMANDS: usize = 300;
const CAPABILITIES: usize = 50;

fn generated_app() -> (Authority, BaseDirs) {
    let commands: Vec<String> = (0..COMMANDS).map(|i| format!("\"command_{i}\"")).collect();
    let manifest = format!(
        "[app]\nidentifier = \"com.example.bench\"\ncommands = [{}]\nscope-kind = \"path\"\n",
        commands.join(", ")
    );
    let mut permissions = String::new();
    for set in 0..30 {
        let members: Vec<String> = (0..10)
            .map(|k| format!("\"allow-command-{}\"", (set * 10 + k) % COMMANDS))
            .collect();
        permissions += &format!(
            "[[set]]\nidentifier = \"set-{set}\"\npermissions = [{}]\n",
            members.join(", ")
        );
    }
    permissions += "[[permission]]\nidentifier = \"notes\"\ncommands.allow = [\"command_7\"]\n\
                    [[permission.scope.allow]]\npath = \"$HOME/notes/**\"\n\
                    [[permission.scope.deny]]\npath = \"$HOME/notes/private/**\"\n";
    let capabilities = (0..CAPABILITIES)
        .map(|i| {
            let window = if i % 5 == 0 {
                format!("win-{i}*")
            } else {
                format!("win-{i}")
            };
            let mut granted: Vec<String> = (0..2)
                .map(|k| format!("\"set-{}\"", (i + k * 7) % 30))
                .collect();
            granted.extend(
                (0..10).map(|k| format!("\"allow-command-{}\"", (i * 13 + k * 29) % COMMANDS)),
            );
            granted.push(format!("\"deny-command-{}\"", (i * 31) % COMMANDS));
            granted.push("\"notes\"".into());
            let text = format!(
                "identifier = \"cap-{i}\"\nwindows = [\"{window}\"]\npermissions = [{}]\n",
                granted.join(", ")
            );
            SourceFile::new(format!("capabilities/cap-{i}.toml"), text)
        })
        .collect();
    let config = AppConfig {
        manifest: SourceFile::new("Rampart.toml", manifest),
        permission_files: vec![SourceFile::new("permissions/bench.toml", permissions)],
        capability_files: capabilities,
    };
    let dirs = BaseDirs::default().with(BaseDir::Home, "/home/u");
    match resolve(&config, &ResolveOptions::new(dirs.clone())) {
        Ok(authority) => (authority, dirs),
        Err(errors) => panic!("the generated app is invalid: {errors:?}"),
    }
}

fn decide(c: &mut Criterion) {
    let (authority, dirs) = generated_app();
    let window = format!("win-{}", CAPABILITIES - 1);
    let facts = Facts {
        window: &window,
        webview: &window,
        origin: &Origin::Local,
    };
    let granted = "command_7";
    assert!(authority.decide(facts, granted).is_ok());
    let not_granted = (0..COMMANDS)
        .map(|i| format!("command_{i}"))
        .find(|name| authority.decide(facts, name).is_err())
        .unwrap_or_default();
    let denied_name = format!("command_{}", ((CAPABILITIES - 1) * 31) % COMMANDS);

    c.bench_function("decide/granted", |b| {
        b.iter(|| {
            black_box(
                authority
                    .decide(black_box(facts), black_box(granted))
                    .is_ok(),
            )
        })
    });
    // A call only a wildcard capability (`win-45*`) grants: the slow path of the label filter.
    let glob_window = format!("win-{}x", CAPABILITIES - 5);
    let glob_facts = Facts {
        window: &glob_window,
        webview: &glob_window,
        origin: &Origin::Local,
    };
    assert!(authority.decide(glob_facts, granted).is_ok());
    c.bench_function("decide/granted_by_glob", |b| {
        b.iter(|| {
            black_box(
                authority
                    .decide(black_box(glob_facts), black_box(granted))
                    .is_ok(),
            )
        })
    });
    c.bench_function("decide/not_granted", |b| {
        b.iter(|| {
            black_box(
                authority
                    .decide(black_box(facts), black_box(&not_granted))
                    .is_ok(),
            )
        })
    });
    c.bench_function("decide/denied", |b| {
        b.iter(|| {
            black_box(
                authority
                    .decide(black_box(facts), black_box(&denied_name))
                    .is_ok(),
            )
        })
    });
    c.bench_function("decide/unknown_command", |b| {
        b.iter(|| {
            black_box(
                authority
                    .decide(black_box(facts), black_box("no_such_command"))
                    .is_ok(),
            )
        })
    });
    let path =
        CheckedPath::new("/home/u/notes/2026/today.md", &dirs).unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("decide+scope/check_path", |b| {
        b.iter(|| {
            let grant = authority.decide(black_box(facts), black_box(granted));
            black_box(grant.map(|g| g.scope().check_path(black_box(&path)).is_allowed()))
        })
    });
}

criterion_group!(benches, decide);
criterion_main!(benches);

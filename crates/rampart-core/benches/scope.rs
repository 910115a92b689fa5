//! A path scope's cost: checking a path against a scope of 100 allow patterns (and 5 denies),
//! and opening a file beneath the matching rule's directory handle, next to `File::open` of the
//! same file in the same run (the machine is shared: only the ratio means much).

use std::fs::File;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rampart_core::acl::{AppConfig, Authority, Facts, Origin, ResolveOptions, resolve};
use rampart_core::diagnostic::SourceFile;
use rampart_core::scope::open::OpenOptions;
use rampart_core::scope::{BaseDir, BaseDirs, CheckedPath};

const PATTERNS: usize = 100;

fn authority(dirs: &BaseDirs) -> Authority {
    let allow: Vec<String> = (0..PATTERNS)
        .map(|i| format!("{{ path = \"$HOME/dir{i}/**\" }}"))
        .collect();
    let deny: Vec<String> = (0..5)
        .map(|i| format!("{{ path = \"$HOME/dir{i}/private/**\" }}"))
        .collect();
    let capability = format!(
        "identifier = \"files\"\nwindows = [\"main\"]\npermissions = [{{ identifier = \"allow-touch\", allow = [{}], deny = [{}] }}]\n",
        allow.join(", "),
        deny.join(", ")
    );
    let config = AppConfig {
        manifest: SourceFile::new(
            "Rampart.toml",
            "[app]\nidentifier = \"com.example.bench\"\ncommands = [\"touch\"]\nscope-kind = \"path\"\n",
        ),
        permission_files: Vec::new(),
        capability_files: vec![SourceFile::new("capabilities/files.toml", capability)],
    };
    resolve(&config, &ResolveOptions::new(dirs.clone())).unwrap_or_else(|e| panic!("{e:?}"))
}

fn scope(c: &mut Criterion) {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = std::fs::canonicalize(home.path()).unwrap_or_else(|e| panic!("{e}"));
    let file = root.join("dir99/a/b/note.txt");
    std::fs::create_dir_all(file.parent().unwrap_or(&root)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, "note").unwrap_or_else(|e| panic!("{e}"));
    let dirs = BaseDirs::default().with(BaseDir::Home, &root);
    let authority = authority(&dirs);
    let facts = Facts {
        window: "main",
        webview: "main",
        origin: &Origin::Local,
    };
    let grant = authority
        .decide(facts, "touch")
        .unwrap_or_else(|e| panic!("{e}"));
    let scope = grant.scope();
    let last =
        CheckedPath::new("$HOME/dir99/a/b/note.txt", &dirs).unwrap_or_else(|e| panic!("{e:?}"));
    let outside =
        CheckedPath::new("$HOME/other/a/b/note.txt", &dirs).unwrap_or_else(|e| panic!("{e:?}"));

    c.bench_function("check_path, 100 patterns, the last matches", |b| {
        b.iter(|| black_box(scope.check_path(black_box(&last)).is_allowed()))
    });
    c.bench_function("check_path, 100 patterns, none matches", |b| {
        b.iter(|| black_box(scope.check_path(black_box(&outside)).is_allowed()))
    });
    let read = *OpenOptions::new().read(true);
    c.bench_function("open beneath the handle (3 directories down)", |b| {
        b.iter(|| black_box(scope.open(black_box(&last), &read).is_ok()))
    });
    c.bench_function("File::open, the same file (the floor)", |b| {
        b.iter(|| black_box(File::open(black_box(&file)).is_ok()))
    });
}

criterion_group!(benches, scope);
criterion_main!(benches);

//! Whole configurations, resolved. Two kinds of input:
//!
//! - An app's files as text (the seeds in `fuzz/seeds/resolve` are the example apps): parts
//!   separated by NUL bytes, each `<name>\n<contents>`, named as an app folder names them
//!   (`Rampart.toml`, `permissions/*.toml`, `capabilities/*.{toml,json}`). Resolved with the
//!   built-in plugins.
//! - Anything else: a configuration generated from the bytes by `arbitrary`, from small
//!   vocabularies of names, labels and patterns so that references resolve and rules meet, and
//!   written out as TOML and JSON files. Resolved with one small plugin ([`PLUGIN`]), to stay
//!   fast: what is explored is resolution, not the built-in manifests.
//!
//! Errors are fine; panics are not. Every error must locate itself inside its file and render
//! without control characters; a resolved Authority must answer decisions, explanations and
//! the listing, and `decide` and `explain` must agree.

#![no_main]

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};
use rampart_core::acl::model::Platform;
use rampart_core::acl::{
    AppConfig, Authority, Facts, Origin, ResolveOptions, ScopeQuery, app_config, resolve,
};
use rampart_core::diagnostic::{ConfigErrors, SourceFile};
use rampart_core::scope::{BaseDir, BaseDirs};
use url::Url;

const COMMANDS: [&str; 3] = ["read_note", "save_note", "list_notes"];
const LOCAL: [&str; 4] = ["p0", "p1", "p2", "default"];
/// The plugin generated configurations are resolved with.
const PLUGIN: &str = "[plugin]\nname = \"fs\"\nscope-kind = \"path\"\n\
    commands = [\"read_file\", \"write_file\"]\n\
    [default]\npermissions = [\"read-all\", \"scope-home\"]\n\
    [[set]]\nidentifier = \"read-all\"\npermissions = [\"read-files\"]\n\
    [[permission]]\nidentifier = \"read-files\"\ncommands.allow = [\"read_file\"]\n\
    [[permission]]\nidentifier = \"write-files\"\ncommands.allow = [\"write_file\"]\n\
    [[permission]]\nidentifier = \"scope-home\"\n\
    [[permission.scope.allow]]\npath = \"$HOME/**\"\n\
    [[permission.scope.deny]]\npath = \"$HOME/.ssh/**\"\n";
const FS: [&str; 7] = [
    "fs:default",
    "fs:read-all",
    "fs:write-files",
    "fs:read-files",
    "fs:scope-home",
    "fs:allow-read-file",
    "fs:deny-write-file",
];
const LABELS: [&str; 6] = ["main", "other", "*", "ma*", "m?in", "a/b"];
const PATHS: [&str; 6] = [
    "$HOME/**",
    "$HOME/x",
    "$APPDATA/*.md",
    "$HOME/.ssh/**",
    "/etc/**",
    "$APPDATA/[a-z]*",
];
const ORIGINS: [&str; 3] = [
    "https://example.com",
    "https://*.example.com",
    "https://example.com:8443",
];

#[derive(Arbitrary, Debug)]
struct Generated {
    path_scope: bool,
    permission_files: Vec<PermissionFile>,
    capability_files: Vec<CapabilityFile>,
}

#[derive(Arbitrary, Debug)]
struct PermissionFile {
    default: Option<Vec<Name>>,
    sets: Vec<(Name, Vec<Name>)>,
    permissions: Vec<Permission>,
}

#[derive(Arbitrary, Debug)]
struct Permission {
    identifier: Name,
    allow: Vec<Command>,
    deny: Vec<Command>,
    scope_allow: Vec<Text<6>>,
    scope_deny: Vec<Text<6>>,
    linux_only: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct CapabilityFile {
    json: bool,
    capabilities: Vec<Capability>,
}

#[derive(Arbitrary, Debug)]
struct Capability {
    identifier: u8,
    windows: Vec<Text<6>>,
    webviews: Vec<Text<6>>,
    local: bool,
    remote: Vec<Text<3>>,
    linux_only: Option<bool>,
    permissions: Vec<Entry>,
}

#[derive(Arbitrary, Debug)]
enum Entry {
    Plain(Name),
    Scoped(Name, Vec<Text<6>>, Vec<Text<6>>),
}

/// A permission or set name: the app's own, a command's generated one, an `fs` one, or any.
#[derive(Arbitrary, Debug)]
enum Name {
    Local(u8),
    Generated(bool, Command),
    Fs(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Command {
    Known(u8),
    Raw(String),
}

/// One of the `N` entries of a vocabulary, or any text.
#[derive(Arbitrary, Debug)]
enum Text<const N: usize> {
    Known(u8),
    Raw(String),
}

impl Name {
    fn render(&self) -> String {
        match self {
            Name::Local(i) => pick(&LOCAL, *i).to_string(),
            Name::Generated(allow, command) => {
                let command = command.render().replace('_', "-");
                format!("{}-{command}", if *allow { "allow" } else { "deny" })
            }
            Name::Fs(i) => pick(&FS, *i).to_string(),
            Name::Raw(raw) => raw.clone(),
        }
    }
}

impl Command {
    fn render(&self) -> String {
        match self {
            Command::Known(i) => pick(&COMMANDS, *i).to_string(),
            Command::Raw(raw) => raw.clone(),
        }
    }
}

impl<const N: usize> Text<N> {
    fn render(&self, vocabulary: &[&str; N]) -> String {
        match self {
            Text::Known(i) => pick(vocabulary, *i).to_string(),
            Text::Raw(raw) => raw.clone(),
        }
    }
}

fn pick<'a>(vocabulary: &[&'a str], index: u8) -> &'a str {
    vocabulary[usize::from(index) % vocabulary.len()]
}

/// A value of a configuration file, written as TOML (inline) or JSON.
enum Value {
    Str(String),
    Bool(bool),
    List(Vec<Value>),
    Table(Vec<(&'static str, Value)>),
}

impl Value {
    fn strings(items: impl IntoIterator<Item = String>) -> Value {
        Value::List(items.into_iter().map(Value::Str).collect())
    }

    fn write(&self, json: bool) -> String {
        match self {
            // A JSON string is a TOML basic string too.
            Value::Str(text) => serde_json::to_string(text).unwrap_or_default(),
            Value::Bool(value) => value.to_string(),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|v| v.write(json)).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Table(fields) => {
                let separator = if json { ": " } else { " = " };
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(key, value)| format!("\"{key}\"{separator}{}", value.write(json)))
                    .collect();
                format!("{{{}}}", fields.join(", "))
            }
        }
    }

    /// A table's fields as the lines of a TOML table.
    fn lines(&self) -> String {
        match self {
            Value::Table(fields) => fields
                .iter()
                .map(|(key, value)| format!("{key} = {}\n", value.write(false)))
                .collect(),
            other => other.write(false),
        }
    }
}

fn rules(rules: &[Text<6>]) -> Value {
    Value::List(
        rules
            .iter()
            .map(|rule| Value::Table(vec![("path", Value::Str(rule.render(&PATHS)))]))
            .collect(),
    )
}

fn names(names: &[Name]) -> Value {
    Value::strings(names.iter().map(Name::render))
}

fn platforms(linux_only: Option<bool>) -> Option<(&'static str, Value)> {
    let platform = if linux_only? { "linux" } else { "windows" };
    Some(("platforms", Value::strings([platform.to_string()])))
}

impl PermissionFile {
    fn render(&self) -> String {
        let mut text = String::new();
        if let Some(default) = &self.default {
            let table = Value::Table(vec![("permissions", names(default))]);
            text += &format!("[default]\n{}", table.lines());
        }
        for (identifier, members) in &self.sets {
            let table = Value::Table(vec![
                ("identifier", Value::Str(identifier.render())),
                ("permissions", names(members)),
            ]);
            text += &format!("[[set]]\n{}", table.lines());
        }
        for permission in &self.permissions {
            let commands =
                |commands: &[Command]| Value::strings(commands.iter().map(Command::render));
            let mut fields = vec![
                ("identifier", Value::Str(permission.identifier.render())),
                (
                    "commands",
                    Value::Table(vec![
                        ("allow", commands(&permission.allow)),
                        ("deny", commands(&permission.deny)),
                    ]),
                ),
                (
                    "scope",
                    Value::Table(vec![
                        ("allow", rules(&permission.scope_allow)),
                        ("deny", rules(&permission.scope_deny)),
                    ]),
                ),
            ];
            fields.extend(platforms(permission.linux_only));
            text += &format!("[[permission]]\n{}", Value::Table(fields).lines());
        }
        text
    }
}

impl Capability {
    fn value(&self) -> Value {
        let entries = self
            .permissions
            .iter()
            .map(|entry| match entry {
                Entry::Plain(name) => Value::Str(name.render()),
                Entry::Scoped(name, allow, deny) => Value::Table(vec![
                    ("identifier", Value::Str(name.render())),
                    ("allow", rules(allow)),
                    ("deny", rules(deny)),
                ]),
            })
            .collect();
        let labels = |labels: &[Text<6>]| Value::strings(labels.iter().map(|l| l.render(&LABELS)));
        let urls = Value::strings(self.remote.iter().map(|r| r.render(&ORIGINS)));
        let mut fields = vec![
            (
                "identifier",
                Value::Str(format!("c{}", self.identifier % 4)),
            ),
            ("windows", labels(&self.windows)),
            ("webviews", labels(&self.webviews)),
            ("local", Value::Bool(self.local)),
            ("remote", Value::Table(vec![("urls", urls)])),
            ("permissions", Value::List(entries)),
        ];
        fields.extend(platforms(self.linux_only));
        Value::Table(fields)
    }
}

impl CapabilityFile {
    fn render(&self, index: usize) -> SourceFile {
        let name = format!(
            "capabilities/{index}.{}",
            if self.json { "json" } else { "toml" }
        );
        let text = if self.json {
            Value::List(self.capabilities.iter().map(Capability::value).collect()).write(true)
        } else {
            self.capabilities
                .iter()
                .map(|c| format!("[[capabilities]]\n{}", c.value().lines()))
                .collect()
        };
        SourceFile::new(name, text)
    }
}

impl Generated {
    fn files(&self) -> Vec<SourceFile> {
        let mut app = vec![
            ("identifier", Value::Str("com.example.fuzz".into())),
            (
                "commands",
                Value::strings(COMMANDS.iter().map(|c| c.to_string())),
            ),
        ];
        if self.path_scope {
            app.push(("scope-kind", Value::Str("path".into())));
        }
        let manifest = format!("[app]\n{}", Value::Table(app).lines());
        let mut files = vec![SourceFile::new("Rampart.toml", manifest)];
        for (i, file) in self.permission_files.iter().enumerate() {
            files.push(SourceFile::new(
                format!("permissions/{i}.toml"),
                file.render(),
            ));
        }
        for (i, file) in self.capability_files.iter().enumerate() {
            files.push(file.render(i));
        }
        files
    }
}

/// The parts of a text input: `(name, contents)`.
fn text_files(text: &str) -> Vec<SourceFile> {
    text.split('\0')
        .map(|part| {
            let (name, contents) = part.split_once('\n').unwrap_or((part, ""));
            SourceFile::new(name, contents)
        })
        .collect()
}

/// The options for text inputs (the built-in plugins) or generated ones ([`PLUGIN`]).
fn options(builtin: bool) -> &'static ResolveOptions {
    static OPTIONS: OnceLock<[ResolveOptions; 2]> = OnceLock::new();
    let options = OPTIONS.get_or_init(|| {
        let dirs = BaseDirs::default()
            .with(BaseDir::Home, "/home/u")
            .with(BaseDir::AppData, "/home/u/.local/share/x")
            .with(BaseDir::Document, "/home/u/Documents");
        let mut builtin = ResolveOptions::new(dirs);
        builtin.platform = Platform::Linux;
        let mut small = builtin.clone();
        small.plugins = vec![SourceFile::new("<fuzz>/fs.toml", PLUGIN)];
        [builtin, small]
    });
    &options[usize::from(!builtin)]
}

/// Every error of an invalid configuration locates itself and renders safely.
fn check_errors(config: Option<&AppConfig>, errors: &ConfigErrors) {
    // Rendering is slow: the first few errors are enough.
    for error in errors.errors.iter().take(3) {
        assert!(
            error.location.line >= 1 && error.location.column >= 1,
            "{error}"
        );
        if let Some(config) = config {
            let files = std::iter::once(&config.manifest)
                .chain(&config.permission_files)
                .chain(&config.capability_files);
            // Two parts of a text input may have the same name.
            let lines = files
                .filter(|f| *error.location.file == *f.name())
                .map(|f| f.text().split(['\n', '\r']).count())
                .max();
            if let Some(lines) = lines {
                assert!(error.location.line <= lines + 1, "{error}");
            }
        }
        let mut report = String::new();
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .render_report(&mut report, error)
            .expect("a diagnostic renders");
        assert!(
            !report.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{report:?}"
        );
        if report.contains("╭─[") {
            assert!(
                report.contains(&format!("╭─[{}]", error.location)),
                "{report}"
            );
        }
    }
}

fn check_authority(authority: &Authority) {
    let remote = Url::parse("https://example.com/page").ok();
    let mut origins = vec![Origin::Local];
    origins.extend(remote.map(Origin::Remote));
    for window in ["main", "a/b", "nobody"] {
        for origin in &origins {
            let facts = Facts {
                window,
                webview: window,
                origin,
            };
            for command in ["read_note", "save_note", "plugin:fs|read_file"] {
                let decided = authority.decide(facts, command);
                let query = Some(ScopeQuery::Path("$HOME/x"));
                assert_eq!(
                    decided.is_ok(),
                    authority.explain(facts, command, query).allowed
                );
            }
        }
    }
    let facts = Facts {
        window: "main",
        webview: "main",
        origin: &Origin::Local,
    };
    assert!(authority.decide(facts, "nope").is_err());
    let _ = authority.listing().to_string();
}

fn run(files: Vec<SourceFile>, builtin: bool) {
    let config = match app_config(files) {
        Ok(config) => config,
        Err(errors) => return check_errors(None, &errors),
    };
    match resolve(&config, options(builtin)) {
        Ok(authority) => check_authority(&authority),
        Err(errors) => check_errors(Some(&config), &errors),
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some(text) = std::str::from_utf8(data)
        .ok()
        .filter(|t| t.starts_with("Rampart.toml\n"))
    {
        return run(text_files(text), true);
    }
    if let Ok(generated) = Generated::arbitrary_take_rest(Unstructured::new(data)) {
        run(generated.files(), false);
    }
});

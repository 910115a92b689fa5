//! Building apps from inline files for tests.

#![allow(dead_code)]

use rampart_core::acl::model::Platform;
use rampart_core::acl::parse::json_source;
use rampart_core::acl::{AppConfig, Authority, Facts, Origin, ResolveOptions, resolve};
use rampart_core::diagnostic::{ConfigErrors, SourceFile};
use rampart_core::scope::{BaseDir, BaseDirs};

/// Fixed directories, so tests do not depend on the machine.
pub fn dirs() -> BaseDirs {
    BaseDirs::default()
        .with(BaseDir::Home, "/home/u")
        .with(BaseDir::AppData, "/home/u/.local/share/com.example.test")
        .with(BaseDir::Document, "/home/u/Documents")
        .with(BaseDir::Temp, "/tmp")
}

/// An app with these commands, permission files and capability files (`.json` names are JSON).
pub fn app(
    commands: &[&str],
    permission_files: &[&str],
    capability_files: &[(&str, &str)],
) -> Result<Authority, ConfigErrors> {
    app_on(
        Platform::Linux,
        commands,
        permission_files,
        capability_files,
    )
}

/// [`app`] resolved for `platform`.
pub fn app_on(
    platform: Platform,
    commands: &[&str],
    permission_files: &[&str],
    capability_files: &[(&str, &str)],
) -> Result<Authority, ConfigErrors> {
    let list: Vec<String> = commands.iter().map(|c| format!("\"{c}\"")).collect();
    let manifest = format!(
        "[app]\nidentifier = \"com.example.test\"\ncommands = [{}]\nscope-kind = \"path\"\n",
        list.join(", ")
    );
    let mut capabilities = Vec::new();
    for (name, text) in capability_files {
        if name.ends_with(".json") {
            capabilities.push(json_source((*name).into(), (*text).into())?);
        } else {
            capabilities.push(SourceFile::new(*name, *text));
        }
    }
    let config = AppConfig {
        manifest: SourceFile::new("Rampart.toml", manifest),
        permission_files: permission_files
            .iter()
            .enumerate()
            .map(|(i, text)| SourceFile::new(format!("permissions/{i}.toml"), *text))
            .collect(),
        capability_files: capabilities,
    };
    let mut options = ResolveOptions::new(dirs());
    options.platform = platform;
    resolve(&config, &options)
}

/// Resolves, panicking with the diagnostics if the configuration is invalid.
pub fn valid(result: Result<Authority, ConfigErrors>) -> Authority {
    match result {
        Ok(authority) => authority,
        Err(errors) => panic!("{:?}", miette::Report::new(errors)),
    }
}

/// The messages and helps of an invalid configuration, one string.
pub fn errors(result: Result<Authority, ConfigErrors>) -> String {
    match result {
        Ok(_) => panic!("the configuration was accepted"),
        Err(errors) => errors
            .errors
            .iter()
            .map(|e| format!("{e} | help: {}", e.help.as_deref().unwrap_or("-")))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A call from the app's own origin in window (and webview) `window`.
pub fn local(window: &str) -> Facts<'_> {
    Facts {
        window,
        webview: window,
        origin: &Origin::Local,
    }
}

/// A diagnostic as `rampart` prints it (without colours).
pub fn rendered(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(400)
        .render_report(&mut out, diagnostic)
        .unwrap_or_else(|e| panic!("cannot render: {e}"));
    out
}

/// The `file:line:column` a rendered snippet is headed with (`╭─[file:line:column]`).
pub fn snippet_header(report: &str) -> Option<&str> {
    let start = report.find("╭─[")? + "╭─[".len();
    let len = report.get(start..)?.find(']')?;
    report.get(start..start + len)
}

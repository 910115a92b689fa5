//! `rampart acl`: list, explain and describe an app's access control.
//!
//! Exit status: 0 allowed (or success), 1 denied, 2 the configuration (or the request) is
//! invalid, with diagnostics on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use rampart_core::acl::{self, Authority, Facts, Origin, ScopeQuery};
use url::Url;

/// The app's own origin: pages served from the app's scheme.
const APP_ORIGIN: &str = "app://localhost";

/// `rampart acl ...`
#[derive(Subcommand)]
pub enum AclCommand {
    /// List every capability and permission: what it grants, to whom, and where it is defined.
    Ls {
        #[command(flatten)]
        app: AppDir,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Explain the decision for one call: allowed or denied, and why.
    ///
    /// Exit status: 0 allowed, 1 denied, 2 invalid configuration.
    Explain(ExplainArgs),
    /// Write the JSON Schemas of Rampart.toml, permission, capability and plugin files.
    Schema {
        /// The folder to write them to (created if missing).
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

/// Where the app is.
#[derive(Args)]
pub struct AppDir {
    /// The app's root folder (with Rampart.toml, capabilities/ and permissions/).
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

/// `rampart acl explain`.
#[derive(Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    app: AppDir,
    /// The label of the calling window.
    #[arg(long)]
    window: String,
    /// The label of the calling webview (default: the window's label).
    #[arg(long)]
    webview: Option<String>,
    /// The URL of the calling page (default: the app's own origin, app://localhost).
    #[arg(long)]
    url: Option<String>,
    /// The command: `read_note` for an app command, `plugin:fs|read_text_file` for a plugin's.
    command: String,
    /// Also check this path (may start with `$APPDATA` and the like) against the call's scope.
    #[arg(long, conflicts_with_all = ["target_url", "target_window"])]
    path: Option<String>,
    /// Also check this URL against the call's scope.
    #[arg(long, conflicts_with = "target_window")]
    target_url: Option<String>,
    /// Also check this window label against the call's window scope (the window plugin acting
    /// on, or opening, another window).
    #[arg(long)]
    target_window: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs one `rampart acl` command.
pub fn run(command: AclCommand) -> ExitCode {
    match command {
        AclCommand::Ls { app, json } => match load(&app.dir) {
            Ok(authority) => {
                let listing = authority.listing();
                if json {
                    print_json(&listing)
                } else {
                    print!("{listing}");
                    ExitCode::SUCCESS
                }
            }
            Err(code) => code,
        },
        AclCommand::Explain(args) => explain(args),
        AclCommand::Schema { out } => write_schemas(&out),
    }
}

fn explain(args: ExplainArgs) -> ExitCode {
    let authority = match load(&args.app.dir) {
        Ok(authority) => authority,
        Err(code) => return code,
    };
    let page = match args.url.as_deref().map(Url::parse).transpose() {
        Ok(page) => page,
        Err(error) => return usage_error(&format!("--url is not a valid URL: {error}")),
    };
    let origin = match &page {
        Some(url) if url.origin().ascii_serialization() != APP_ORIGIN => {
            Origin::Remote(url.clone())
        }
        _ => Origin::Local,
    };
    let facts = Facts {
        window: &args.window,
        webview: args.webview.as_deref().unwrap_or(&args.window),
        origin: &origin,
    };
    let query = match (&args.path, &args.target_url, &args.target_window) {
        (Some(path), _, _) => Some(ScopeQuery::Path(path)),
        (None, Some(url), _) => Some(ScopeQuery::Url(url)),
        (None, None, Some(label)) => Some(ScopeQuery::Window(label)),
        (None, None, None) => None,
    };
    let explanation = authority.explain(facts, &args.command, query);
    if args.json {
        if print_json(&explanation) != ExitCode::SUCCESS {
            return ExitCode::from(2);
        }
    } else {
        print!("{explanation}");
    }
    if explanation.fully_allowed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn load(dir: &Path) -> Result<Authority, ExitCode> {
    acl::load_app_dir(dir).map_err(|errors| {
        eprintln!("{:?}", miette::Report::new(errors));
        ExitCode::from(2)
    })
}

fn write_schemas(out: &Path) -> ExitCode {
    if let Err(error) = std::fs::create_dir_all(out) {
        return usage_error(&format!("cannot create {}: {error}", out.display()));
    }
    for (name, schema) in acl::schema::schemas() {
        let path = out.join(name);
        let text = match serde_json::to_string_pretty(&schema) {
            Ok(text) => text,
            Err(error) => return usage_error(&format!("cannot render {name}: {error}")),
        };
        if let Err(error) = std::fs::write(&path, text + "\n") {
            return usage_error(&format!("cannot write {}: {error}", path.display()));
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => usage_error(&format!("cannot render JSON: {error}")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

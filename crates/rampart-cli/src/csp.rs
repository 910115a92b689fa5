//! `rampart csp`: the Content-Security-Policy header each page of an app is served with,
//! computed from `Rampart.toml` and `dist/` by the code the runtime serves them with, without
//! building the app.
//!
//! Exit status: 0 (warnings, if any, on stderr), 2 when the policy or a page has an error, with
//! diagnostics on stderr and no headers: an app with an error neither builds nor starts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use miette::Severity;
use rampart_core::csp::page::{self, NONCE_PLACEHOLDER, PageScan};
use rampart_core::diagnostic::{ConfigError, ConfigErrors};
use rampart_core::{acl, app, dist};

use crate::findings::Findings;

/// `rampart csp`.
#[derive(Args)]
pub struct CspArgs {
    /// The app's root folder (with Rampart.toml and dist/).
    #[arg(long, default_value = ".")]
    dir: PathBuf,
    /// Only this file of dist/, as it is served: `index.html`, `settings/index.html`.
    page: Option<String>,
}

/// One file whose header is printed: a page with its scan, or another file of `dist/`.
struct Served {
    path: String,
    scan: Option<PageScan>,
}

/// Runs `rampart csp`.
pub fn run(args: CspArgs) -> ExitCode {
    let info = match acl::read_app_dir(&args.dir).and_then(|c| app::app_info(&c.manifest)) {
        Ok(info) => info,
        Err(errors) => return report_errors(errors),
    };
    let dist = args.dir.join("dist");
    if !dist.is_dir() {
        eprintln!(
            "error: the app's pages folder {} does not exist\n  help: put index.html and the other pages in dist/ beside Rampart.toml",
            dist.display()
        );
        return ExitCode::from(2);
    }
    let served = match select(&dist, args.page.as_deref()) {
        Ok(served) => served,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let scans = served.iter().filter_map(|s| s.scan.as_ref());
    let warnings = info
        .warnings
        .iter()
        .chain(scans.clone().flat_map(|s| &s.warnings));
    Findings::new(
        "the app has",
        Severity::Warning,
        warnings.cloned().collect(),
    )
    .print();
    let errors: Vec<ConfigError> = scans.flat_map(|s| s.errors.iter().cloned()).collect();
    if !errors.is_empty() {
        Findings::new("the app's pages have", Severity::Error, errors).print();
        return ExitCode::from(2);
    }
    let mut nonced = false;
    for file in &served {
        let header = match &file.scan {
            Some(scan) => {
                nonced |= scan.sources.nonced;
                info.policy
                    .header_for(&scan.sources, Some(NONCE_PLACEHOLDER))
            }
            None => info.policy.header(),
        };
        println!("{}: {header}", shown(&file.path));
    }
    if args.page.is_none() {
        println!("(other files): {}", info.policy.header());
    }
    if nonced {
        eprintln!(
            "note: 'nonce-{NONCE_PLACEHOLDER}' stands for the nonce drawn fresh at each launch"
        );
    }
    ExitCode::SUCCESS
}

/// The files of `dist` to print: every page, or only `page` (any file `dist` serves).
fn select(dist: &Path, page: Option<&str>) -> Result<Vec<Served>, String> {
    let files = dist::list(dist)?;
    let chosen: Vec<&String> = match page {
        None => files.iter().filter(|f| dist::is_page(f)).collect(),
        Some(page) => {
            let wanted = page.strip_prefix('/').unwrap_or(page);
            match files.iter().find(|f| *f == wanted) {
                Some(file) => vec![file],
                None => return Err(unknown_page(page, &files)),
            }
        }
    };
    chosen
        .into_iter()
        .map(|path| {
            if !dist::is_page(path) {
                return Ok(Served {
                    path: path.clone(),
                    scan: None,
                });
            }
            let bytes = dist::read(dist, path)
                .map_err(|e| format!("cannot read {}: {e}", dist.join(path).display()))?;
            // Named from the app root, as configuration files are.
            let scan = page::scan(&format!("dist/{path}"), &bytes);
            Ok(Served {
                path: path.clone(),
                scan: Some(scan),
            })
        })
        .collect()
}

/// The error for a `PAGE` that `dist` does not serve, listing its pages.
fn unknown_page(page: &str, files: &[String]) -> String {
    let pages: Vec<String> = files
        .iter()
        .filter(|f| dist::is_page(f))
        .map(|f| shown(f))
        .collect();
    let listed = if pages.is_empty() {
        "dist/ has no pages".to_string()
    } else {
        format!("its pages: {}", pages.join(", "))
    };
    format!("`{}` is not a file of dist/; {listed}", shown(page))
}

/// `text` with control characters escaped, fit for a terminal.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn report_errors(errors: ConfigErrors) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(errors));
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("a\u{1b}[2J.html"), "a\\u{1b}[2J.html");
        assert_eq!(shown("settings/index.html"), "settings/index.html");
    }
}

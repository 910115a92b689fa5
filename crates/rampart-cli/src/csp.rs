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
use rampart_core::app::AppInfo;
use rampart_core::csp::Policy;
use rampart_core::csp::nonce::NONCE_PLACEHOLDER;
use rampart_core::csp::page::PageScan;
use rampart_core::diagnostic::ConfigError;
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
        Err(errors) => {
            eprintln!("{:?}", miette::Report::new(errors));
            return ExitCode::from(2);
        }
    };
    let dist = args.dir.join("dist");
    if !dist.is_dir() {
        return error(&format!(
            "the app's pages folder {} does not exist: put index.html and the other pages in dist/ beside Rampart.toml",
            dist.display()
        ));
    }
    let served = match select(&dist, args.page.as_deref()) {
        Ok(served) => served,
        Err(message) => return error(&message),
    };
    if !report(&info, &served) {
        return ExitCode::from(2);
    }
    print_headers(&info.policy, &served, args.page.is_none());
    ExitCode::SUCCESS
}

/// Prints the warnings of the policy and the pages, then the pages' errors; false if any.
fn report(info: &AppInfo, served: &[Served]) -> bool {
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
    let clean = errors.is_empty();
    Findings::new("the app's pages have", Severity::Error, errors).print();
    clean
}

/// Prints `<file>: <header>` for each of `served`, then the header of the other files if
/// `others`; a note on stderr if a header holds the nonce placeholder.
fn print_headers(policy: &Policy, served: &[Served], others: bool) {
    let mut nonced = false;
    for file in served {
        let header = match &file.scan {
            Some(scan) => {
                nonced |= scan.sources.nonced;
                policy.header_for(&scan.sources, Some(NONCE_PLACEHOLDER))
            }
            None => policy.header(),
        };
        println!("{}: {header}", shown(&file.path));
    }
    if others {
        println!("(other files): {}", policy.header());
    }
    if nonced {
        eprintln!(
            "note: 'nonce-{NONCE_PLACEHOLDER}' stands for the nonce drawn fresh at each launch"
        );
    }
}

/// The files of `dist` to print: every page, or only `page` (any file `dist` serves). Pages
/// are read as the app reads them when it starts from its folder ([`dist::read_pages`]).
fn select(dist: &Path, page: Option<&str>) -> Result<Vec<Served>, String> {
    let mut pages = dist::read_pages(dist)?
        .into_iter()
        .map(|(path, scan)| Served {
            path,
            scan: Some(scan),
        });
    let Some(page) = page else {
        return Ok(pages.collect());
    };
    let wanted = page.strip_prefix('/').unwrap_or(page);
    if let Some(served) = pages.find(|p| p.path == wanted) {
        return Ok(vec![served]);
    }
    let files = dist::list(dist)?;
    match files.iter().find(|f| *f == wanted) {
        Some(file) => Ok(vec![Served {
            path: file.clone(),
            scan: None,
        }]),
        None => Err(unknown_page(page, &files)),
    }
}

/// The error for a `PAGE` that `dist` does not serve, listing its pages.
fn unknown_page(page: &str, files: &[String]) -> String {
    let pages: Vec<String> = files.iter().filter(|f| dist::is_page(f)).cloned().collect();
    let listed = if pages.is_empty() {
        "dist/ has no pages".to_string()
    } else {
        format!("its pages: {}", pages.join(", "))
    };
    format!("`{page}` is not a file of dist/; {listed}")
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

/// Prints `message` (which may name files of `dist/`) as an error; exit status 2.
fn error(message: &str) -> ExitCode {
    eprintln!("error: {}", shown(message));
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

//! What the process environment may not change about the WebView, applied by [`Builder::run`]
//! before the runtime starts a thread or creates a WebView.
//!
//! WebKitGTK reads switches from the environment: `WEBKIT_INSPECTOR_SERVER` and
//! `WEBKIT_INSPECTOR_HTTP_SERVER` open a remote inspector on a port (any local process could
//! then read and drive the app's pages), `WEBKIT_INJECTED_BUNDLE_PATH` loads a library into the
//! web process, `WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS` turns the sandbox off, and
//! JavaScriptCore reads an option from every `JSC_<option>` variable (`JSC_useDollarVM` hands
//! pages raw memory primitives). A release build removes all of them; a debug build keeps the
//! inspector ones, for the developer. The web process's bubblewrap sandbox is turned on
//! (`WEBKIT_FORCE_SANDBOX=1`: wry creates the WebKit context too late to set it there) unless
//! `Rampart.toml` says `[security] sandbox = false`.
//!
//! [`Builder::run`]: crate::Builder::run

use std::ffi::OsString;
use std::path::Path;

/// Variables a release build removes: they open the app to other processes.
const RELEASE_REMOVES: [&str; 3] = [
    "WEBKIT_INSPECTOR_SERVER",
    "WEBKIT_INSPECTOR_HTTP_SERVER",
    "WEBKIT_INJECTED_BUNDLE_PATH",
];

/// JavaScriptCore's options, removed by release builds: every variable with this prefix.
const JSC_OPTIONS: &str = "JSC_";

/// Turns the sandbox off whatever the configuration says: removed whenever the sandbox is on.
const SANDBOX_OFF: &str = "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS";

/// Turns the sandbox on for every web process.
const SANDBOX_ON: &str = "WEBKIT_FORCE_SANDBOX";

/// Where WebKitGTK looks for bubblewrap first; then `PATH`.
const BWRAP: &str = "/usr/bin/bwrap";

/// What is changed in the environment, as (variable, new value or `None` to remove).
type Changes = Vec<(OsString, Option<&'static str>)>;

/// The changes for this build: `release` removes the inspector and engine switches; `sandbox`
/// turns the sandbox on. `present` lists the variables set now.
fn changes(present: impl Iterator<Item = OsString>, release: bool, sandbox: bool) -> Changes {
    let mut changes: Changes = Vec::new();
    for name in present {
        let text = name.to_string_lossy();
        let remove = (release
            && (RELEASE_REMOVES.contains(&text.as_ref()) || text.starts_with(JSC_OPTIONS)))
            || (sandbox && text == SANDBOX_OFF);
        if remove {
            changes.push((name, None));
        }
    }
    if sandbox {
        changes.push((SANDBOX_ON.into(), Some("1")));
    }
    changes
}

/// Whether bubblewrap can be found where WebKitGTK looks for it.
fn bubblewrap_installed() -> bool {
    Path::new(BWRAP).is_file()
        || std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("bwrap").is_file()))
}

/// Applies the lockdown for this build to the process environment. Fails when the sandbox is
/// wanted and bubblewrap is missing.
pub(crate) fn apply(sandbox: bool) -> Result<(), String> {
    if sandbox && !bubblewrap_installed() {
        return Err(format!(
            "the WebKit web-process sandbox needs bubblewrap, and `bwrap` is neither at {BWRAP} nor on PATH: \
             install it (Debian and Ubuntu: apt install bubblewrap; Fedora: dnf install bubblewrap), \
             or turn the sandbox off with `[security] sandbox = false` in Rampart.toml"
        ));
    }
    let present = std::env::vars_os().map(|(name, _)| name);
    for (name, value) in changes(present, !cfg!(debug_assertions), sandbox) {
        // SAFETY: changing the environment is unsound only while another thread reads or writes
        // it. `Builder::run` calls this first, before the runtime starts its threads, GTK or a
        // WebView; `Builder::run` documents that an app calls it from `main` before starting
        // threads of its own.
        #[allow(unsafe_code)]
        unsafe {
            match value {
                Some(value) => std::env::set_var(&name, value),
                None => std::env::remove_var(&name),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(changes: &Changes) -> Vec<(String, Option<&'static str>)> {
        changes
            .iter()
            .map(|(name, value)| (name.to_string_lossy().into_owned(), *value))
            .collect()
    }

    fn present() -> impl Iterator<Item = OsString> {
        [
            "WEBKIT_INSPECTOR_SERVER",
            "WEBKIT_INSPECTOR_HTTP_SERVER",
            "WEBKIT_INJECTED_BUNDLE_PATH",
            "JSC_useDollarVM",
            "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS",
            "HOME",
            "WEBKIT_DISABLE_COMPOSITING_MODE",
        ]
        .into_iter()
        .map(OsString::from)
    }

    #[test]
    fn a_release_build_removes_every_switch_that_opens_the_app() {
        assert_eq!(
            names(&changes(present(), true, true)),
            [
                ("WEBKIT_INSPECTOR_SERVER".into(), None),
                ("WEBKIT_INSPECTOR_HTTP_SERVER".into(), None),
                ("WEBKIT_INJECTED_BUNDLE_PATH".into(), None),
                ("JSC_useDollarVM".into(), None),
                ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS".into(), None),
                ("WEBKIT_FORCE_SANDBOX".into(), Some("1")),
            ]
        );
    }

    #[test]
    fn a_debug_build_keeps_the_inspector_and_an_unsandboxed_app_its_switch() {
        assert_eq!(
            names(&changes(present(), false, true)),
            [
                ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS".into(), None),
                ("WEBKIT_FORCE_SANDBOX".into(), Some("1")),
            ]
        );
        assert!(changes(present(), false, false).is_empty());
    }
}

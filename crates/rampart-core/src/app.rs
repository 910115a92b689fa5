//! The app itself, as `Rampart.toml` describes it: identity and windows, validated.
//!
//! Access control is [`acl`](crate::acl)'s; this is what the runtime needs to start.

use crate::acl::identifier::check_len;
use crate::acl::model::WindowSection;
use crate::acl::parse;
use crate::csp::{Policy, config::written_directives};
use crate::diagnostic::{ConfigError, ConfigErrors, SourceFile};
use crate::navigation::WindowGuard;
use crate::scope::OriginPattern;

/// Longest window or webview label.
pub const MAX_LABEL_LEN: usize = 128;

/// A window to create at start-up.
#[derive(Clone, Debug)]
pub struct WindowSpec {
    /// Its label (and its webview's).
    pub label: String,
    /// Its title.
    pub title: String,
    /// Width in logical pixels.
    pub width: f64,
    /// Height in logical pixels.
    pub height: f64,
    /// The page it loads.
    pub page: WindowPage,
    /// Whether it opens when the app starts (`create`, default true).
    pub open_at_start: bool,
    /// Whether its size, position and maximized state are saved and restored
    /// (`remember-state`, default false).
    pub remember_state: bool,
    /// Where its page may navigate, and what else it may ask of the engine.
    pub guard: WindowGuard,
}

impl WindowSpec {
    /// Whether this is a template (`label = "note-*"`): windows whose labels it matches open
    /// from it at run time.
    pub fn is_template(&self) -> bool {
        self.label.ends_with('*')
    }

    /// A window built at run time rather than declared: `label` checked as a `[[window]]`'s,
    /// `url` read as its `url` is (a page of the app, or a remote https page), the default size
    /// and the strictest rules (no navigation elsewhere, no new windows, downloads, drops or
    /// web permissions); the error says what is wrong.
    pub fn built(label: &str, url: &str) -> Result<WindowSpec, String> {
        check_label(label)?;
        let page = window_page(url).map_err(|(message, help)| format!("{message}: {help}"))?;
        let mut guard = WindowGuard::default();
        if let WindowPage::Remote(url) = &page {
            let own =
                OriginPattern::parse(&url.origin().ascii_serialization()).map_err(|e| e.message)?;
            guard.navigation.push(own);
        }
        Ok(WindowSpec {
            label: label.to_string(),
            title: label.to_string(),
            width: 800.0,
            height: 600.0,
            page,
            open_at_start: false,
            remember_state: false,
            guard,
        })
    }
}

/// Whether the declared `window` (a label, or a template's `prefix*`) is, or is the template
/// of, the window `label`: a template matches valid labels that start with its prefix.
pub fn declares(window: &str, label: &str) -> bool {
    match window.strip_suffix('*') {
        Some(prefix) => label.starts_with(prefix) && check_label(label).is_ok(),
        None => window == label,
    }
}

/// The page a window loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowPage {
    /// A page of the app's own scheme: its path, without the leading `/`.
    Local(String),
    /// A remote https page. Its calls carry its origin and get only what capabilities with
    /// `remote.urls` grant it; the window may navigate within its origin and the origins its
    /// `navigation` lists.
    Remote(url::Url),
}

/// What the runtime needs from `Rampart.toml`.
#[derive(Clone, Debug)]
pub struct AppInfo {
    /// The app identifier.
    pub identifier: String,
    /// The app's own commands, as listed in `[app] commands`.
    pub commands: Vec<String>,
    /// The development server of `[dev] url`, for debug builds: its origin, e.g.
    /// `http://localhost:5173`.
    pub dev_origin: Option<String>,
    /// The windows to create at start-up.
    pub windows: Vec<WindowSpec>,
    /// The Content-Security-Policy of the app's pages: the strict default with `[security] csp`
    /// laid over it.
    pub policy: Policy,
    /// Whether the WebKit web process runs in its bubblewrap sandbox (`[security] sandbox`,
    /// default true).
    pub sandbox: bool,
    /// The isolation pattern (`[security.isolation]`), if the app runs with it.
    pub isolation: Option<Isolation>,
    /// What weakens the app's protections, as written (the policy, the sandbox): printed when
    /// the app is built or started.
    pub warnings: Vec<ConfigError>,
}

impl AppInfo {
    /// The window `label` as declared, or as opened from the first template that matches it
    /// (its spec, with this label); `None` when `Rampart.toml` declares neither.
    pub fn window(&self, label: &str) -> Option<WindowSpec> {
        let exact = self.windows.iter().find(|w| w.label == label);
        let template = || {
            self.windows
                .iter()
                .find(|w| w.is_template() && declares(&w.label, label))
        };
        exact.or_else(template).map(|spec| WindowSpec {
            label: label.to_string(),
            ..spec.clone()
        })
    }
}

/// The isolation pattern as `Rampart.toml` turns it on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Isolation {
    /// The isolation application's folder, relative to the app's root.
    pub dir: String,
    /// The windows it applies to; `None`: every window of the app's own pages.
    pub windows: Option<Vec<String>>,
}

impl Isolation {
    /// Whether the window `label`, whose page is `page`, runs with it.
    pub fn applies_to(&self, label: &str, page: &WindowPage) -> bool {
        matches!(page, WindowPage::Local(_))
            && self
                .windows
                .as_ref()
                .is_none_or(|windows| windows.iter().any(|w| declares(w, label)))
    }
}

/// A window's width and height, in logical pixels, as `Rampart.toml` (or a window built at
/// run time) may give them.
pub const WINDOW_SIDE: std::ops::RangeInclusive<f64> = 100.0..=16384.0;

/// Checks a window or webview label: `A-Z a-z 0-9 _ / : -`, 1 to 128 characters.
pub fn check_label(label: &str) -> Result<(), String> {
    check_len(label, MAX_LABEL_LEN, "a label")?;
    let valid = |c: char| c.is_ascii_alphanumeric() || "_/:-".contains(c);
    if label.is_empty() || !label.chars().all(valid) {
        Err(format!(
            "`{label}` is not a valid label: use 1 to {MAX_LABEL_LEN} letters, digits, `_`, `/`, `:` or `-`"
        ))
    } else {
        Ok(())
    }
}

/// Reads the app's identity and windows from `Rampart.toml`.
pub fn app_info(manifest: &SourceFile) -> Result<AppInfo, ConfigErrors> {
    let parsed = parse::app_manifest(manifest)?;
    let mut errors = Vec::new();
    let mut windows: Vec<WindowSpec> = Vec::new();
    for window in &parsed.window {
        match window_spec(manifest, window) {
            Ok(spec) if windows.iter().any(|w| w.label == spec.label) => {
                errors.push(manifest.error(
                    window.label.span(),
                    format!("window `{}` is declared twice", spec.label),
                    Some("labels identify windows; give each its own".into()),
                ))
            }
            Ok(spec) => windows.push(spec),
            Err(error) => errors.push(error),
        }
    }
    let dev_origin = match &parsed.dev {
        None => None,
        Some(dev) => match dev_origin(dev.url.get_ref()) {
            Ok(origin) => Some(origin),
            Err(message) => {
                let help = "write the dev server's origin, such as `http://localhost:5173`: pages are still paths in [[window]] url";
                errors.push(manifest.error(dev.url.span(), message, Some(help.into())));
                None
            }
        },
    };
    let (policy, findings) = match parsed.security.as_ref().and_then(|s| s.csp.as_ref()) {
        Some(csp) => Policy::from_written(
            manifest,
            &written_directives(manifest, csp),
            dev_origin.as_deref(),
        ),
        None => (Policy::default(), Default::default()),
    };
    errors.extend(findings.errors);
    let isolation = match parsed.security.as_ref().and_then(|s| s.isolation.as_ref()) {
        None => None,
        Some(section) => {
            let dir = section.dir.get_ref();
            let plain = !dir.is_empty()
                && !dir.starts_with('/')
                && dir.split('/').all(|part| {
                    !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', '\0'])
                });
            if !plain || dir == "dist" {
                errors.push(manifest.error(
                    section.dir.span(),
                    format!("`{}` is not a folder of the app for the isolation application", dir.escape_debug()),
                    Some("name a folder beside dist/, such as `isolation-dist` (relative, no `..`, not dist itself)".into()),
                ));
            }
            let windows = section.windows.as_ref().map(|labels| {
                labels
                    .iter()
                    .map(|l| l.get_ref().clone())
                    .collect::<Vec<_>>()
            });
            for label in section.windows.iter().flatten() {
                if !parsed
                    .window
                    .iter()
                    .any(|w| w.label.get_ref() == label.get_ref())
                {
                    errors.push(manifest.error(
                        label.span(),
                        format!("no window `{}` is declared", label.get_ref().escape_debug()),
                        Some("list labels of [[window]] tables".into()),
                    ));
                }
            }
            Some(Isolation {
                dir: dir.clone(),
                windows,
            })
        }
    };
    if !errors.is_empty() {
        return Err(ConfigErrors { errors });
    }
    let mut warnings = findings.warnings;
    let sandbox = parsed.security.as_ref().and_then(|s| s.sandbox.as_ref());
    if let Some(off) = sandbox.filter(|s| !*s.get_ref()) {
        warnings.push(manifest.error(
            off.span(),
            "the WebKit web process runs without its sandbox: a page that exploits the engine gets the app's rights over the user's files",
            Some("remove `sandbox = false` unless the app cannot run sandboxed (the sandbox needs bubblewrap: apt install bubblewrap)".into()),
        ));
    }
    let mut policy = policy;
    if isolation.is_some() {
        // The pages frame their isolation application.
        policy.allow_frame_source("isolation:");
    }
    Ok(AppInfo {
        isolation,
        policy,
        sandbox: sandbox.is_none_or(|s| *s.get_ref()),
        warnings,
        identifier: parsed.app.identifier.into_inner(),
        commands: parsed
            .app
            .commands
            .into_iter()
            .map(|c| c.into_inner())
            .collect(),
        windows,
        dev_origin,
    })
}

/// The origin of a `[dev] url`: http or https on this machine (`localhost`, `127.0.0.1` or
/// `[::1]`), with nothing after the origin.
fn dev_origin(url: &str) -> Result<String, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("`{url}` is not a URL: {e}"))?;
    let local = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if !matches!(parsed.scheme(), "http" | "https") || !local {
        return Err(format!(
            "`{url}` is not a development server on this machine"
        ));
    }
    if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!("`{url}` has more than an origin"));
    }
    Ok(parsed.origin().ascii_serialization())
}

fn window_spec(file: &SourceFile, window: &WindowSection) -> Result<WindowSpec, ConfigError> {
    let label = window.label.get_ref();
    match label.strip_suffix('*') {
        Some(prefix) => {
            check_label(prefix).map_err(|message| {
                file.error(
                    window.label.span(),
                    format!("a window template's label is a label and a final `*`: {message}"),
                    None,
                )
            })?;
            if window.create != Some(false) {
                return Err(file.error(
                    window.label.span(),
                    format!("`{label}` is a window template: windows open from it at run time only"),
                    Some("add `create = false`; the app opens them with AppHandle::open_window(\"<label>\")".into()),
                ));
            }
        }
        None => {
            check_label(label).map_err(|message| file.error(window.label.span(), message, None))?
        }
    }
    let page = match &window.url {
        None => WindowPage::Local("index.html".to_string()),
        Some(url) => window_page(url.get_ref())
            .map_err(|(message, help)| file.error(url.span(), message, Some(help.into())))?,
    };
    let size = |value: Option<f64>, default: f64, key: &str| match value {
        None => Ok(default),
        Some(v) if WINDOW_SIDE.contains(&v) => Ok(v),
        Some(v) => Err(file.error(
            window.label.span(),
            format!("window `{label}`: {key} {v} is outside 100..=16384"),
            None,
        )),
    };
    let mut navigation = Vec::new();
    if let WindowPage::Remote(url) = &page {
        // A remote window may navigate within its own origin.
        let own = OriginPattern::parse(&url.origin().ascii_serialization())
            .map_err(|e| file.error(window.label.span(), e.message, e.help))?;
        navigation.push(own);
    }
    for origin in &window.navigation {
        let pattern = OriginPattern::parse(origin.get_ref())
            .map_err(|e| file.error(origin.span(), e.message, e.help))?;
        navigation.push(pattern);
    }
    let guard = WindowGuard {
        navigation,
        new_windows: window.new_windows.unwrap_or_default(),
        external_links: window.external_links.unwrap_or_default(),
        downloads: window.downloads.unwrap_or(false),
        drag_drop: window.drag_drop.unwrap_or(false),
        permissions: window.permissions.clone(),
    };
    Ok(WindowSpec {
        guard,
        label: label.clone(),
        title: window.title.clone().unwrap_or_else(|| label.clone()),
        width: size(window.width, 800.0, "width")?,
        height: size(window.height, 600.0, "height")?,
        page,
        open_at_start: window.create.unwrap_or(true),
        remember_state: window.remember_state.unwrap_or(false),
    })
}

/// A window's `url`: a page of the app (a relative path on its own scheme), or a remote https
/// page; anything else is an error, with its help.
fn window_page(url: &str) -> Result<WindowPage, (String, &'static str)> {
    let remote = url.contains("://") || url.starts_with("//");
    if !remote {
        return page_path(url).map(WindowPage::Local).map_err(|message| {
            (message, "pages come from the app's own folder: write a path such as `index.html` or `settings/index.html`")
        });
    }
    let help = "a window loads a page of the app (`index.html`) or a remote page over https (`https://app.example.com/`)";
    let parsed = url::Url::parse(url).map_err(|e| (format!("`{url}` is not a URL: {e}"), help))?;
    match parsed.scheme() {
        "https"
            if parsed.host_str().is_some()
                && parsed.username().is_empty()
                && parsed.password().is_none() =>
        {
            Ok(WindowPage::Remote(parsed))
        }
        "https" => Err((
            format!("`{url}` must name a host, without a user name or password"),
            help,
        )),
        "http" => Err((
            format!("`{url}` is served over plain http, which anyone on the network can change"),
            "serve the remote page over https, or ship it in dist/",
        )),
        _ => Err((
            format!("`{url}` is not a page of the app nor an https page"),
            help,
        )),
    }
}

/// A window's page on the app's own scheme: a relative path, nothing above the root.
fn page_path(url: &str) -> Result<String, String> {
    let url = url.strip_prefix('/').unwrap_or(url);
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    let clean = !path.is_empty()
        && !path.contains("://")
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
        && !path.contains(['\\', '\0'])
        && !rest.contains(|c: char| c.is_control() || c.is_whitespace() || c == '\\');
    if clean {
        Ok(url.to_string())
    } else {
        Err(format!("`{url}` is not a page of the app"))
    }
}

impl WindowPage {
    /// For a page of the app: its file in `dist/` (the path, without query or fragment).
    pub fn local_file(&self) -> Option<&str> {
        match self {
            WindowPage::Local(url) => Some(url.split(['?', '#']).next().unwrap_or(url)),
            WindowPage::Remote(_) => None,
        }
    }
}

/// Checks that `[app] commands` of `manifest` and the commands `generate_context!(commands:
/// [...])` registers (`handlers`) are the same list: a listed command without a handler would
/// fail every call, and a handler not listed would be refused every time.
pub fn check_command_handlers(
    manifest: &SourceFile,
    handlers: &[String],
) -> Result<(), ConfigErrors> {
    let parsed = parse::app_manifest(manifest)?;
    let listed = &parsed.app.commands;
    let mut errors = Vec::new();
    for command in listed {
        if !handlers.contains(command.get_ref()) {
            errors.push(manifest.error(
                command.span(),
                format!(
                    "command `{}` is listed, but generate_context! registers no handler for it",
                    command.get_ref()
                ),
                Some(format!(
                    "add `{}` to generate_context!(commands: [...]), or remove it here",
                    command.get_ref()
                )),
            ));
        }
    }
    // A handler not listed: pointed at the list (or the app's identifier, with no list).
    let list_span = match (listed.first(), listed.last()) {
        (Some(first), Some(last)) => first.span().start..last.span().end,
        _ => parsed.app.identifier.span(),
    };
    for handler in handlers {
        if !listed.iter().any(|c| c.get_ref() == handler) {
            errors.push(manifest.error(
                list_span.clone(),
                format!(
                    "generate_context! registers `{handler}`, which `[app] commands` does not list"
                ),
                Some(format!(
                    "add \"{handler}\" to `[app] commands`, or remove it from generate_context!"
                )),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ConfigErrors { errors })
    }
}

/// Checks that the page each `[[window]]` of `manifest` loads from the app is among `pages`
/// (the files of `dist/`, relative): a window whose page is missing would open blank. An app
/// with a `[dev] url` is not checked: its pages may come from the development server.
pub fn check_window_pages(manifest: &SourceFile, pages: &[String]) -> Result<(), ConfigErrors> {
    let parsed = parse::app_manifest(manifest)?;
    if parsed.dev.is_some() {
        return Ok(());
    }
    let mut errors = Vec::new();
    for window in &parsed.window {
        let Ok(spec) = window_spec(manifest, window) else {
            continue;
        };
        let Some(file) = spec.page.local_file() else {
            continue;
        };
        if !pages.iter().any(|page| page == file) {
            let span = window
                .url
                .as_ref()
                .map_or_else(|| window.label.span(), |u| u.span());
            let listed: Vec<&str> = pages
                .iter()
                .map(String::as_str)
                .filter(|p| p.ends_with(".html"))
                .take(10)
                .collect();
            errors.push(manifest.error(
                span,
                format!(
                    "window `{}` loads `{file}`, which is not in dist/",
                    spec.label
                ),
                Some(format!(
                    "add dist/{file}, or name one of the pages: {}",
                    listed.join(", ")
                )),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ConfigErrors { errors })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> Result<AppInfo, ConfigErrors> {
        app_info(&SourceFile::new("Rampart.toml", text))
    }

    const APP: &str = "[app]\nidentifier = \"com.example.x\"\ncommands = [\"a\"]\n";

    #[test]
    fn a_window_page_may_carry_a_query_and_a_fragment_and_must_be_in_dist() {
        let text = format!(
            "{APP}[[window]]\nlabel = \"main\"\nurl = \"index.html?tab=notes#top\"\n[[window]]\nlabel = \"other\"\nurl = \"missing.html\"\n"
        );
        let app = info(&text).expect("valid");
        assert_eq!(
            app.windows[0].page,
            WindowPage::Local("index.html?tab=notes#top".into())
        );
        assert_eq!(app.windows[0].page.local_file(), Some("index.html"));
        for bad in [
            "index.html?x=1 2",
            "index.html#\u{7}",
            "../x.html?y",
            "#top",
        ] {
            let text = format!("{APP}[[window]]\nlabel = \"main\"\nurl = \"{bad}\"\n");
            assert!(info(&text).is_err(), "{bad}");
        }
        let manifest = SourceFile::new("Rampart.toml", text.clone());
        let pages = vec!["index.html".to_string(), "app.js".to_string()];
        let errors = check_window_pages(&manifest, &pages).expect_err("missing.html");
        assert_eq!(errors.errors.len(), 1);
        let error = &errors.errors[0];
        assert!(
            error.message.contains("`missing.html`"),
            "{}",
            error.message
        );
        assert_eq!(
            error.location.line,
            text.lines()
                .position(|l| l.contains("missing.html"))
                .map(|l| l + 1)
                .unwrap_or(0)
        );
        assert!(
            check_window_pages(&manifest, &["index.html".into(), "missing.html".into()]).is_ok()
        );
    }

    #[test]
    fn commands_and_handlers_are_one_list() {
        let manifest = SourceFile::new(
            "Rampart.toml",
            "[app]\nidentifier = \"com.example.t\"\ncommands = [\"read_note\", \"save_note\"]\n",
        );
        let handlers = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert!(check_command_handlers(&manifest, &handlers(&["save_note", "read_note"])).is_ok());
        let errors = check_command_handlers(&manifest, &handlers(&["read_note", "quit"]))
            .expect_err("save_note has no handler, quit is not listed");
        let text: Vec<String> = errors.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("Rampart.toml:3:26: command `save_note` is listed"),
            "{text:?}"
        );
        assert!(
            text[1].starts_with("Rampart.toml:3:13: generate_context! registers `quit`"),
            "{text:?}"
        );
    }

    #[test]
    fn a_template_opens_windows_whose_labels_it_matches_at_run_time_only() {
        let app = info(&format!("{APP}[[window]]\nlabel = \"main\"\n[[window]]\nlabel = \"note-*\"\nurl = \"note.html\"\ncreate = false\n[[window]]\nlabel = \"note-main\"\ncreate = false\n"))
            .expect("valid");
        let note = app.window("note-7").expect("from the template");
        assert_eq!(
            (note.label.as_str(), &note.page),
            ("note-7", &WindowPage::Local("note.html".into()))
        );
        assert!(!note.is_template());
        assert_eq!(
            app.window("note-main").expect("declared").page,
            WindowPage::Local("index.html".into())
        );
        for undeclared in ["note-a b", "notes", "other"] {
            assert!(app.window(undeclared).is_none(), "{undeclared}");
        }
        assert!(
            declares("note-*", "note-7")
                && !declares("note-*", "note 7")
                && declares("main", "main")
        );
        let opens = info(&format!("{APP}[[window]]\nlabel = \"note-*\"\n"))
            .expect_err("a template cannot open at start-up");
        assert!(
            opens.to_string().contains("create = false")
                || opens.errors[0]
                    .help
                    .as_deref()
                    .is_some_and(|h| h.contains("create = false")),
            "{opens:?}"
        );
        assert!(info(&format!("{APP}[[window]]\nlabel = \"*\"\ncreate = false\n")).is_err());
        assert!(
            info(&format!(
                "{APP}[[window]]\nlabel = \"a*b\"\ncreate = false\n"
            ))
            .is_err()
        );
    }

    #[test]
    fn windows_are_read_with_defaults() {
        let app = info(&format!("{APP}[[window]]\nlabel = \"main\"\n[[window]]\nlabel = \"settings\"\nurl = \"settings/index.html\"\nwidth = 400\ncreate = false\nremember-state = true\n"))
            .expect("valid");
        assert!(app.windows[0].open_at_start);
        assert!(!app.windows[1].open_at_start);
        assert!(!app.windows[0].remember_state);
        assert!(app.windows[1].remember_state);
        assert_eq!(app.windows.len(), 2);
        assert_eq!(app.windows[0].page, WindowPage::Local("index.html".into()));
        assert_eq!(
            app.windows[1].page,
            WindowPage::Local("settings/index.html".into())
        );
        assert_eq!(app.windows[1].width, 400.0);
    }

    #[test]
    fn a_window_refuses_what_it_does_not_list() {
        let app = info(&format!("{APP}[[window]]\nlabel = \"main\"\n")).expect("valid");
        let guard = &app.windows[0].guard;
        assert!(guard.navigation.is_empty() && !guard.downloads && !guard.drag_drop);
        assert!(guard.permissions.is_empty());
        let open = info(&format!(
            "{APP}[[window]]\nlabel = \"main\"\nnavigation = [\"https://docs.example.com\"]\nnew-windows = \"browser\"\nexternal-links = \"opener\"\ndownloads = true\ndrag-drop = true\npermissions = [\"camera\", \"clipboard-read\"]\n"
        ))
        .expect("valid");
        let guard = &open.windows[0].guard;
        assert_eq!(guard.navigation.len(), 1);
        assert!(guard.downloads && guard.drag_drop);
        assert_eq!(
            guard.external_links,
            crate::navigation::ExternalLinks::Opener
        );
        assert!(guard.grants(crate::navigation::WebPermission::ClipboardRead));
        let plain = info(&format!(
            "{APP}[[window]]\nlabel = \"main\"\nnavigation = [\"http://docs.example.com\"]\n"
        ))
        .expect_err("http");
        assert_eq!(plain.errors[0].location.to_string(), "Rampart.toml:6:15");
        let typo = info(&format!(
            "{APP}[[window]]\nlabel = \"main\"\npermissions = [\"camra\"]\n"
        ))
        .expect_err("typo");
        assert!(
            typo.errors[0].message.contains("camra"),
            "{:?}",
            typo.errors[0]
        );
    }

    #[test]
    fn a_remote_window_is_https_and_may_navigate_within_its_origin() {
        let remote = info(&format!(
            "{APP}[[window]]\nlabel = \"docs\"\nurl = \"https://docs.example.com:8443/start\"\n"
        ))
        .expect("valid");
        let window = &remote.windows[0];
        assert!(
            matches!(&window.page, WindowPage::Remote(url) if url.as_str() == "https://docs.example.com:8443/start")
        );
        let origin = url::Url::parse("https://docs.example.com:8443/").expect("a URL");
        assert!(window.guard.navigation.iter().any(|p| p.matches(&origin)));
        for (url, why) in [
            ("http://docs.example.com/", "plain http"),
            ("ftp://docs.example.com/", "nor an https page"),
            ("https://user@docs.example.com/", "user name"),
        ] {
            let errors = info(&format!(
                "{APP}[[window]]\nlabel = \"docs\"\nurl = \"{url}\"\n"
            ))
            .expect_err(url);
            assert!(
                errors.errors[0].message.contains(why),
                "{url}: {:?}",
                errors.errors[0]
            );
            assert_eq!(errors.errors[0].location.line, 6, "{url}");
        }
    }

    #[test]
    fn local_pages_stay_in_the_app_folder() {
        for url in [
            "//evil.com/x",
            "javascript://x",
            "../x.html",
            "a/../../b",
            "?only-a-query",
            "",
            "a\\\\b",
        ] {
            let text = format!("{APP}[[window]]\nlabel = \"main\"\nurl = \"{url}\"\n");
            assert!(info(&text).is_err(), "{url:?} was accepted");
        }
    }

    #[test]
    fn bad_and_duplicate_labels_are_refused() {
        for label in ["", "a b", "a.b", &"x".repeat(129)] {
            assert!(
                info(&format!("{APP}[[window]]\nlabel = \"{label}\"\n")).is_err(),
                "{label:?}"
            );
        }
        let twice = format!("{APP}[[window]]\nlabel = \"main\"\n[[window]]\nlabel = \"main\"\n");
        let errors = info(&twice).expect_err("duplicate");
        assert!(errors.errors[0].message.contains("declared twice"));
        let typo = format!("{APP}[[window]]\nlabel = \"main\"\ntitel = \"x\"\n");
        let errors = info(&typo).expect_err("typo");
        assert_eq!(
            errors.errors[0].help.as_deref(),
            Some("did you mean `title`?")
        );
    }

    #[test]
    fn the_policy_is_strict_unless_written_and_its_findings_name_the_line() {
        assert_eq!(info(APP).expect("valid").policy, Policy::default());
        let loose = info(&format!(
            "{APP}[security.csp]\nscript-src = [\"'self'\", \"'unsafe-eval'\"]\n"
        ))
        .expect("a warning is not an error");
        assert_eq!(loose.warnings.len(), 1);
        assert_eq!(loose.warnings[0].location.line, 5);
        assert!(
            loose
                .policy
                .header()
                .contains("script-src 'self' 'unsafe-eval';")
        );
        let errors = info(&format!(
            "{APP}[security]\ncsp = \"script-src https://a.example http://b.example\"\n"
        ))
        .expect_err("plain http");
        assert_eq!(errors.errors[0].location.to_string(), "Rampart.toml:5:37");
        assert!(info(APP).expect("valid").sandbox);
        let unsandboxed = info(&format!("{APP}[security]\nsandbox = false\n")).expect("valid");
        assert!(!unsandboxed.sandbox);
        assert_eq!(
            unsandboxed.warnings[0].location.to_string(),
            "Rampart.toml:5:11"
        );
        let errors = info(&format!("{APP}[security]\ncps = \"\"\n")).expect_err("typo");
        assert_eq!(
            errors.errors[0].help.as_deref(),
            Some("did you mean `csp`?")
        );
        let errors = info(&format!("{APP}[security]\ncsp = 3\n")).expect_err("a number");
        assert_eq!(errors.errors[0].location.line, 5);
    }

    #[test]
    fn a_dev_server_is_an_origin_on_this_machine() {
        let dev = |url: &str| info(&format!("{APP}[dev]\nurl = \"{url}\"\n"));
        assert_eq!(
            dev("http://localhost:5173")
                .expect("valid")
                .dev_origin
                .as_deref(),
            Some("http://localhost:5173")
        );
        assert_eq!(
            dev("https://127.0.0.1:8443/")
                .expect("valid")
                .dev_origin
                .as_deref(),
            Some("https://127.0.0.1:8443")
        );
        assert_eq!(info(APP).expect("valid").dev_origin, None);
        let with_dev = |csp: &str| {
            info(&format!(
                "{APP}[dev]\nurl = \"http://localhost:5173\"\n[security]\ncsp = \"{csp}\"\n"
            ))
        };
        assert!(with_dev("connect-src 'self' ws://localhost:5173").is_ok());
        assert!(with_dev("connect-src 'self' ws://localhost:5174").is_err());
        for url in [
            "http://example.com:5173",
            "http://localhost.evil.com",
            "file:///tmp/x",
            "app://localhost",
            "http://localhost:5173/index.html",
            "http://localhost:5173/?x",
            "localhost:5173",
        ] {
            let errors = dev(url).expect_err(url);
            assert_eq!(errors.errors[0].location.line, 5, "{url}: {errors:?}");
        }
    }
}

//! The app's configuration and pages, loaded and validated before any window opens: embedded
//! in the binary at compile time ([`generate_context!`](crate::generate_context)), or read from
//! a folder ([`Context::from_dir`]). Either way each HTML page has been read for its
//! Content-Security-Policy: a page the policy would break keeps the app from starting.

use std::path::Path;
use std::sync::Arc;

use rampart_core::acl::{self, AppConfig, Authority};
use rampart_core::app::{self, AppInfo};
use rampart_core::csp::Policy;
use rampart_core::diagnostic::{ConfigErrors, SourceFile};

use crate::command::Command;

/// Everything the runtime needs to start: the app's identity and windows, its resolved access
/// control, and its pages.
pub struct Context {
    pub(crate) info: Arc<AppInfo>,
    pub(crate) authority: Arc<Authority>,
    pub(crate) assets: Assets,
    /// The isolation application's files, when the app runs with the isolation pattern.
    pub(crate) isolation: Option<IsolationFiles>,
    /// The commands `generate_context!(commands: [...])` registers.
    pub(crate) commands: Vec<Command>,
}

/// Where the isolation application's files come from.
#[derive(Clone, Debug)]
pub(crate) enum IsolationFiles {
    /// Its folder.
    #[cfg(feature = "from-dir")]
    Dir(std::path::PathBuf),
    /// Embedded by `generate_context!`: relative path and bytes.
    Embedded(&'static [(&'static str, &'static [u8])]),
}

/// Where the app's pages come from.
#[derive(Clone, Debug)]
pub(crate) enum Assets {
    /// A folder on disk, read (and each page read for its policy) at each request.
    #[cfg(feature = "from-dir")]
    Dir(std::path::PathBuf),
    /// Files embedded in the binary, sorted by path.
    Embedded(&'static [EmbeddedAsset]),
}

/// An app embedded by `generate_context!`. Made by the macro; not written by hand.
#[doc(hidden)]
pub struct EmbeddedApp {
    /// The configuration files, named as `rampart_core::acl::list_app_files` names them.
    pub config: &'static [(&'static str, &'static str)],
    /// The files of `dist/`, sorted by path.
    pub assets: &'static [EmbeddedAsset],
    /// The isolation application's files (relative path, bytes), when `Rampart.toml` has
    /// `[security.isolation]`.
    pub isolation: &'static [(&'static str, &'static [u8])],
}

/// A file of `dist/` embedded by `generate_context!`.
#[doc(hidden)]
#[derive(Debug)]
pub struct EmbeddedAsset {
    /// Its path relative to `dist/`, with `/` separators.
    pub path: &'static str,
    /// Its contents, brotli-compressed when `compressed`; a page's with nonce placeholders.
    pub bytes: &'static [u8],
    /// Whether `bytes` are brotli-compressed.
    pub compressed: bool,
    /// Its `ETag`, quoted.
    pub etag: &'static str,
    /// For an HTML page: what its policy adds.
    pub page: Option<EmbeddedPage>,
}

/// What an embedded page's policy adds to the app's.
#[doc(hidden)]
#[derive(Debug)]
pub struct EmbeddedPage {
    /// Hashes of its inline scripts.
    pub script_hashes: &'static [&'static str],
    /// Hashes of its inline styles.
    pub style_hashes: &'static [&'static str],
    /// Whether its external scripts and stylesheets carry the nonce.
    pub nonced: bool,
}

impl Context {
    /// Loads the app whose root is `root`: `Rampart.toml`, `capabilities/`, `permissions/`, and
    /// the pages in `root/dist`. An invalid configuration is an error, never a running app.
    /// (Apps usually embed all of this with [`generate_context!`](crate::generate_context).)
    #[cfg(feature = "from-dir")]
    pub fn from_dir(root: impl AsRef<Path>) -> Result<Context, ConfigErrors> {
        let root = root.as_ref();
        let config = acl::read_app_dir(root)?;
        let assets = root.join("dist");
        if assets.is_dir() {
            check_pages(&assets)?;
            let pages = rampart_core::dist::list(&assets).unwrap_or_default();
            app::check_window_pages(&config.manifest, &pages)?;
        } else {
            return Err(config
                .manifest
                .file_error(
                    format!("the app's pages folder {} does not exist", assets.display()),
                    Some("put index.html and the other pages in dist/ beside Rampart.toml".into()),
                )
                .into());
        }
        let mut context = Context::resolve(root, &config, Assets::Dir(assets))?;
        if let Some(isolation) = &context.info.isolation {
            let folder = root.join(&isolation.dir);
            if !folder.join("index.html").is_file() {
                return Err(config
                    .manifest
                    .file_error(
                        format!(
                            "the isolation application's folder {} has no index.html",
                            folder.display()
                        ),
                        Some("put the isolation application (index.html and its scripts) in the folder [security.isolation] dir names".into()),
                    )
                    .into());
            }
            context.isolation = Some(IsolationFiles::Dir(folder));
        }
        Ok(context)
    }

    /// The app `generate_context!` embedded. Its configuration was checked when it was
    /// compiled; here its scopes are resolved with this machine's directories (`$HOME`, the
    /// XDG folders; `$RESOURCE` is the executable's folder), which can still fail.
    #[doc(hidden)]
    pub fn embedded(app: &'static EmbeddedApp) -> Result<Context, ConfigErrors> {
        let files = app
            .config
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect();
        let config = acl::app_config(files)?;
        let resource = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let mut context = Context::resolve(&resource, &config, Assets::Embedded(app.assets))?;
        if context.info.isolation.is_some() {
            context.isolation = Some(IsolationFiles::Embedded(app.isolation));
        }
        Ok(context)
    }

    fn resolve(root: &Path, config: &AppConfig, assets: Assets) -> Result<Context, ConfigErrors> {
        let authority = acl::resolve_with_env(root, config)?;
        let info = app::app_info(&config.manifest)?;
        for warning in &info.warnings {
            tracing::warn!("{warning}");
        }
        Ok(Context {
            info: Arc::new(info),
            authority: Arc::new(authority),
            assets,
            isolation: None,
            commands: Vec::new(),
        })
    }

    /// The context with these commands registered: what `generate_context!(commands: [...])`
    /// expands to, after checking `[app] commands` lists exactly them.
    #[doc(hidden)]
    pub fn with_commands(mut self, commands: impl IntoIterator<Item = Command>) -> Context {
        self.commands.extend(commands);
        self
    }

    /// The Content-Security-Policy of the app's pages, before each page's hashes and nonce.
    pub fn policy(&self) -> &Policy {
        &self.info.policy
    }

    /// The resolved access control.
    pub fn authority(&self) -> &Authority {
        &self.authority
    }
}

/// Reads every page of `dist` for its policy: errors keep the app from starting, warnings are
/// logged.
#[cfg(feature = "from-dir")]
fn check_pages(dist: &Path) -> Result<(), ConfigErrors> {
    use rampart_core::diagnostic::{ConfigError, Location};
    let unreadable = |message: String| {
        ConfigErrors::from(ConfigError::at(
            Location {
                file: dist.display().to_string().into(),
                line: 1,
                column: 1,
            },
            message,
            Some("keep only pages and assets in dist/".into()),
        ))
    };
    let pages = rampart_core::dist::read_pages(dist).map_err(unreadable)?;
    let mut errors = Vec::new();
    for (_, scan) in pages {
        for warning in &scan.warnings {
            tracing::warn!("{warning}");
        }
        errors.extend(scan.errors);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ConfigErrors { errors })
    }
}

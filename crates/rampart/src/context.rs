//! The app's configuration and pages, loaded and validated before any window opens.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rampart_core::acl::{self, Authority};
use rampart_core::app::{self, AppInfo};
use rampart_core::diagnostic::ConfigErrors;

/// Everything the runtime needs to start: the app's identity and windows, its resolved access
/// control, and the folder its pages are served from.
pub struct Context {
    pub(crate) info: AppInfo,
    pub(crate) authority: Arc<Authority>,
    pub(crate) assets: PathBuf,
}

impl Context {
    /// Loads the app whose root is `root`: `Rampart.toml`, `capabilities/`, `permissions/`, and
    /// the pages in `root/dist`. An invalid configuration is an error, never a running app.
    pub fn from_dir(root: impl AsRef<Path>) -> Result<Context, ConfigErrors> {
        let root = root.as_ref();
        let config = acl::read_app_dir(root)?;
        let authority = acl::resolve_with_env(root, &config)?;
        let info = app::app_info(&config.manifest)?;
        let assets = root.join("dist");
        if !assets.is_dir() {
            return Err(config
                .manifest
                .file_error(
                    format!("the app's pages folder {} does not exist", assets.display()),
                    Some("put index.html and the other pages in dist/ beside Rampart.toml".into()),
                )
                .into());
        }
        Ok(Context {
            info,
            authority: Arc::new(authority),
            assets,
        })
    }

    /// The resolved access control.
    pub fn authority(&self) -> &Authority {
        &self.authority
    }
}

//! An app's configuration from its root folder: its files read (which ones: see
//! [`files`](super::files)), then resolved with this process's environment. Behind the
//! `app-dir` feature: with [`files`](super::files), the core's only file and environment
//! access, and nothing on the decision path uses them (the runtime resolves at build or start
//! time, the CLI when it runs).

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use super::authority::Authority;
use super::files::{self, list_app_files};
use super::parse;
use super::resolve::{AppConfig, ResolveOptions, resolve};
use super::sources::app_config;
use crate::diagnostic::ConfigErrors;
use crate::scope::BaseDirs;

/// Reads `Rampart.toml`, `permissions/*.toml` and `capabilities/*.{toml,json}` under `root`.
///
/// Files are named relative to `root` in diagnostics and listed in name order. Anything else in
/// those folders is an error (see [`list_app_files`] for the rule).
pub fn read_app_dir(root: &Path) -> Result<AppConfig, ConfigErrors> {
    let names = list_app_files(root)?;
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for name in names {
        match files::read(root, &name) {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(ConfigErrors { errors });
    }
    app_config(files)
}

/// Reads and resolves the app under `root`, with base directories from this process's
/// environment (XDG variables, `user-dirs.dirs`) and `root` as `$RESOURCE`.
pub fn load_app_dir(root: &Path) -> Result<Authority, ConfigErrors> {
    resolve_with_env(root, &read_app_dir(root)?)
}

/// Resolves `config` (read from `root`) with base directories from this process's environment
/// (XDG variables, `user-dirs.dirs`) and `root` as `$RESOURCE`.
pub fn resolve_with_env(root: &Path, config: &AppConfig) -> Result<Authority, ConfigErrors> {
    let manifest = parse::app_manifest(&config.manifest)?;
    let env = |key: &str| std::env::var_os(key);
    let user_dirs = user_dirs_path(&env).and_then(|path| fs::read_to_string(path).ok());
    let dirs = BaseDirs::from_env(
        manifest.app.identifier.get_ref(),
        env,
        user_dirs.as_deref(),
        Some(root.to_path_buf()),
    );
    resolve(config, &ResolveOptions::new(dirs))
}

/// `$XDG_CONFIG_HOME/user-dirs.dirs`, or `$HOME/.config/user-dirs.dirs`.
fn user_dirs_path(env: &impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let config = env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| env("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(config.join("user-dirs.dirs"))
}

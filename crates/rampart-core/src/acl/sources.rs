//! Reading an app's configuration files from its root directory.
//!
//! This is the core's only file and environment access, and nothing on the decision path uses it: the runtime
//! resolves at build or start time, the CLI when it runs.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use super::authority::Authority;
use super::parse;
use super::resolve::{AppConfig, ResolveOptions, resolve};
use crate::diagnostic::{ConfigError, ConfigErrors, SourceFile};
use crate::scope::BaseDirs;

/// The app manifest's file name, at the app root.
pub const APP_MANIFEST: &str = "Rampart.toml";

/// Reads `Rampart.toml`, `permissions/*.toml` and `capabilities/*.{toml,json}` under `root`.
///
/// Files are named relative to `root` in diagnostics and listed in name order. Any other file in
/// those folders is an error (a `capabilities/main.yaml` must not be silently ignored).
pub fn read_app_dir(root: &Path) -> Result<AppConfig, ConfigErrors> {
    let names = list_app_files(root)?;
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for name in names {
        match read(root, Path::new(&name)) {
            Ok(file) => files.push(file),
            Err(message) => errors.push(missing_file(&name, message)),
        }
    }
    if !errors.is_empty() {
        return Err(ConfigErrors { errors });
    }
    app_config(files)
}

/// The configuration files of the app under `root`, relative to it: `Rampart.toml`, then
/// `permissions/*.toml` and `capabilities/*.{toml,json}` in name order. A file of another kind
/// in those folders is an error.
pub fn list_app_files(root: &Path) -> Result<Vec<String>, ConfigErrors> {
    if !root.join(APP_MANIFEST).is_file() {
        let message = format!("cannot read {}", root.join(APP_MANIFEST).display());
        return Err(missing_file(APP_MANIFEST, message).into());
    }
    let mut errors = Vec::new();
    let mut names = vec![APP_MANIFEST.to_string()];
    names.extend(list_folder(root, "permissions", &["toml"], &mut errors));
    names.extend(list_folder(
        root,
        "capabilities",
        &["toml", "json"],
        &mut errors,
    ));
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(ConfigErrors { errors })
    }
}

/// The configuration from files already read (as [`list_app_files`] names them): the one
/// named `Rampart.toml`, and those under `permissions/` and `capabilities/`.
pub fn app_config(files: Vec<SourceFile>) -> Result<AppConfig, ConfigErrors> {
    let mut manifest = None;
    let mut permission_files = Vec::new();
    let mut capability_files = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let name = file.name().to_string();
        if name == APP_MANIFEST {
            manifest = Some(file);
        } else if name.starts_with("permissions/") {
            permission_files.push(file);
        } else if name.ends_with(".json") {
            match parse::json_source(file.name().into(), file.text().into()) {
                Ok(translated) => capability_files.push(translated),
                Err(error) => errors.push(error),
            }
        } else {
            capability_files.push(file);
        }
    }
    let Some(manifest) = manifest else {
        return Err(missing_file(APP_MANIFEST, "the app has no Rampart.toml".into()).into());
    };
    if !errors.is_empty() {
        return Err(ConfigErrors { errors });
    }
    Ok(AppConfig {
        manifest,
        permission_files,
        capability_files,
    })
}

fn missing_file(name: &str, message: String) -> ConfigError {
    let help =
        format!("run this in the app's root folder (the one with {APP_MANIFEST}), or pass --dir");
    let help = (name == APP_MANIFEST).then_some(help);
    SourceFile::new(name, "").file_error(message, help)
}

fn read(root: &Path, relative: &Path) -> Result<SourceFile, String> {
    let path = root.join(relative);
    let metadata =
        fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if metadata.len() > parse::MAX_FILE_LEN as u64 {
        return Err(format!(
            "{} is larger than {} KiB",
            path.display(),
            parse::MAX_FILE_LEN / 1024
        ));
    }
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(SourceFile::new(relative.display().to_string(), text))
}

/// The files of `root/folder` with one of `extensions`, relative to `root`, sorted by name. A
/// missing folder is empty; a file with another extension is an error.
fn list_folder(
    root: &Path,
    folder: &str,
    extensions: &[&str],
    errors: &mut Vec<ConfigError>,
) -> Vec<String> {
    let Ok(entries) = fs::read_dir(root.join(folder)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    let mut files = Vec::new();
    for name in names {
        let relative = format!("{folder}/{name}");
        let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
        if extensions.contains(&extension) {
            files.push(relative);
        } else {
            let allowed: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
            let file = SourceFile::new(relative, "");
            errors.push(file.file_error(
                format!("{folder}/ holds only {} files", allowed.join(" and ")),
                Some("rename the file, or move it out of this folder".into()),
            ));
        }
    }
    files
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

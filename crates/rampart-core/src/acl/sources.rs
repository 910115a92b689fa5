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
    let manifest = read(root, Path::new(APP_MANIFEST)).map_err(|e| {
        let help = format!(
            "run this in the app's root folder (the one with {APP_MANIFEST}), or pass --dir"
        );
        SourceFile::new(APP_MANIFEST, "").file_error(e, Some(help))
    })?;
    let mut errors = Vec::new();
    let permission_files = read_folder(root, "permissions", &["toml"], &mut errors)
        .into_iter()
        .map(|(file, _)| file)
        .collect();
    let mut capability_files = Vec::new();
    for (file, extension) in read_folder(root, "capabilities", &["toml", "json"], &mut errors) {
        if extension == "json" {
            match parse::json_source(file.name().into(), file.text().into()) {
                Ok(translated) => capability_files.push(translated),
                Err(error) => errors.push(error),
            }
        } else {
            capability_files.push(file);
        }
    }
    if !errors.is_empty() {
        return Err(ConfigErrors { errors });
    }
    Ok(AppConfig {
        manifest,
        permission_files,
        capability_files,
    })
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

/// The files of `root/folder` with one of `extensions`, sorted by name. A missing folder is
/// empty; a file with another extension is an error.
fn read_folder(
    root: &Path,
    folder: &str,
    extensions: &[&str],
    errors: &mut Vec<ConfigError>,
) -> Vec<(SourceFile, String)> {
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
        let relative = Path::new(folder).join(&name);
        let extension = relative
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        if !extensions.contains(&extension.as_str()) {
            let allowed: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
            let file = SourceFile::new(relative.display().to_string(), "");
            errors.push(file.file_error(
                format!("{folder}/ holds only {} files", allowed.join(" and ")),
                Some("rename the file, or move it out of this folder".into()),
            ));
            continue;
        }
        match read(root, &relative) {
            Ok(file) => files.push((file, extension)),
            Err(message) => errors.push(
                SourceFile::new(relative.display().to_string(), "").file_error(message, None),
            ),
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

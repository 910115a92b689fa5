//! An app's configuration from its source files, already read: which file is which
//! ([`app_config`]). Reading them from an app's folder is the `app-dir` feature's job
//! (`acl::app_dir`).

use super::parse;
use super::resolve::AppConfig;
use crate::diagnostic::{ConfigErrors, SourceFile};

/// The app manifest's file name, at the app root.
pub const APP_MANIFEST: &str = "Rampart.toml";

/// The configuration from files already read, named relative to the app's root: the one named
/// `Rampart.toml`, and those under `permissions/` and `capabilities/` (as `list_app_files`
/// names them).
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
        let file = SourceFile::new(APP_MANIFEST, "");
        return Err(file.file_error("the app has no Rampart.toml", None).into());
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

//! Plugin manifests: a plugin's name, its commands, the kind of scope they take, and its
//! permissions, as data the core reads.
//!
//! A manifest is one TOML file: a `[plugin]` table, optionally followed by the same `[default]`,
//! `[[set]]` and `[[permission]]` tables a permission file holds. The built-in plugins'
//! manifests are embedded from `crates/rampart-core/plugins/`, so capabilities can name them
//! (`fs:default`) whether or not the app enables the plugin.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::model::{DefaultPermission, Permission, PermissionFile, PermissionSet};
use crate::diagnostic::SourceFile;
use crate::scope::ScopeKind;

/// A plugin manifest file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluginManifest {
    /// The plugin itself.
    pub plugin: PluginSection,
    /// The plugin's `default` permission set.
    pub default: Option<DefaultPermission>,
    /// The plugin's permission sets.
    #[serde(default)]
    pub set: Vec<PermissionSet>,
    /// The plugin's permissions.
    #[serde(default)]
    pub permission: Vec<Permission>,
}

/// The `[plugin]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PluginSection {
    /// The plugin's name, the prefix of its permissions (`fs` in `fs:default`).
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the plugin does, for people.
    pub description: Option<String>,
    /// The kind of scope its commands take.
    pub scope_kind: ScopeKind,
    /// Its commands.
    #[schemars(with = "Vec<String>")]
    pub commands: Vec<Spanned<String>>,
}

impl PluginManifest {
    /// Splits the manifest into the plugin and its permission tables.
    pub fn into_parts(self) -> (PluginSection, PermissionFile) {
        let permissions = PermissionFile {
            schema: None,
            default: self.default,
            set: self.set,
            permission: self.permission,
        };
        (self.plugin, permissions)
    }
}

/// The manifests of the plugins that ship with Rampart.
pub fn builtin_plugins() -> Vec<SourceFile> {
    [
        ("<builtin>/fs.toml", include_str!("../../plugins/fs.toml")),
        (
            "<builtin>/http.toml",
            include_str!("../../plugins/http.toml"),
        ),
        (
            "<builtin>/shell.toml",
            include_str!("../../plugins/shell.toml"),
        ),
        (
            "<builtin>/opener.toml",
            include_str!("../../plugins/opener.toml"),
        ),
        (
            "<builtin>/path.toml",
            include_str!("../../plugins/path.toml"),
        ),
        (
            "<builtin>/clipboard.toml",
            include_str!("../../plugins/clipboard.toml"),
        ),
        (
            "<builtin>/notification.toml",
            include_str!("../../plugins/notification.toml"),
        ),
        (
            "<builtin>/window.toml",
            include_str!("../../plugins/window.toml"),
        ),
        (
            "<builtin>/dialog.toml",
            include_str!("../../plugins/dialog.toml"),
        ),
        (
            "<builtin>/asset.toml",
            include_str!("../../plugins/asset.toml"),
        ),
        (
            "<builtin>/event.toml",
            include_str!("../../plugins/event.toml"),
        ),
        (
            "<builtin>/channel.toml",
            include_str!("../../plugins/channel.toml"),
        ),
    ]
    .into_iter()
    .map(|(name, text)| SourceFile::new(name, text))
    .collect()
}

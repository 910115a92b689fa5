//! Parsing configuration files into the [`model`](super::model), strictly.
//!
//! TOML files are parsed with spans. JSON files (accepted for capabilities) are first read as
//! JSON (strictly: see [`json`](super::json)), then translated to TOML and parsed by the same
//! code, so both formats obey exactly the same rules; [`SourceFile`] maps error positions back
//! onto the JSON text. Both are bounded in size ([`MAX_FILE_LEN`]) and nesting ([`MAX_DEPTH`])
//! before they are parsed.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::json;
use super::manifest::PluginManifest;
use super::model::{AppManifest, Capability, CapabilityList, PermissionFile};
use super::toml_depth::too_deep;
use crate::diagnostic::{ConfigError, SourceFile};

/// Largest configuration file accepted, in bytes.
pub const MAX_FILE_LEN: usize = 1 << 20;

/// Deepest nesting accepted in a configuration file, TOML or JSON: tables (objects) and arrays,
/// the root table included.
pub const MAX_DEPTH: usize = 32;

/// Parses `Rampart.toml`.
pub fn app_manifest(file: &SourceFile) -> Result<AppManifest, ConfigError> {
    parse_toml(file)
}

/// Parses a permission file.
pub fn permission_file(file: &SourceFile) -> Result<PermissionFile, ConfigError> {
    parse_toml(file)
}

/// Parses a plugin manifest.
pub fn plugin_manifest(file: &SourceFile) -> Result<PluginManifest, ConfigError> {
    parse_toml(file)
}

/// Parses a capability file: one capability, or `{ capabilities = [...] }`.
///
/// For a JSON file, translate it first with [`json_source`] (a JSON array of capabilities
/// becomes the `capabilities` list).
pub fn capability_file(file: &SourceFile) -> Result<Vec<Capability>, ConfigError> {
    check_bounds(file)?;
    let table: toml::Table = toml::from_str(file.parsed_text()).map_err(|e| file.toml_error(&e))?;
    if table.contains_key("capabilities") {
        Ok(parse_toml::<CapabilityList>(file)?.capabilities)
    } else {
        Ok(vec![parse_toml::<Capability>(file)?])
    }
}

/// Reads a JSON capability file into a [`SourceFile`] whose parsed text is its TOML translation
/// (see [`json`](super::json) for how strictly).
pub fn json_source(name: Arc<str>, text: Arc<str>) -> Result<SourceFile, ConfigError> {
    let plain = SourceFile::new(name.clone(), text.clone());
    if text.len() > MAX_FILE_LEN {
        return Err(too_large(&plain));
    }
    let (translated, map) = json::translate(&plain)?;
    Ok(SourceFile::json(name, text, translated, map))
}

fn parse_toml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, ConfigError> {
    check_bounds(file)?;
    toml::from_str(file.parsed_text()).map_err(|e| file.toml_error(&e))
}

/// The bounds checked before parsing: the file's size, then its nesting.
fn check_bounds(file: &SourceFile) -> Result<(), ConfigError> {
    if file.text().len() > MAX_FILE_LEN {
        return Err(too_large(file));
    }
    // A JSON file's depth was bounded when it was read.
    let depth = (!file.is_translated())
        .then(|| too_deep(file.text()))
        .flatten();
    match depth {
        Some(span) => Err(file.error(
            span,
            format!("this opens a table or array deeper than {MAX_DEPTH} levels"),
            Some(
                "configuration files are shallow: look for a long dotted key or brackets that \
                 are not closed"
                    .into(),
            ),
        )),
        None => Ok(()),
    }
}

fn too_large(file: &SourceFile) -> ConfigError {
    file.file_error(
        format!("the file is larger than {} KiB", MAX_FILE_LEN / 1024),
        Some("configuration files are small; split it or check that it is the right file".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_file(text: &str) -> SourceFile {
        SourceFile::new("test.toml", text)
    }

    fn json_file(text: &str) -> Result<SourceFile, ConfigError> {
        json_source("test.json".into(), text.into())
    }

    #[test]
    fn misspelled_deny_in_a_permission_is_an_error_with_a_suggestion() {
        let file = toml_file(
            "[[permission]]\nidentifier = \"p\"\ncommands.allow = [\"a\"]\n\
             [[permission.scope.denny]]\npath = \"/x\"\n",
        );
        let error = permission_file(&file).expect_err("denny must not be dropped");
        assert_eq!((error.location.line, error.location.column), (4, 20));
        assert_eq!(error.help.as_deref(), Some("did you mean `deny`?"));
    }

    #[test]
    fn top_level_scope_table_is_an_error() {
        let file =
            toml_file("[[permission]]\nidentifier = \"p\"\n[[scope.deny]]\npath = \"/etc/**\"\n");
        let error = permission_file(&file).expect_err("a stray scope table must not be dropped");
        assert!(error.message.contains("unknown field `scope`"), "{error}");
        assert!(
            error
                .help
                .is_some_and(|h| h.contains("[[permission.scope.deny]]"))
        );
    }

    #[test]
    fn misspelled_deny_in_a_capability_entry_is_an_error() {
        let file = toml_file(
            "identifier = \"c\"\nwindows = [\"main\"]\n\
             permissions = [{ identifier = \"fs:default\", denny = [{ path = \"/x\" }] }]\n",
        );
        let error = capability_file(&file).expect_err("denny must not be dropped");
        assert!(error.message.contains("denny"), "{error}");
        assert_eq!(error.help.as_deref(), Some("did you mean `deny`?"));
    }

    #[test]
    fn platform_singular_is_explained() {
        let file = toml_file(
            "identifier = \"c\"\nwindows = [\"main\"]\nplatform = [\"linux\"]\npermissions = []\n",
        );
        let error = capability_file(&file).expect_err("platform is not a key");
        assert!(error.help.is_some_and(|h| h.contains("platforms")));
    }

    #[test]
    fn capability_file_shapes() {
        let one = toml_file("identifier = \"a\"\nwindows = [\"main\"]\npermissions = []\n");
        assert_eq!(capability_file(&one).map(|c| c.len()).ok(), Some(1));
        let list = toml_file(
            "[[capabilities]]\nidentifier = \"a\"\nwindows = [\"m\"]\npermissions = []\n\
             [[capabilities]]\nidentifier = \"b\"\nwindows = [\"m\"]\npermissions = []\n",
        );
        assert_eq!(capability_file(&list).map(|c| c.len()).ok(), Some(2));
        let json = json_file(
            r#"[{"identifier": "a", "windows": ["m"], "permissions": ["fs:default", {"identifier": "fs:allow-read-file", "allow": [{"path": "$HOME/x"}]}]}]"#,
        )
        .expect("valid JSON");
        assert_eq!(capability_file(&json).map(|c| c.len()).ok(), Some(1));
    }

    #[test]
    fn json_errors_point_into_the_json_text() {
        let file = json_file(
            "{\n  \"identifier\": \"a\",\n  \"windows\": [\"m\"],\n  \"permisions\": []\n}",
        )
        .expect("valid JSON");
        let error = capability_file(&file).expect_err("permisions is misspelled");
        assert_eq!(error.location.line, 4);
        assert_eq!(error.help.as_deref(), Some("did you mean `permissions`?"));
        let broken = json_file("{\n  \"identifier\": \"a\",,\n}").expect_err("bad JSON");
        assert_eq!(broken.location.line, 2);
    }

    #[test]
    fn json_limits_hold() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(json_file(&deep).is_err());
        assert!(json_file("null").is_err());
        assert!(json_file(r#"{"identifier": null}"#).is_err());
        let huge = format!("{{\"description\": \"{}\"}}", "x".repeat(MAX_FILE_LEN));
        assert!(json_file(&huge).is_err());
    }
}

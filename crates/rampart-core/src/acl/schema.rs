//! JSON Schemas of the configuration files, generated from the Rust types, so editors complete
//! and check what authors write.

use schemars::{JsonSchema, schema_for};

use super::manifest::PluginManifest;
use super::model::{AppManifest, Capability, CapabilityList, PermissionFile};

/// What a capability file may hold. Used only to describe the file.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the file for the schema; parse.rs reads the file"
)]
enum CapabilityFile {
    One(Capability),
    List(Vec<Capability>),
    Wrapped(CapabilityList),
}

/// Every schema, as `(file name, schema)`.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("rampart.schema.json", schema_for!(AppManifest).to_value()),
        (
            "permission.schema.json",
            schema_for!(PermissionFile).to_value(),
        ),
        (
            "capability.schema.json",
            schema_for!(CapabilityFile).to_value(),
        ),
        ("plugin.schema.json", schema_for!(PluginManifest).to_value()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_describe_the_strict_files() {
        let schemas = schemas();
        assert_eq!(schemas.len(), 4);
        for (name, schema) in &schemas {
            assert!(schema.get("$schema").is_some(), "{name} has no $schema");
        }
        let permission = &schemas[1].1;
        let text = permission.to_string();
        // Unknown keys are refused by the schema too, so editors flag `denny`.
        assert!(text.contains("\"additionalProperties\":false"), "{text}");
        assert!(text.contains("\"deny\""), "{text}");
        let capability = schemas[2].1.to_string();
        assert!(
            capability.contains("anyOf") && capability.contains("remote"),
            "{capability}"
        );
    }
}

//! JSON Schemas of the configuration files, generated from the Rust types, so editors complete
//! and check what authors write.

use schemars::{JsonSchema, schema_for};

use super::manifest::PluginManifest;
use super::model::{AppManifest, Capability, CapabilityList, PermissionFile};

/// What a capability file may hold. Used only to describe the file.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
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

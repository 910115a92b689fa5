//! The bounds of the IPC door: the `[security.limits]` table of `Rampart.toml`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The largest `max-body-bytes` accepted: 1 GiB.
const BODY_CEILING: usize = 1 << 30;
/// The largest `max-json-depth` accepted.
const DEPTH_CEILING: usize = 512;
/// The largest `max-in-flight` accepted.
const IN_FLIGHT_CEILING: usize = 65_536;

/// Limits on IPC requests. Exceeding one refuses the call; it never crashes the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Limits {
    /// The largest request body, in bytes (default 16 MiB, at most 1 GiB).
    pub max_body_bytes: usize,
    /// The deepest nesting of arrays and objects in a JSON body (default 64, at most 512).
    /// serde_json refuses 128 levels and more on its own, whatever this says.
    pub max_json_depth: usize,
    /// The most calls one webview may have in flight at once (default 256, at most 65536).
    pub max_in_flight: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 << 20,
            max_json_depth: 64,
            max_in_flight: 256,
        }
    }
}

impl Limits {
    /// Checks that every limit is at least 1 and at most its ceiling.
    pub fn validate(&self) -> Result<(), String> {
        check("max-body-bytes", self.max_body_bytes, BODY_CEILING)?;
        check("max-json-depth", self.max_json_depth, DEPTH_CEILING)?;
        check("max-in-flight", self.max_in_flight, IN_FLIGHT_CEILING)
    }
}

/// `value` must be in `1..=ceiling`.
fn check(name: &str, value: usize, ceiling: usize) -> Result<(), String> {
    if (1..=ceiling).contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is {value}; it must be between 1 and {ceiling}"
        ))
    }
}

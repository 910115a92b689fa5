//! Everything an app's configuration grants, to whom, and where it is defined: `rampart acl ls`.

use std::fmt;

use serde::Serialize;

use super::authority::{Authority, NodeBody, Origin};

/// The listing of an app's access control.
#[derive(Clone, Debug, Serialize)]
pub struct Listing {
    /// The app identifier.
    pub app: String,
    /// The capabilities, in file order.
    pub capabilities: Vec<CapabilityListing>,
    /// The app's own permissions and sets (plugins' are listed by name only in capabilities).
    pub permissions: Vec<PermissionListing>,
}

/// One capability.
#[derive(Clone, Debug, Serialize)]
pub struct CapabilityListing {
    /// Its identifier.
    pub identifier: String,
    /// Its description.
    pub description: Option<String>,
    /// Where it is defined.
    pub location: String,
    /// Whether it exists on this platform.
    pub active: bool,
    /// Window label patterns.
    pub windows: Vec<String>,
    /// Webview label patterns.
    pub webviews: Vec<String>,
    /// `local` and/or remote origin patterns.
    pub origins: Vec<String>,
    /// The permissions named, as written.
    pub permissions: Vec<String>,
    /// The commands it allows (after expanding sets), minus those it denies.
    pub allows: Vec<String>,
    /// The commands it denies.
    pub denies: Vec<String>,
}

/// One of the app's permissions or sets.
#[derive(Clone, Debug, Serialize)]
pub struct PermissionListing {
    /// Its identifier.
    pub identifier: String,
    /// `permission` or `set`.
    pub kind: &'static str,
    /// Its description.
    pub description: Option<String>,
    /// Where it is defined.
    pub location: String,
    /// Permissions it includes (sets), or commands it allows and denies (permissions).
    pub contents: Vec<String>,
}

impl Authority {
    /// Lists every capability and every app permission.
    pub fn listing(&self) -> Listing {
        let (allowed, denied) = self.commands_by_capability();
        let name = |&c: &usize| self.commands[c].wire_name.to_string();
        let capabilities = self
            .capabilities
            .iter()
            .enumerate()
            .map(|(index, capability)| {
                let denied = &denied[index];
                let denies = denied.iter().map(name).collect();
                let allows = allowed[index]
                    .iter()
                    .filter(|c| denied.binary_search(c).is_err())
                    .map(name)
                    .collect();
                let mut origins: Vec<String> = Vec::new();
                if capability.origin_matches(&Origin::Local) {
                    origins.push("local".into());
                }
                origins.extend(capability.remote.iter().map(|r| r.as_written().to_string()));
                CapabilityListing {
                    identifier: capability.identifier.clone(),
                    description: capability.description.clone(),
                    location: capability.location.to_string(),
                    active: capability.active,
                    windows: capability
                        .windows
                        .iter()
                        .map(|w| w.as_str().to_string())
                        .collect(),
                    webviews: capability
                        .webviews
                        .iter()
                        .map(|w| w.as_str().to_string())
                        .collect(),
                    origins,
                    permissions: capability
                        .granted
                        .iter()
                        .map(|&n| self.node_name(n).to_string())
                        .collect(),
                    allows,
                    denies,
                }
            })
            .collect();
        let permissions = self
            .nodes
            .iter()
            .filter(|node| node.owner == 0)
            .filter_map(|node| {
                let location = node.location.as_ref()?.to_string();
                let (kind, contents) = match &node.body {
                    NodeBody::Set { members } => (
                        "set",
                        members
                            .iter()
                            .map(|&m| self.node_name(m).to_string())
                            .collect(),
                    ),
                    NodeBody::Permission {
                        allow,
                        deny,
                        scope_allow,
                        scope_deny,
                        ..
                    } => {
                        let contents = allow
                            .iter()
                            .map(|c| format!("allow {}", name(c)))
                            .chain(deny.iter().map(|c| format!("deny {}", name(c))))
                            .chain(scope_allow.iter().map(|r| format!("scope allow {r}")))
                            .chain(scope_deny.iter().map(|r| format!("scope deny {r}")))
                            .collect();
                        ("permission", contents)
                    }
                };
                Some(PermissionListing {
                    identifier: node.identifier.clone(),
                    kind,
                    description: node.description.clone(),
                    location,
                    contents,
                })
            })
            .collect();
        Listing {
            app: self.app_identifier.clone(),
            capabilities,
            permissions,
        }
    }

    /// The commands each capability allows and denies, in command order: one pass over the
    /// rules, whatever the number of capabilities.
    fn commands_by_capability(&self) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut allowed = vec![Vec::new(); self.capabilities.len()];
        let mut denied = vec![Vec::new(); self.capabilities.len()];
        for (index, command) in self.commands.iter().enumerate() {
            for (rules, lists) in [
                (&command.allows, &mut allowed),
                (&command.denies, &mut denied),
            ] {
                for rule in rules {
                    let list = &mut lists[rule.capability as usize];
                    if list.last() != Some(&index) {
                        list.push(index);
                    }
                }
            }
        }
        (allowed, denied)
    }
}

impl fmt::Display for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "app {}", self.app)?;
        writeln!(f, "\ncapabilities:")?;
        for c in &self.capabilities {
            let platform = if c.active {
                ""
            } else {
                " (not on this platform)"
            };
            writeln!(f, "  {} ({}){platform}", c.identifier, c.location)?;
            if let Some(description) = &c.description {
                writeln!(f, "    {description}")?;
            }
            if !c.windows.is_empty() {
                writeln!(f, "    windows:  {}", c.windows.join(", "))?;
            }
            if !c.webviews.is_empty() {
                writeln!(f, "    webviews: {}", c.webviews.join(", "))?;
            }
            writeln!(f, "    origins:  {}", c.origins.join(", "))?;
            writeln!(f, "    grants:   {}", c.permissions.join(", "))?;
            writeln!(f, "    allows:   {}", list_or_none(&c.allows))?;
            if !c.denies.is_empty() {
                writeln!(f, "    denies:   {}", c.denies.join(", "))?;
            }
        }
        writeln!(f, "\napp permissions:")?;
        for p in &self.permissions {
            writeln!(f, "  {} [{}] ({})", p.identifier, p.kind, p.location)?;
            if let Some(description) = &p.description {
                writeln!(f, "    {description}")?;
            }
            for line in &p.contents {
                writeln!(f, "    {line}")?;
            }
        }
        Ok(())
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".into()
    } else {
        items.join(", ")
    }
}

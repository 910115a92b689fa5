//! The per-command rules and scope grants an Authority decides with.

use super::*;

impl Resolver<'_> {
    /// Builds the per-command rules from the capabilities.
    pub(super) fn finish(mut self, app_identifier: String) -> Authority {
        for (index, capability) in self.capabilities.iter().enumerate() {
            if !capability.active {
                continue;
            }
            let capability_index = index as u32;
            for &permission in &capability.flattened {
                let NodeBody::Permission {
                    allow,
                    deny,
                    scope_allow,
                    scope_deny,
                    ..
                } = &self.nodes[permission as usize].body
                else {
                    continue;
                };
                // One rule per (command, capability) is enough to decide; the first permission
                // found is the one named in reasons.
                let labels = LabelFilter::of(capability.windows.iter().chain(&capability.webviews));
                let rule = Rule {
                    capability: capability_index,
                    permission,
                    labels,
                };
                let is_new = |rules: &[Rule]| {
                    rules
                        .last()
                        .is_none_or(|r| r.capability != capability_index)
                };
                for &command in allow {
                    if is_new(&self.commands[command].allows) {
                        self.commands[command].allows.push(rule);
                    }
                }
                for &command in deny {
                    if is_new(&self.commands[command].denies) {
                        self.commands[command].denies.push(rule);
                    }
                }
                if !scope_allow.is_empty() || !scope_deny.is_empty() {
                    let owner = self.nodes[permission as usize].owner;
                    let targets = if allow.is_empty() {
                        self.owners[owner].commands.clone()
                    } else {
                        allow.clone()
                    };
                    for command in targets {
                        self.commands[command].scopes.push(ScopeGrant {
                            capability: capability_index,
                            labels,
                            permission,
                            inline: false,
                            allow: scope_allow.clone(),
                            deny: scope_deny.clone(),
                        });
                    }
                }
            }
        }
        for InlineScope {
            capability,
            node,
            allow,
            deny,
        } in std::mem::take(&mut self.inline_scopes)
        {
            let Some(entry) = self.capabilities.get(capability as usize) else {
                continue;
            };
            if !entry.active {
                continue;
            }
            let mut targets: Vec<usize> = self
                .flatten(&[node])
                .iter()
                .flat_map(|&p| match &self.nodes[p as usize].body {
                    NodeBody::Permission { allow, .. } => allow.clone(),
                    NodeBody::Set { .. } => Vec::new(),
                })
                .collect();
            if targets.is_empty() {
                targets = self.owners[self.nodes[node as usize].owner]
                    .commands
                    .clone();
            }
            targets.sort_unstable();
            targets.dedup();
            for command in targets {
                self.commands[command].scopes.push(ScopeGrant {
                    capability,
                    labels: LabelFilter::of(entry.windows.iter().chain(&entry.webviews)),
                    permission: node,
                    inline: true,
                    allow: allow.clone(),
                    deny: deny.clone(),
                });
            }
        }
        // Any fitting allow rule grants: try those of exact-label capabilities first (their
        // filter rules most of them out for free), wildcard ones after. Denies are all checked
        // before any allow, so their order does not matter.
        for command in &mut self.commands {
            command.allows.sort_by_key(|rule| rule.labels.is_wildcard());
        }
        let lookup = self
            .commands
            .iter()
            .enumerate()
            .map(|(i, c)| (c.wire_name.clone(), i))
            .collect();
        Authority {
            app_identifier,
            platform: self.options.platform,
            lookup,
            commands: self.commands,
            capabilities: self.capabilities,
            nodes: self.nodes,
            owners: self.owners,
            dirs: self.options.dirs.clone(),
        }
    }
}

//! Registering the app's and the plugins' commands, permissions and sets, and checking every
//! reference between them (unknown names, duplicates, cycles).

use super::*;

impl Resolver<'_> {
    pub(super) fn add_app(&mut self, file: &SourceFile, app: &model::AppSection) {
        if let Err(message) = check_app_identifier(app.identifier.get_ref()) {
            self.error(file, app.identifier.span(), message, None);
        }
        let scope_kind = app
            .scope_kind
            .as_ref()
            .map_or(ScopeKind::None, |k| *k.get_ref());
        self.add_owner(None, scope_kind, file, &app.commands);
    }

    pub(super) fn add_plugin(
        &mut self,
        file: &SourceFile,
        plugin: &crate::acl::manifest::PluginSection,
    ) -> Option<usize> {
        let name = plugin.name.get_ref();
        if let Err(message) = check_name(name) {
            self.error(file, plugin.name.span(), message, None);
            return None;
        }
        if self
            .owners
            .iter()
            .any(|o| o.plugin.as_deref() == Some(name))
        {
            self.error(
                file,
                plugin.name.span(),
                format!("a plugin named `{name}` is already defined"),
                None,
            );
            return None;
        }
        Some(self.add_owner(
            Some(name.clone()),
            plugin.scope_kind,
            file,
            &plugin.commands,
        ))
    }

    pub(super) fn add_owner(
        &mut self,
        plugin: Option<String>,
        scope_kind: ScopeKind,
        file: &SourceFile,
        commands: &[Spanned<String>],
    ) -> usize {
        let owner = self.owners.len();
        let mut indices = Vec::new();
        for command in commands {
            let name = command.get_ref();
            if let Err(message) = check_command_name(name) {
                self.error(file, command.span(), message, None);
                continue;
            }
            if self.command_index.contains_key(&(owner, name.clone())) {
                self.error(
                    file,
                    command.span(),
                    format!("command `{name}` is listed twice"),
                    None,
                );
                continue;
            }
            let index = self.commands.len();
            self.command_index.insert((owner, name.clone()), index);
            self.commands.push(CommandEntry {
                wire_name: wire_command_name(plugin.as_deref(), name).into(),
                owner,
                allows: Vec::new(),
                denies: Vec::new(),
                scopes: Vec::new(),
            });
            indices.push(index);
        }
        self.owners.push(OwnerEntry {
            plugin,
            scope_kind,
            commands: indices,
        });
        owner
    }

    /// `allow-<command>` and `deny-<command>` for every command.
    pub(super) fn generate_command_permissions(&mut self) {
        for owner in 0..self.owners.len() {
            for &command in &self.owners[owner].commands.clone() {
                let name = self.command_name(command).to_string();
                for (permission, allow) in [
                    (allow_permission_name(&name), true),
                    (deny_permission_name(&name), false),
                ] {
                    let (allow, deny) = if allow {
                        (vec![command], vec![])
                    } else {
                        (vec![], vec![command])
                    };
                    self.push_node(
                        owner,
                        permission,
                        None,
                        None,
                        NodeBody::Permission {
                            allow,
                            deny,
                            scope_allow: Arc::new([]),
                            scope_deny: Arc::new([]),
                            active: true,
                        },
                    );
                }
            }
        }
    }

    pub(super) fn push_node(
        &mut self,
        owner: usize,
        name: String,
        description: Option<String>,
        location: Option<Location>,
        body: NodeBody,
    ) -> u32 {
        let index = self.nodes.len() as u32;
        self.node_index.insert((owner, name.clone()), index);
        self.nodes.push(PermissionNode {
            identifier: self.display_id(owner, &name),
            owner,
            description,
            location,
            body,
        });
        index
    }

    /// First pass over a permission file: register every identifier, refusing duplicates.
    pub(super) fn register_nodes(
        &mut self,
        owner: usize,
        file: &SourceFile,
        permissions: &PermissionFile,
    ) -> Pending {
        let placeholder = || NodeBody::Set {
            members: Vec::new(),
        };
        let register = |this: &mut Self, id: &Spanned<String>, description: &Option<String>| {
            let name = id.get_ref();
            if let Err(message) = check_name(name) {
                this.error(file, id.span(), message, None);
                return None;
            }
            if let Some(&existing) = this.node_index.get(&(owner, name.clone())) {
                let help = match &this.nodes[existing as usize].location {
                    Some(location) => {
                        format!("the first definition is at {location}; rename one of them")
                    }
                    None => {
                        format!("`{name}` is generated for a command; choose another identifier")
                    }
                };
                this.error(
                    file,
                    id.span(),
                    format!("`{}` is defined twice", this.display_id(owner, name)),
                    Some(help),
                );
                return None;
            }
            let location = Some(file.location(&id.span()));
            Some(this.push_node(
                owner,
                name.clone(),
                description.clone(),
                location,
                placeholder(),
            ))
        };
        let permissions_pending = permissions
            .permission
            .iter()
            .map(|p| register(self, &p.identifier, &p.description))
            .collect();
        let sets = permissions
            .set
            .iter()
            .map(|s| register(self, &s.identifier, &s.description))
            .collect();
        let default = permissions.default.as_ref().and_then(|d| {
            let span = d.permissions.first().map_or(0..0, |p| p.span());
            register(
                self,
                &Spanned::new(span, "default".to_string()),
                &d.description,
            )
        });
        Pending {
            permissions: permissions_pending,
            sets,
            default,
        }
    }

    /// Second pass: commands, scopes and members of every node registered by the first.
    pub(super) fn fill_nodes(
        &mut self,
        owner: usize,
        file: &SourceFile,
        permissions: &PermissionFile,
        pending: Pending,
    ) {
        for (permission, index) in permissions.permission.iter().zip(pending.permissions) {
            let body = self.permission_body(owner, file, permission);
            let Some(index) = index else { continue };
            self.nodes[index as usize].body = body;
            let scope = &permission.scope;
            if !scope.allow.is_empty() || !scope.deny.is_empty() {
                let unresolved = UnresolvedScope {
                    file: file.clone(),
                    kind: self.owners[owner].scope_kind,
                    owner,
                    allow: scope.allow.clone(),
                    deny: scope.deny.clone(),
                };
                self.unresolved_scopes.insert(index, unresolved);
            }
        }
        for (set, index) in permissions.set.iter().zip(pending.sets) {
            let members = self.references(owner, file, &set.permissions);
            if let Some(index) = index {
                self.nodes[index as usize].body = NodeBody::Set { members };
            }
        }
        if let (Some(default), Some(index)) = (&permissions.default, pending.default) {
            let members = self.references(owner, file, &default.permissions);
            self.nodes[index as usize].body = NodeBody::Set { members };
        }
    }

    pub(super) fn permission_body(
        &mut self,
        owner: usize,
        file: &SourceFile,
        permission: &model::Permission,
    ) -> NodeBody {
        let allow = self.commands_of(owner, file, &permission.commands.allow);
        let deny = self.commands_of(owner, file, &permission.commands.deny);
        // Checked now, against placeholder directories; resolved when a capability uses it.
        let kind = self.owners[owner].scope_kind;
        let dirs = self.placeholder_dirs.clone();
        self.scope_rules(kind, owner, file, &permission.scope.allow, &dirs, None);
        self.scope_rules(kind, owner, file, &permission.scope.deny, &dirs, None);
        let active = permission.platforms.as_ref().is_none_or(|platforms| {
            platforms
                .iter()
                .any(|p| *p.get_ref() == self.options.platform)
        });
        NodeBody::Permission {
            allow,
            deny,
            scope_allow: Arc::new([]),
            scope_deny: Arc::new([]),
            active,
        }
    }

    pub(super) fn commands_of(
        &mut self,
        owner: usize,
        file: &SourceFile,
        names: &[Spanned<String>],
    ) -> Vec<usize> {
        let mut commands = Vec::new();
        for name in names {
            if let Err(message) = check_len(name.get_ref(), MAX_NAME_LEN, "a command name") {
                self.error(file, name.span(), message, None);
                continue;
            }
            match self.command_index.get(&(owner, name.get_ref().clone())) {
                Some(&index) => commands.push(index),
                None => {
                    let (message, help) = self.unknown_command(owner, name.get_ref());
                    self.error(file, name.span(), message, help);
                }
            }
        }
        commands
    }

    pub(super) fn unknown_command(&self, owner: usize, name: &str) -> (String, Option<String>) {
        let whose = match &self.owners[owner].plugin {
            Some(plugin) => format!("the `{plugin}` plugin"),
            None => "this app (`[app] commands` in Rampart.toml)".to_string(),
        };
        let message = format!("`{name}` is not a command of {whose}");
        let as_command = name
            .strip_prefix("allow-")
            .or_else(|| name.strip_prefix("deny-"))
            .map(|c| c.replace('-', "_"))
            .filter(|c| self.command_index.contains_key(&(owner, c.clone())));
        let help = match as_command {
            Some(command) => Some(format!(
                "`{name}` is a permission identifier; here, write the command name `{command}`"
            )),
            None if self.may_suggest() => {
                let names = self.owners[owner]
                    .commands
                    .iter()
                    .map(|&c| self.command_name(c));
                did_you_mean(name, names)
            }
            None => None,
        };
        (message, help)
    }

    pub(super) fn references(
        &mut self,
        owner: usize,
        file: &SourceFile,
        references: &[Spanned<String>],
    ) -> Vec<u32> {
        references
            .iter()
            .filter_map(
                |reference| match self.lookup_reference(owner, reference.get_ref()) {
                    Ok(index) => Some(index),
                    Err((message, help)) => {
                        self.error(file, reference.span(), message, help);
                        None
                    }
                },
            )
            .collect()
    }

    /// Resolves `reference` (bare: `context`'s own; `plugin:name`: the plugin's).
    pub(super) fn lookup_reference(
        &self,
        context: usize,
        reference: &str,
    ) -> Result<u32, (String, Option<String>)> {
        check_reference_len(reference).map_err(|message| (message, None))?;
        if let Some(core) = reference.strip_prefix("core:") {
            return self.tauri_core(context, reference, core);
        }
        let (plugin, name) = split_reference(reference);
        let owner = match plugin {
            None => context,
            Some(plugin) => match self
                .owners
                .iter()
                .position(|o| o.plugin.as_deref() == Some(plugin))
            {
                Some(owner) => owner,
                None => {
                    let plugins = self.owners.iter().filter_map(|o| o.plugin.as_deref());
                    let help = self
                        .may_suggest()
                        .then(|| did_you_mean(plugin, plugins))
                        .flatten();
                    return Err((format!("unknown plugin `{plugin}` in `{reference}`"), help));
                }
            },
        };
        if let Some(&index) = self.node_index.get(&(owner, name.to_string())) {
            return Ok(index);
        }
        let message = format!("unknown permission `{reference}`");
        if self.command_index.contains_key(&(owner, name.to_string())) {
            let allow = self.display_id(owner, &allow_permission_name(name));
            return Err((
                message,
                Some(format!(
                    "`{name}` is a command; the permission that allows it is `{allow}`"
                )),
            ));
        }
        if !self.may_suggest() {
            return Err((message, None));
        }
        let candidates: Vec<&str> = self.nodes.iter().map(|n| n.identifier.as_str()).collect();
        let help = closest(reference, candidates.iter().copied())
            .or_else(|| {
                // A bare name that exists in exactly one plugin: suggest its full identifier.
                let in_plugin = |c: &&str| c.strip_suffix(name).is_some_and(|p| p.ends_with(':'));
                let full: Vec<&str> = candidates.iter().copied().filter(in_plugin).collect();
                (full.len() == 1).then(|| full[0])
            })
            .map(|c| format!("did you mean `{c}`?"));
        Err((message, help))
    }

    /// A permission of the best-known framework's `core` plugin (`core:event:allow-listen`):
    /// the same permission of Rampart's plugin of that name where there is one (`event`,
    /// `path`, `window`), else an error that says what to write instead.
    fn tauri_core(
        &self,
        context: usize,
        reference: &str,
        core: &str,
    ) -> Result<u32, (String, Option<String>)> {
        let plugin = core.split(':').next().unwrap_or(core);
        if matches!(plugin, "event" | "path" | "window") && core.contains(':') {
            return self.lookup_reference(context, core).map_err(|(_, help)| {
                (
                    format!(
                        "`{reference}`: Rampart's `{plugin}` plugin has no permission `{core}`"
                    ),
                    help,
                )
            });
        }
        let help = match plugin {
            "default" => "write `event:default`, `path:default` and `window:default` (and \
                          `channel:default` where the page uses channels): Rampart's core plugins"
                .to_string(),
            "webview" | "app" | "menu" | "tray" | "image" | "resources" => format!(
                "Rampart has no page permissions for `core:{plugin}`: it manages webviews, menus \
                 and the tray from Rust (AppHandle); remove this entry"
            ),
            _ => "Rampart's core plugins are `event`, `path`, `window` and `channel`: write their \
                  permissions (`rampart acl ls` lists them)"
                .to_string(),
        };
        Err((
            format!("`{reference}` is a Tauri core permission Rampart does not have"),
            Some(help),
        ))
    }

    /// Whether one more misspelled name gets a suggestion. A search compares the name with
    /// every candidate: a configuration with thousands of unknown names gets suggestions for
    /// the first [`MAX_SUGGESTIONS`] only, so that reporting them all stays linear.
    pub(super) fn may_suggest(&self) -> bool {
        let left = self.suggestions_left.get();
        self.suggestions_left.set(left.saturating_sub(1));
        left > 0
    }

    pub(super) fn check_set_cycles(&mut self) {
        let mut state = vec![Visit::New; self.nodes.len()];
        for start in 0..self.nodes.len() as u32 {
            if let Some(cycle) = self.find_cycle(start, &mut state) {
                let names: Vec<&str> = cycle
                    .iter()
                    .map(|&n| self.nodes[n as usize].identifier.as_str())
                    .collect();
                let first = &self.nodes[cycle[0] as usize];
                let location = first.location.clone().unwrap_or_else(|| Location {
                    file: "<generated>".into(),
                    line: 1,
                    column: 1,
                });
                let message = format!(
                    "permission sets include each other in a cycle: {}",
                    names.join(" → ")
                );
                let help =
                    Some("a set cannot contain itself; remove one of these references".to_string());
                self.errors.push(ConfigError::at(location, message, help));
            }
        }
    }

    /// A cycle of sets reachable from `start` that no earlier search found, as the path from
    /// its first node back to it. Depth-first with a stack of its own: a chain of sets as long
    /// as the configuration allows cannot overflow the thread's stack.
    pub(super) fn find_cycle(&self, start: u32, state: &mut [Visit]) -> Option<Vec<u32>> {
        if state[start as usize] != Visit::New {
            return None;
        }
        // Each entry: a node on the current path, and how many of its members were visited.
        let mut path: Vec<(u32, usize)> = vec![(start, 0)];
        state[start as usize] = Visit::OnPath;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let members = match &self.nodes[node as usize].body {
                NodeBody::Set { members } => &members[..],
                NodeBody::Permission { .. } => &[],
            };
            let Some(&member) = members.get(*next) else {
                state[node as usize] = Visit::Done;
                path.pop();
                continue;
            };
            *next += 1;
            match state[member as usize] {
                Visit::Done => {}
                Visit::OnPath => {
                    let from = path.iter().position(|&(n, _)| n == member).unwrap_or(0);
                    let mut cycle: Vec<u32> = path[from..].iter().map(|&(n, _)| n).collect();
                    cycle.push(member);
                    // Reported once: everything on the path is settled.
                    path.iter()
                        .for_each(|&(n, _)| state[n as usize] = Visit::Done);
                    return Some(cycle);
                }
                Visit::New => {
                    state[member as usize] = Visit::OnPath;
                    path.push((member, 0));
                }
            }
        }
        None
    }
}

/// Where the search for set cycles stands with a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Visit {
    New,
    OnPath,
    Done,
}

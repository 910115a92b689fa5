//! Resolution: an app's configuration files, once, into an [`Authority`].
//!
//! Every name is checked (identifiers, commands, permission references, plugins), every scope
//! rule is parsed by the scope kind of the commands it restricts, sets are expanded (cycles are
//! errors), and each capability's permissions become per-command rules. All errors are
//! collected; any error means no Authority.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use toml::Spanned;

use super::authority::{
    Authority, CapabilityEntry, CommandEntry, NodeBody, OwnerEntry, PermissionNode, Rule,
    ScopeGrant,
};
use super::identifier::{
    allow_permission_name, check_app_identifier, check_command_name, check_name,
    deny_permission_name, split_reference, wire_command_name,
};
use super::label::{LabelFilter, LabelPattern};
use super::manifest::builtin_plugins;
use super::model::{self, PermissionEntry, PermissionFile, Platform, ScopeEntry};
use super::parse;
use super::scope_rule::{self, ScopeRule};
use crate::diagnostic::{ConfigError, ConfigErrors, Location, SourceFile, closest, did_you_mean};
use crate::scope::{BaseDir, BaseDirs, OriginPattern, ScopeKind};

/// An app's configuration files.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// `Rampart.toml`.
    pub manifest: SourceFile,
    /// `permissions/*.toml`.
    pub permission_files: Vec<SourceFile>,
    /// `capabilities/*.toml` and `*.json` (JSON already translated by
    /// [`parse::json_source`](super::parse::json_source)).
    pub capability_files: Vec<SourceFile>,
}

/// What resolution needs besides the files.
#[derive(Clone, Debug)]
pub struct ResolveOptions {
    /// The directories `$APPDATA`, `$HOME`, ... stand for.
    pub dirs: BaseDirs,
    /// The platform capabilities and permissions are resolved for.
    pub platform: Platform,
    /// Plugin manifests (the built-in plugins by default).
    pub plugins: Vec<SourceFile>,
}

impl ResolveOptions {
    /// The built-in plugins on the current platform, with these directories.
    pub fn new(dirs: BaseDirs) -> Self {
        Self {
            dirs,
            platform: Platform::current(),
            plugins: builtin_plugins(),
        }
    }
}

/// Resolves an app's configuration into an [`Authority`], or reports every error in it.
pub fn resolve(config: &AppConfig, options: &ResolveOptions) -> Result<Authority, ConfigErrors> {
    let mut resolver = Resolver::new(options);
    let manifest = parse::app_manifest(&config.manifest)?;
    resolver.add_app(&config.manifest, &manifest.app);
    let mut permission_files = Vec::new();
    for file in &options.plugins {
        match parse::plugin_manifest(file) {
            Ok(plugin) => {
                let (section, permissions) = plugin.into_parts();
                if let Some(owner) = resolver.add_plugin(file, &section) {
                    permission_files.push((owner, file, permissions));
                }
            }
            Err(error) => resolver.errors.push(error),
        }
    }
    for file in &config.permission_files {
        match parse::permission_file(file) {
            Ok(permissions) => permission_files.push((APP, file, permissions)),
            Err(error) => resolver.errors.push(error),
        }
    }
    resolver.generate_command_permissions();
    let pending: Vec<_> = permission_files
        .iter()
        .map(|(owner, file, permissions)| resolver.register_nodes(*owner, file, permissions))
        .collect();
    for ((owner, file, permissions), pending) in permission_files.iter().zip(pending) {
        resolver.fill_nodes(*owner, file, permissions, pending);
    }
    resolver.check_set_cycles();
    for file in &config.capability_files {
        match parse::capability_file(file) {
            Ok(capabilities) => {
                for capability in &capabilities {
                    resolver.add_capability(file, capability);
                }
            }
            Err(error) => resolver.errors.push(error),
        }
    }
    if !resolver.errors.is_empty() {
        return Err(ConfigErrors {
            errors: resolver.errors,
        });
    }
    Ok(resolver.finish(manifest.app.identifier.into_inner()))
}

/// The app's owner index; plugins follow.
const APP: usize = 0;

struct Resolver<'o> {
    options: &'o ResolveOptions,
    errors: Vec<ConfigError>,
    owners: Vec<OwnerEntry>,
    commands: Vec<CommandEntry>,
    /// (owner, command name) → command index.
    command_index: HashMap<(usize, String), usize>,
    nodes: Vec<PermissionNode>,
    /// (owner, node name) → node index.
    node_index: HashMap<(usize, String), u32>,
    capabilities: Vec<CapabilityEntry>,
    /// Scope rules written inline in capabilities.
    inline_scopes: Vec<InlineScope>,
    /// Scope rules of permissions no capability has used yet, by node.
    unresolved_scopes: HashMap<u32, UnresolvedScope>,
    /// A directory for every base-directory variable, to check rules before they are used.
    placeholder_dirs: BaseDirs,
}

/// Scope rules written on a capability's reference to a permission or set.
struct InlineScope {
    capability: u32,
    node: u32,
    allow: Arc<[ScopeRule]>,
    deny: Arc<[ScopeRule]>,
}

/// The scope rules of a permission, checked but not yet resolved with the real directories:
/// a permission no capability uses may name a directory this machine does not have (e.g. a
/// built-in `fs:scope-resource` without `$RESOURCE`), and that is not an error until it is used.
struct UnresolvedScope {
    file: SourceFile,
    kind: ScopeKind,
    owner: usize,
    allow: Vec<Spanned<ScopeEntry>>,
    deny: Vec<Spanned<ScopeEntry>>,
}

/// Where a node of a permission file was registered: the index for each `[[permission]]`,
/// each `[[set]]` and the `[default]`, or None when registration failed.
struct Pending {
    permissions: Vec<Option<u32>>,
    sets: Vec<Option<u32>>,
    default: Option<u32>,
}

impl<'o> Resolver<'o> {
    fn new(options: &'o ResolveOptions) -> Self {
        Self {
            options,
            errors: Vec::new(),
            owners: Vec::new(),
            commands: Vec::new(),
            command_index: HashMap::new(),
            nodes: Vec::new(),
            node_index: HashMap::new(),
            capabilities: Vec::new(),
            inline_scopes: Vec::new(),
            unresolved_scopes: HashMap::new(),
            placeholder_dirs: BaseDir::ALL.iter().fold(BaseDirs::default(), |dirs, &dir| {
                let name = dir.variable().trim_start_matches('$').to_lowercase();
                dirs.with(dir, format!("/rampart-placeholder/{name}"))
            }),
        }
    }

    fn error(
        &mut self,
        file: &SourceFile,
        span: std::ops::Range<usize>,
        message: String,
        help: Option<String>,
    ) {
        self.errors.push(file.error(span, message, help));
    }

    fn add_app(&mut self, file: &SourceFile, app: &model::AppSection) {
        if let Err(message) = check_app_identifier(app.identifier.get_ref()) {
            self.error(file, app.identifier.span(), message, None);
        }
        let scope_kind = app
            .scope_kind
            .as_ref()
            .map_or(ScopeKind::None, |k| *k.get_ref());
        self.add_owner(None, scope_kind, file, &app.commands);
    }

    fn add_plugin(
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

    fn add_owner(
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
    fn generate_command_permissions(&mut self) {
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

    fn push_node(
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

    fn display_id(&self, owner: usize, name: &str) -> String {
        match &self.owners[owner].plugin {
            Some(plugin) => format!("{plugin}:{name}"),
            None => name.to_string(),
        }
    }

    fn command_name(&self, command: usize) -> &str {
        let wire = &*self.commands[command].wire_name;
        wire.rsplit('|').next().unwrap_or(wire)
    }

    /// First pass over a permission file: register every identifier, refusing duplicates.
    fn register_nodes(
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
    fn fill_nodes(
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

    fn permission_body(
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

    fn commands_of(
        &mut self,
        owner: usize,
        file: &SourceFile,
        names: &[Spanned<String>],
    ) -> Vec<usize> {
        let mut commands = Vec::new();
        for name in names {
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

    fn unknown_command(&self, owner: usize, name: &str) -> (String, Option<String>) {
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
            None => {
                let names = self.owners[owner]
                    .commands
                    .iter()
                    .map(|&c| self.command_name(c));
                did_you_mean(name, names)
            }
        };
        (message, help)
    }

    /// Parses scope rules with `dirs`; `used_by` names the capability that uses them.
    fn scope_rules(
        &mut self,
        kind: ScopeKind,
        owner: usize,
        file: &SourceFile,
        entries: &[Spanned<ScopeEntry>],
        dirs: &BaseDirs,
        used_by: Option<&str>,
    ) -> Vec<ScopeRule> {
        let mut rules = Vec::new();
        for entry in entries {
            match scope_rule::resolve(entry.get_ref(), kind, dirs) {
                Ok(rule) => rules.push(rule),
                Err(error) => {
                    let whose = self.owner_name(owner);
                    let used = used_by
                        .map(|c| format!(" (used by capability `{c}`)"))
                        .unwrap_or_default();
                    self.error(
                        file,
                        entry.span(),
                        format!("invalid scope rule for {whose}{used}: {}", error.message),
                        error.help,
                    );
                }
            }
        }
        rules
    }

    /// Resolves, with the real directories, the scope rules of the permissions `nodes` that no
    /// capability used before.
    fn resolve_used_scopes(&mut self, nodes: &[u32], capability: &str) {
        for node in nodes {
            let Some(scope) = self.unresolved_scopes.remove(node) else {
                continue;
            };
            let dirs = self.options.dirs.clone();
            let allow = self.scope_rules(
                scope.kind,
                scope.owner,
                &scope.file,
                &scope.allow,
                &dirs,
                Some(capability),
            );
            let deny = self.scope_rules(
                scope.kind,
                scope.owner,
                &scope.file,
                &scope.deny,
                &dirs,
                Some(capability),
            );
            if let NodeBody::Permission {
                scope_allow,
                scope_deny,
                ..
            } = &mut self.nodes[*node as usize].body
            {
                *scope_allow = allow.into();
                *scope_deny = deny.into();
            }
        }
    }

    fn owner_name(&self, owner: usize) -> String {
        match &self.owners[owner].plugin {
            Some(plugin) => format!("the `{plugin}` plugin"),
            None => "the app's commands".to_string(),
        }
    }

    fn references(
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
    fn lookup_reference(
        &self,
        context: usize,
        reference: &str,
    ) -> Result<u32, (String, Option<String>)> {
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
                    return Err((
                        format!("unknown plugin `{plugin}` in `{reference}`"),
                        did_you_mean(plugin, plugins),
                    ));
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
        let candidates: Vec<&str> = self.nodes.iter().map(|n| n.identifier.as_str()).collect();
        let help = closest(reference, candidates.iter().copied())
            .or_else(|| {
                // A bare name that exists in exactly one plugin: suggest its full identifier.
                let full: Vec<&str> = candidates
                    .iter()
                    .copied()
                    .filter(|c| c.ends_with(&format!(":{name}")))
                    .collect();
                (full.len() == 1).then(|| full[0])
            })
            .map(|c| format!("did you mean `{c}`?"));
        Err((message, help))
    }

    fn check_set_cycles(&mut self) {
        let mut state = vec![0u8; self.nodes.len()]; // 0 new, 1 on the path, 2 done
        for start in 0..self.nodes.len() {
            let mut path = Vec::new();
            if let Some(cycle) = self.find_cycle(start as u32, &mut state, &mut path) {
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

    fn find_cycle(&self, node: u32, state: &mut [u8], path: &mut Vec<u32>) -> Option<Vec<u32>> {
        match state[node as usize] {
            2 => return None,
            1 => {
                let start = path.iter().position(|&n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node);
                return Some(cycle);
            }
            _ => {}
        }
        state[node as usize] = 1;
        path.push(node);
        if let NodeBody::Set { members } = &self.nodes[node as usize].body {
            for &member in members {
                if let Some(cycle) = self.find_cycle(member, state, path) {
                    state[node as usize] = 2;
                    return Some(cycle);
                }
            }
        }
        path.pop();
        state[node as usize] = 2;
        None
    }

    fn add_capability(&mut self, file: &SourceFile, capability: &model::Capability) {
        let id = &capability.identifier;
        let errors_before = self.errors.len();
        if let Err(message) = check_name(id.get_ref()) {
            self.error(file, id.span(), message, None);
        }
        if let Some(existing) = self
            .capabilities
            .iter()
            .find(|c| c.identifier == *id.get_ref())
        {
            let help = Some(format!(
                "the first definition is at {}; rename one of them",
                existing.location
            ));
            self.error(
                file,
                id.span(),
                format!("capability `{}` is defined twice", id.get_ref()),
                help,
            );
        }
        let windows = self.labels(file, &capability.windows);
        let webviews = self.labels(file, &capability.webviews);
        if capability.windows.is_empty() && capability.webviews.is_empty() {
            self.error(
                file,
                id.span(),
                format!("capability `{}` names no window or webview", id.get_ref()),
                Some("add `windows = [\"main\"]` (label globs such as `*` are allowed)".into()),
            );
        }
        let remote = self.origins(file, capability);
        if !capability.local && remote.is_empty() {
            self.error(
                file,
                id.span(),
                format!("capability `{}` grants to no origin", id.get_ref()),
                Some("set `local = true` for the app's own pages, or add `remote.urls`".into()),
            );
        }
        let active = capability
            .platforms
            .as_ref()
            .is_none_or(|p| p.iter().any(|p| *p.get_ref() == self.options.platform));
        let index = self.capabilities.len() as u32;
        let mut granted = Vec::new();
        for entry in &capability.permissions {
            let Some(node) = self.lookup_entry(file, entry) else {
                continue;
            };
            granted.push(node);
            if let PermissionEntry::Scoped(scoped) = entry.get_ref() {
                let owner = self.nodes[node as usize].owner;
                let kind = self.owners[owner].scope_kind;
                let allow = self.inline_rules(kind, owner, file, entry, &scoped.allow);
                let deny = self.inline_rules(kind, owner, file, entry, &scoped.deny);
                self.inline_scopes.push(InlineScope {
                    capability: index,
                    node,
                    allow: allow.into(),
                    deny: deny.into(),
                });
            }
        }
        let flattened = self.flatten(&granted);
        self.resolve_used_scopes(&flattened, id.get_ref());
        if self.errors.len() > errors_before {
            return;
        }
        self.capabilities.push(CapabilityEntry {
            identifier: id.get_ref().clone(),
            description: capability.description.clone(),
            location: file.location(&id.span()),
            windows,
            webviews,
            local: capability.local,
            remote,
            active,
            granted,
            flattened,
        });
    }

    fn lookup_entry(&mut self, file: &SourceFile, entry: &Spanned<PermissionEntry>) -> Option<u32> {
        match self.lookup_reference(APP, entry.get_ref().identifier()) {
            Ok(node) => Some(node),
            Err((message, help)) => {
                self.error(file, entry.span(), message, help);
                None
            }
        }
    }

    fn inline_rules(
        &mut self,
        kind: ScopeKind,
        owner: usize,
        file: &SourceFile,
        entry: &Spanned<PermissionEntry>,
        rules: &[ScopeEntry],
    ) -> Vec<ScopeRule> {
        let spanned: Vec<Spanned<ScopeEntry>> = rules
            .iter()
            .map(|r| Spanned::new(entry.span(), r.clone()))
            .collect();
        let dirs = self.options.dirs.clone();
        self.scope_rules(kind, owner, file, &spanned, &dirs, None)
    }

    fn labels(&mut self, file: &SourceFile, patterns: &[Spanned<String>]) -> Vec<LabelPattern> {
        patterns
            .iter()
            .filter_map(|p| match LabelPattern::parse(p.get_ref()) {
                Ok(label) => Some(label),
                Err(message) => {
                    self.error(file, p.span(), message, None);
                    None
                }
            })
            .collect()
    }

    fn origins(&mut self, file: &SourceFile, capability: &model::Capability) -> Vec<OriginPattern> {
        let urls = capability.remote.as_ref().map_or(&[][..], |r| &r.urls[..]);
        urls.iter()
            .filter_map(|url| match OriginPattern::parse(url.get_ref()) {
                Ok(pattern) => Some(pattern),
                Err(error) => {
                    self.error(
                        file,
                        url.span(),
                        format!("invalid remote URL: {}", error.message),
                        error.help,
                    );
                    None
                }
            })
            .collect()
    }

    /// The active permissions `nodes` stand for, sets expanded, each once.
    fn flatten(&self, nodes: &[u32]) -> Vec<u32> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut stack: Vec<u32> = nodes.iter().rev().copied().collect();
        while let Some(node) = stack.pop() {
            if !seen.insert(node) {
                continue;
            }
            match &self.nodes[node as usize].body {
                NodeBody::Set { members } => stack.extend(members.iter().rev()),
                NodeBody::Permission { active: true, .. } => out.push(node),
                NodeBody::Permission { active: false, .. } => {}
            }
        }
        out
    }

    /// Builds the per-command rules from the capabilities.
    fn finish(mut self, app_identifier: String) -> Authority {
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

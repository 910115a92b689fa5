//! Resolution: an app's configuration files, once, into an [`Authority`].
//!
//! Every name is checked (identifiers, commands, permission references, plugins), every scope
//! rule is parsed by the scope kind of the commands it restricts, sets are expanded (cycles are
//! errors), and each capability's permissions become per-command rules. All errors are
//! collected; any error means no Authority.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use toml::Spanned;

use super::authority::{
    Authority, CapabilityEntry, CommandEntry, NodeBody, OwnerEntry, PermissionNode, Rule,
    ScopeGrant,
};
use super::identifier::{
    MAX_NAME_LEN, allow_permission_name, check_app_identifier, check_command_name, check_len,
    check_name, check_reference_len, deny_permission_name, split_reference, wire_command_name,
};
use super::label::{LabelFilter, LabelPattern};
use super::manifest::builtin_plugins;
use super::model::{self, PermissionEntry, PermissionFile, Platform, ScopeEntry};
use super::parse;
use super::scope_rule::{self, ScopeRule};
use crate::diagnostic::{ConfigError, ConfigErrors, Location, SourceFile, closest, did_you_mean};
use crate::scope::{BaseDir, BaseDirs, OriginPattern, ScopeKind};

mod capabilities;
mod registry;
mod rules;
mod scopes;

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
    resolver.declared_windows = manifest
        .window
        .iter()
        .map(|window| window.label.get_ref().clone())
        .collect();
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

/// How many misspelled names get a "did you mean" (see [`Resolver::may_suggest`]).
const MAX_SUGGESTIONS: usize = 100;

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
    /// Capability identifier → capability index.
    capability_index: HashMap<String, usize>,
    /// Scope rules written inline in capabilities.
    inline_scopes: Vec<InlineScope>,
    /// Scope rules of permissions no capability has used yet, by node.
    unresolved_scopes: HashMap<u32, UnresolvedScope>,
    /// A directory for every base-directory variable, to check rules before they are used.
    placeholder_dirs: BaseDirs,
    /// How many more misspelled names get a suggestion.
    suggestions_left: Cell<usize>,
    /// The labels of the `[[window]]`s of `Rampart.toml`, which a capability's labels must
    /// match (unchecked when it declares none).
    declared_windows: Vec<String>,
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
            capability_index: HashMap::new(),
            inline_scopes: Vec::new(),
            unresolved_scopes: HashMap::new(),
            placeholder_dirs: BaseDir::ALL.iter().fold(BaseDirs::default(), |dirs, &dir| {
                let name = dir.variable().trim_start_matches('$').to_lowercase();
                dirs.with(dir, format!("/rampart-placeholder/{name}"))
            }),
            suggestions_left: Cell::new(MAX_SUGGESTIONS),
            declared_windows: Vec::new(),
        }
    }

    pub(super) fn error(
        &mut self,
        file: &SourceFile,
        span: std::ops::Range<usize>,
        message: String,
        help: Option<String>,
    ) {
        self.errors.push(file.error(span, message, help));
    }

    pub(super) fn display_id(&self, owner: usize, name: &str) -> String {
        match &self.owners[owner].plugin {
            Some(plugin) => format!("{plugin}:{name}"),
            None => name.to_string(),
        }
    }

    pub(super) fn command_name(&self, command: usize) -> &str {
        let wire = &*self.commands[command].wire_name;
        wire.rsplit('|').next().unwrap_or(wire)
    }

    pub(super) fn owner_name(&self, owner: usize) -> String {
        match &self.owners[owner].plugin {
            Some(plugin) => format!("the `{plugin}` plugin"),
            None => "the app's commands".to_string(),
        }
    }

    /// The active permissions `nodes` stand for, sets expanded, each once.
    pub(super) fn flatten(&self, nodes: &[u32]) -> Vec<u32> {
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
}

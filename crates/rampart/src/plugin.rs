//! Plugins: groups of commands a page calls as `plugin:<name>|<command>`, granted through the
//! permissions of the plugin's manifest (`fs:allow-read-text-file`, `fs:default`, ...).
//!
//! A plugin registers only commands its manifest declares: the manifest is what capabilities
//! grant, so a handler without one could never be called, and a missing handler for a granted
//! command would be `not_found` at run time. Both are start-up errors, like app commands.

use std::sync::Arc;

use rampart_core::acl::Authority;

use crate::command::{Commands, Handler, Handlers};

/// Names the runtime's own plugins use: an app cannot register them.
const RUNTIME_PLUGINS: [&str; 4] = ["event", "channel", "asset", "window"];

/// A plugin's commands, to register with [`Builder::plugin`](crate::Builder::plugin).
///
/// ```
/// use rampart::{Commands, Plugin, Reply};
///
/// #[rampart::command]
/// fn join(parts: Vec<String>) -> String {
///     parts.join("/")
/// }
///
/// let path = Plugin::new("path")
///     .commands(rampart::commands![join])
///     .command("temp_dir", |_call| Reply::json(&std::env::temp_dir()));
/// ```
pub struct Plugin {
    name: String,
    commands: Handlers,
    page_hooks: Vec<Arc<PageHook>>,
}

/// What runs when a webview's page goes away, with the webview's label.
pub(crate) type PageHook = dyn Fn(&str) + Send + Sync;

/// A plugin's commands, called as `plugin:<plugin>|<name>`.
impl Commands for Plugin {
    fn handlers(&mut self) -> &mut Handlers {
        &mut self.commands
    }
}

impl Plugin {
    /// A plugin named `name`: its manifest (built in, such as `fs` or `path`) must declare
    /// every command it registers.
    pub fn new(name: &str) -> Plugin {
        Plugin {
            name: name.to_string(),
            commands: Handlers::new(),
            page_hooks: Vec::new(),
        }
    }

    /// Calls `hook` with a webview's label each time that webview's page goes away: it starts
    /// loading another page (a navigation or a reload), its window closes, or the app exits.
    /// Release there what the page held (its open files, its processes), so nothing outlives
    /// the page that asked for it.
    pub fn on_page_unload(mut self, hook: impl Fn(&str) + Send + Sync + 'static) -> Plugin {
        self.page_hooks.push(Arc::new(hook));
        self
    }

    /// The plugin's page-unload hooks, moved out.
    pub(crate) fn take_page_hooks(&mut self) -> Vec<Arc<PageHook>> {
        std::mem::take(&mut self.page_hooks)
    }

    /// The plugin's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The handlers by the names pages call them with, once checked against `authority`: the
    /// plugin is not one of the runtime's own, it has a manifest, and it declares every command.
    pub(crate) fn checked(self, authority: &Authority) -> Result<Vec<(String, Handler)>, String> {
        if RUNTIME_PLUGINS.contains(&self.name.as_str()) {
            return Err(format!(
                "the `{}` plugin is the runtime's own and cannot be registered",
                self.name
            ));
        }
        self.declared_in(authority)
    }

    /// The handlers of one of the runtime's own plugins, checked against its manifest.
    pub(crate) fn runtime(self, authority: &Authority) -> Result<Vec<(String, Handler)>, String> {
        self.declared_in(authority)
    }

    /// The handlers by the names pages call them with, if the plugin has a manifest that
    /// declares every command.
    fn declared_in(self, authority: &Authority) -> Result<Vec<(String, Handler)>, String> {
        let prefix = format!("plugin:{}|", self.name);
        let declared: Vec<&str> = authority
            .command_names()
            .filter_map(|name| name.strip_prefix(&prefix))
            .collect();
        if declared.is_empty() {
            return Err(format!(
                "plugin `{}` has no manifest: only plugins with a manifest (fs, http, shell, opener, path) can be registered",
                self.name
            ));
        }
        let undeclared: Vec<&str> = self
            .commands
            .keys()
            .map(String::as_str)
            .filter(|name| !declared.contains(name))
            .collect();
        if !undeclared.is_empty() {
            return Err(format!(
                "plugin `{}` registers commands its manifest does not declare: {} (it declares {})",
                self.name,
                undeclared.join(", "),
                declared.join(", ")
            ));
        }
        Ok(self
            .commands
            .into_iter()
            .map(|(name, handler)| (format!("{prefix}{name}"), handler))
            .collect())
    }
}

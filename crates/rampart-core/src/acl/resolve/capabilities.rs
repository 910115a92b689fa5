//! Capabilities: labels, origins, platforms and the permissions they name.

use super::*;

impl Resolver<'_> {
    pub(super) fn add_capability(&mut self, file: &SourceFile, capability: &model::Capability) {
        let id = &capability.identifier;
        let errors_before = self.errors.len();
        if let Err(message) = check_name(id.get_ref()) {
            self.error(file, id.span(), message, None);
        }
        if let Some(&existing) = self.capability_index.get(id.get_ref()) {
            let help = Some(format!(
                "the first definition is at {}; rename one of them",
                self.capabilities[existing].location
            ));
            self.error(
                file,
                id.span(),
                format!("capability `{}` is defined twice", id.get_ref()),
                help,
            );
        }
        let windows = self.labels(file, "window", &capability.windows);
        let webviews = self.labels(file, "webview", &capability.webviews);
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
                let dirs = self.options.dirs.clone();
                let allow = self.scope_rules(kind, owner, file, &scoped.allow, &dirs, None);
                let deny = self.scope_rules(kind, owner, file, &scoped.deny, &dirs, None);
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
        self.capability_index
            .insert(id.get_ref().clone(), self.capabilities.len());
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

    pub(super) fn lookup_entry(
        &mut self,
        file: &SourceFile,
        entry: &Spanned<PermissionEntry>,
    ) -> Option<u32> {
        match self.lookup_reference(APP, entry.get_ref().identifier()) {
            Ok(node) => Some(node),
            Err((message, help)) => {
                self.error(file, entry.span(), message, help);
                None
            }
        }
    }

    /// A capability's `windows` or `webviews` (`kind`): each a valid label glob that matches a
    /// `[[window]]` of `Rampart.toml` (a webview's label is its window's), since the runtime
    /// opens no other; one that matches none would grant nothing, silently.
    pub(super) fn labels(
        &mut self,
        file: &SourceFile,
        kind: &str,
        patterns: &[Spanned<String>],
    ) -> Vec<LabelPattern> {
        let mut labels = Vec::new();
        for written in patterns {
            match LabelPattern::parse(written.get_ref()) {
                Ok(label) => {
                    let declared = &self.declared_windows;
                    let matches = |window: &String| match window.strip_suffix('*') {
                        Some(template) => label.may_match_prefix(template),
                        None => label.matches(window),
                    };
                    if !declared.is_empty() && !declared.iter().any(matches) {
                        let shown: Vec<&str> =
                            declared.iter().take(10).map(String::as_str).collect();
                        let example = match written.get_ref() {
                            glob if glob.contains('*') => "…".to_string(),
                            plain => plain.clone(),
                        };
                        let help = format!(
                            "name a window Rampart.toml declares ({}), or declare it there: \
                             `[[window]] label = \"{example}\"`, with `create = false` if the app \
                             opens it at run time (`AppHandle::open_window`)",
                            shown.join(", ")
                        );
                        self.error(
                            file,
                            written.span(),
                            format!(
                                "{kind} label `{}` matches no window of Rampart.toml: this \
                                 capability would grant nothing there",
                                written.get_ref()
                            ),
                            Some(help),
                        );
                    }
                    labels.push(label);
                }
                Err(message) => self.error(file, written.span(), message, None),
            }
        }
        labels
    }

    pub(super) fn origins(
        &mut self,
        file: &SourceFile,
        capability: &model::Capability,
    ) -> Vec<OriginPattern> {
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
}

//! Scope rules: checked when read, resolved with the real directories when a capability uses
//! them.

use super::*;

impl Resolver<'_> {
    /// Parses scope rules with `dirs`; `used_by` names the capability that uses them.
    pub(super) fn scope_rules(
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
    pub(super) fn resolve_used_scopes(&mut self, nodes: &[u32], capability: &str) {
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
}

//! Suggestions for misspelled names: "did you mean `fs:allow-read-text-file`?", and the keys
//! that are valid but not where the author wrote them.

use crate::acl::identifier::MAX_NAME_LEN;

/// The longest word a suggestion is searched for: a plugin name, `:` and a name. No valid name
/// is longer, and comparing a long word with every candidate would take time for nothing.
const MAX_PLAUSIBLE_LEN: usize = 2 * MAX_NAME_LEN + 1;

/// The candidate closest to `word`, if any is close enough to be a likely typo. Words longer
/// than any valid name get none.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > MAX_PLAUSIBLE_LEN {
        return None;
    }
    // Jaro-Winkler ranks well but scores short words low: one edit also counts as close.
    candidates
        .into_iter()
        .filter(|candidate| candidate.len() <= MAX_PLAUSIBLE_LEN)
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, candidate)| *score >= 0.8 || strsim::osa_distance(word, candidate) <= 1)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" for the candidate closest to `word`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into a suggestion.
pub(crate) fn suggestion_for_serde_message(message: &str) -> Option<String> {
    let is_unknown = message.starts_with("unknown field") || message.starts_with("unknown variant");
    if !is_unknown {
        return None;
    }
    let mut names = message.split('`').skip(1).step_by(2);
    let unknown = names.next()?;
    let expected: Vec<&str> = names.collect();
    if let Some(hint) = misplaced_key_hint(unknown, &expected) {
        return Some(hint);
    }
    did_you_mean(unknown, expected.iter().copied())
        .or_else(|| (!expected.is_empty()).then(|| "remove it, or correct its name".to_string()))
}

/// Keys that are valid Rampart keys, but not where the author put them.
fn misplaced_key_hint(unknown: &str, expected: &[&str]) -> Option<String> {
    let at_permission_file_top = expected.contains(&"permission") && expected.contains(&"set");
    match unknown {
        "scope" if at_permission_file_top => Some(
            "scope rules belong to a permission: write `[[permission.scope.allow]]` or \
             `[[permission.scope.deny]]` after the `[[permission]]` they restrict"
                .to_string(),
        ),
        "commands" if at_permission_file_top => Some(
            "commands belong to a permission: write `commands.allow = [...]` inside a \
             `[[permission]]` table"
                .to_string(),
        ),
        "scope" if expected.contains(&"permissions") => Some(
            "a capability's scope rules are written on the permission they restrict: \
             `permissions = [{ identifier = \"fs:read-files\", allow = [{ path = \"$APPDATA/**\" }] }]`"
                .to_string(),
        ),
        "platform" if expected.contains(&"platforms") => {
            Some("did you mean `platforms`? It takes a list, e.g. `platforms = [\"linux\"]`".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_did_you_mean() {
        let help =
            suggestion_for_serde_message("unknown field `denny`, expected `allow` or `deny`");
        assert_eq!(help.as_deref(), Some("did you mean `deny`?"));
    }

    #[test]
    fn misplaced_scope_table_is_explained() {
        let help = suggestion_for_serde_message(
            "unknown field `scope`, expected one of `default`, `set`, `permission`",
        );
        assert!(help.is_some_and(|h| h.contains("[[permission.scope.deny]]")));
    }

    #[test]
    fn far_away_names_are_not_suggested() {
        assert_eq!(did_you_mean("zzz", ["allow", "deny"]), None);
    }

    #[test]
    fn implausibly_long_names_get_no_suggestion() {
        let long = format!("deny{}", "y".repeat(MAX_PLAUSIBLE_LEN));
        assert_eq!(did_you_mean(&long, ["allow", "deny"]), None);
        let at_limit = format!("fs:{}", "a".repeat(MAX_PLAUSIBLE_LEN - 4));
        let near = format!("fs:{}b", "a".repeat(MAX_PLAUSIBLE_LEN - 4));
        assert_eq!(closest(&at_limit, [near.as_str()]), Some(near.as_str()));
    }
}

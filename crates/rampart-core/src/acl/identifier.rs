//! The names in an app's configuration: app identifiers, command names, permission identifiers.
//!
//! The app's own permissions are bare (`allow-read-note`); a plugin's are `plugin:permission`
//! (`fs:allow-read-text-file`). On the wire, an app command is called by its name (`read_note`)
//! and a plugin command as `plugin:<plugin>|<command>` (`plugin:fs|read_text_file`).

/// Longest identifier or command name accepted.
pub const MAX_NAME_LEN: usize = 100;

/// Longest permission reference accepted: a plugin name, `:` and a name.
pub const MAX_REFERENCE_LEN: usize = 2 * MAX_NAME_LEN + 1;

/// The permission that allows `command`: `read_note` → `allow-read-note`.
pub fn allow_permission_name(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

/// The permission that denies `command`: `read_note` → `deny-read-note`.
pub fn deny_permission_name(command: &str) -> String {
    format!("deny-{}", command.replace('_', "-"))
}

/// The name a command is called by over IPC.
pub fn wire_command_name(plugin: Option<&str>, command: &str) -> String {
    match plugin {
        None => command.to_string(),
        Some(plugin) => format!("plugin:{plugin}|{command}"),
    }
}

/// Checks a permission, set or capability identifier (without its plugin prefix):
/// lowercase ASCII letters, digits and `-`, starting with a letter.
pub fn check_name(name: &str) -> Result<(), String> {
    check_len(name, MAX_NAME_LEN, "an identifier")?;
    let valid_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let starts_with_letter = name.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if !starts_with_letter || !valid_chars || name.ends_with('-') {
        Err(format!(
            "`{name}` is not a valid identifier: use lowercase letters, digits and `-`, \
             starting with a letter"
        ))
    } else {
        Ok(())
    }
}

/// Checks a command name: a snake_case Rust function name.
pub fn check_command_name(name: &str) -> Result<(), String> {
    check_len(name, MAX_NAME_LEN, "a command name")?;
    let valid_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    let starts_well = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
    if !starts_well || !valid_chars {
        Err(format!(
            "`{name}` is not a valid command name: use snake_case (lowercase letters, digits \
             and `_`), as the Rust function is named"
        ))
    } else {
        Ok(())
    }
}

/// Checks an app identifier such as `com.example.notes`: at least two dot-separated labels of
/// ASCII letters, digits and `-`. It names directories, so nothing else is allowed.
pub fn check_app_identifier(identifier: &str) -> Result<(), String> {
    check_len(identifier, 255, "an app identifier")?;
    let labels: Vec<&str> = identifier.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        Err(format!(
            "`{identifier}` is not a valid app identifier: use reverse-DNS form such as \
             `com.example.notes` (letters, digits and `-`, at least two dot-separated parts)"
        ))
    } else {
        Ok(())
    }
}

/// Checks that a permission reference (`name` or `plugin:name`) is no longer than the longest
/// valid one: checked before the reference is looked up or a suggestion searched for.
pub fn check_reference_len(reference: &str) -> Result<(), String> {
    check_len(
        reference,
        MAX_REFERENCE_LEN,
        "a permission identifier (`plugin:name`)",
    )
}

/// Checks that `text` (a `what`) has at most `max` characters, before anything else is checked:
/// the error says how long it is instead of quoting it.
pub fn check_len(text: &str, max: usize, what: &str) -> Result<(), String> {
    // A char has at least one byte: short texts are not counted.
    if text.len() <= max || text.chars().count() <= max {
        return Ok(());
    }
    Err(format!(
        "{what} has at most {max} characters; this one has {}",
        text.chars().count()
    ))
}

/// A permission reference split into its plugin (if any) and name.
pub fn split_reference(reference: &str) -> (Option<&str>, &str) {
    match reference.split_once(':') {
        Some((plugin, name)) => (Some(plugin), name),
        None => (None, reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_permission_names_use_hyphens() {
        assert_eq!(allow_permission_name("read_note"), "allow-read-note");
        assert_eq!(deny_permission_name("read_note"), "deny-read-note");
        assert_eq!(
            wire_command_name(Some("fs"), "read_text_file"),
            "plugin:fs|read_text_file"
        );
    }

    #[test]
    fn names_are_strict() {
        assert!(check_name("notes-reader").is_ok());
        for bad in [
            "",
            "Notes",
            "1x",
            "a_b",
            "a-",
            "a b",
            "fs:x",
            &"a".repeat(101),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(check_command_name("read_note").is_ok());
        for bad in ["", "Read", "read-note", "9x", "a|b"] {
            assert!(check_command_name(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn app_identifiers_cannot_name_other_directories() {
        assert!(check_app_identifier("com.example.notes").is_ok());
        for bad in [
            "notes",
            "com/example",
            "..",
            "com..x",
            "com.example/../x",
            ".com.x",
        ] {
            assert!(check_app_identifier(bad).is_err(), "{bad:?} was accepted");
        }
    }
}

//! Lexical handling of absolute path strings, shared by checked paths, path patterns and shell
//! programs. Nothing here touches the file system: `..` is resolved by popping a component.

/// The longest path accepted, in bytes (`PATH_MAX` on Linux, terminating NUL included).
pub(crate) const MAX_PATH_LEN: usize = 4095;

/// Why a string is not a well-formed absolute path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Malformed {
    /// It does not start with `/`.
    NotAbsolute,
    /// It contains a NUL character.
    Nul,
    /// It contains an empty component (`//`), other than one trailing `/`.
    EmptyComponent,
    /// It is longer than [`MAX_PATH_LEN`].
    TooLong,
}

impl Malformed {
    /// A sentence describing the problem, for error messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Malformed::NotAbsolute => "is not absolute",
            Malformed::Nul => "contains a NUL character",
            Malformed::EmptyComponent => "contains an empty component (`//`)",
            Malformed::TooLong => "is longer than 4095 bytes",
        }
    }

    /// What to write instead, when there is something to say.
    pub(crate) fn help(self) -> Option<&'static str> {
        match self {
            Malformed::NotAbsolute => {
                Some("start it with `/` or a base directory such as `$APPDATA/`")
            }
            Malformed::EmptyComponent => Some("remove the repeated `/`"),
            Malformed::Nul | Malformed::TooLong => None,
        }
    }
}

/// Splits an absolute path into its components, tolerating (and dropping) one trailing `/`.
///
/// `/` has no components. `.` and `..` are returned as they are; the callers decide.
pub(crate) fn split_absolute(path: &str) -> Result<Vec<&str>, Malformed> {
    if path.len() > MAX_PATH_LEN {
        return Err(Malformed::TooLong);
    }
    if path.contains('\0') {
        return Err(Malformed::Nul);
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Malformed::NotAbsolute);
    };
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let parts: Vec<&str> = rest.split('/').collect();
    if parts.iter().any(|c| c.is_empty()) {
        return Err(Malformed::EmptyComponent);
    }
    Ok(parts)
}

/// Joins components into an absolute path: `/` for none.
pub(crate) fn join_absolute<'a>(components: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for c in components {
        out.push('/');
        out.push_str(c);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Normalises components lexically: `.` is dropped and `..` removes the previous component.
///
/// Returns `None` when a `..` would climb above `/`: that is an error, never clamped to `/`.
pub(crate) fn resolve_dots<'a>(components: &[&'a str]) -> Option<Vec<&'a str>> {
    let mut out: Vec<&str> = Vec::with_capacity(components.len());
    for &c in components {
        match c {
            "." => {}
            ".." => {
                out.pop()?;
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_handles_root_and_trailing_slash() {
        assert_eq!(split_absolute("/"), Ok(vec![]));
        assert_eq!(split_absolute("/a/b/"), Ok(vec!["a", "b"]));
        assert_eq!(split_absolute("/a/./.."), Ok(vec!["a", ".", ".."]));
    }

    #[test]
    fn split_rejects_malformed_paths() {
        assert_eq!(split_absolute(""), Err(Malformed::NotAbsolute));
        assert_eq!(split_absolute("a/b"), Err(Malformed::NotAbsolute));
        assert_eq!(split_absolute("//"), Err(Malformed::EmptyComponent));
        assert_eq!(split_absolute("/a//b"), Err(Malformed::EmptyComponent));
        assert_eq!(split_absolute("/a//"), Err(Malformed::EmptyComponent));
        assert_eq!(split_absolute("/a\0b"), Err(Malformed::Nul));
        let long = format!("/{}", "a".repeat(MAX_PATH_LEN));
        assert_eq!(split_absolute(&long), Err(Malformed::TooLong));
    }

    #[test]
    fn dots_resolve_lexically_and_never_clamp() {
        assert_eq!(resolve_dots(&["a", ".", "b", ".."]), Some(vec!["a"]));
        assert_eq!(resolve_dots(&["a", "..", ".."]), None);
        assert_eq!(resolve_dots(&[".."]), None);
    }

    #[test]
    fn join_gives_root_for_nothing() {
        assert_eq!(join_absolute([]), "/");
        assert_eq!(join_absolute(["a", "b"]), "/a/b");
    }
}

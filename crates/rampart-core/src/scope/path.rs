//! Paths a command asks to touch ([`CheckedPath`]) and the globs that allow or deny them
//! ([`PathPattern`]).
//!
//! Matching is lexical; the file system is never consulted here. That is why the fs plugin opens
//! files beneath a directory handle at [`PathPattern::root`] (so symlinks and races cannot leave
//! it) and only uses the pattern to decide which names beneath that handle it may open.

use std::path::{Path, PathBuf};

use super::components::{Malformed, join_absolute, resolve_dots, split_absolute};
use super::wildcard::{Glob, Part};
use super::{BaseDirs, PatternError, shown};

/// A path that a command asks to touch: absolute, valid UTF-8, without NUL, and lexically
/// normalised (no `.`, `..`, repeated or trailing `/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPath {
    path: String,
}

impl CheckedPath {
    /// Expands a leading base-directory variable, then normalises: `.` is dropped and `..`
    /// removes the previous component. One trailing `/` is tolerated.
    ///
    /// Errors: a relative path, a NUL, an empty component (`//`), a `..` that would climb above
    /// `/` (never clamped), more than 4095 bytes, or a variable that cannot be expanded.
    pub fn new(input: &str, dirs: &BaseDirs) -> Result<CheckedPath, PatternError> {
        if input.contains('\0') {
            return Err(PatternError::new(format!(
                "path `{}` contains a NUL character",
                shown(input)
            )));
        }
        let expanded = dirs.expand(input)?;
        let parts = split_absolute(&expanded).map_err(|problem| PatternError {
            message: format!("path `{}` {}", shown(input), problem.describe()),
            help: problem.help().map(str::to_owned),
        })?;
        let resolved = resolve_dots(&parts).ok_or_else(|| {
            PatternError::new(format!(
                "path `{}` climbs above `/` with `..`",
                shown(input)
            ))
        })?;
        Ok(CheckedPath {
            path: join_absolute(resolved),
        })
    }

    /// The path.
    pub fn as_path(&self) -> &Path {
        Path::new(&self.path)
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.path
    }
}

/// A glob over absolute paths, such as `$APPDATA/notes/**`.
///
/// The syntax is that of the `glob` crate: `?`, `*`, `**`, `[abc]`, `[a-z]`, `[!a]`, and `[*]`
/// for a literal `*`. `*`, `?` and `[...]` stay inside one component; `**` (a whole component)
/// spans any number of components, so `/a/**` matches `/a/x` and `/a/x/y` but not `/a`. A
/// component that starts with `.` is matched only by a pattern component that starts with a
/// literal `.`: `/a/*`, `/a/*.env`, `/a/[.]env` and `/a/**` never match `/a/.env`, while
/// `/a/.*` and `/a/.config/**` match dotfiles on purpose. Matching is case-sensitive and takes
/// time proportional to pattern length × path length.
#[derive(Clone, Debug)]
pub struct PathPattern {
    written: String,
    expanded: String,
    matcher: Matcher,
    root: PathBuf,
}

#[derive(Clone, Debug)]
enum Matcher {
    /// A compiled glob.
    Glob(Glob),
    /// Exactly this path (a path that entered the scope at run time).
    Exact(String),
}

impl PathPattern {
    /// Parses a pattern as an app author writes it.
    ///
    /// A leading `$VARIABLE` is replaced by its directory, escaped so that its characters stay
    /// literal. After expansion the pattern must be absolute and must not contain NUL, an empty
    /// component (`//`) or a `..` component; `.` components are removed and one trailing `/` is
    /// dropped.
    pub fn parse(pattern: &str, dirs: &BaseDirs) -> Result<PathPattern, PatternError> {
        if pattern.contains('\0') {
            return Err(PatternError::new(format!(
                "path pattern `{}` contains a NUL character",
                shown(pattern)
            )));
        }
        let expanded = dirs.expand_glob(pattern)?;
        let parts = split_absolute(&expanded).map_err(|problem| {
            let help = match problem {
                Malformed::NotAbsolute if pattern.starts_with('~') => {
                    Some("write `$HOME` instead of `~`")
                }
                _ => problem.help(),
            };
            PatternError {
                message: format!("path pattern `{}` {}", shown(pattern), problem.describe()),
                help: help.map(str::to_owned),
            }
        })?;
        if parts.contains(&"..") {
            return Err(PatternError::new(format!(
                "path pattern `{}` contains a `..` component",
                shown(pattern)
            ))
            .help("a pattern cannot climb out of its directory; write the directory it means"));
        }
        let parts: Vec<&str> = parts.into_iter().filter(|c| *c != ".").collect();
        let expanded = join_absolute(parts.iter().copied());
        let glob = Glob::new(&expanded, true).map_err(|problem| {
            PatternError::new(format!(
                "path pattern `{}` is not a valid glob: {problem}",
                shown(pattern),
            ))
            .help(
                "`*` and `?` match within one component, `**` must be a whole component, \
                 `[...]` must be closed; write `[[]`, `[*]` or `[?]` for a literal `[`, `*` or `?`",
            )
        })?;
        Ok(PathPattern {
            written: pattern.to_owned(),
            root: root_of(&glob),
            expanded,
            matcher: Matcher::Glob(glob),
        })
    }

    /// A pattern that matches exactly `path` and nothing else, for a path that enters a scope at
    /// run time (a file the user picked). Its text is the path escaped for `glob`, so `[`, `*`
    /// and `?` in the name stay literal.
    pub fn literal(path: &CheckedPath) -> PathPattern {
        let escaped = glob::Pattern::escape(path.as_str());
        let root = path.as_path().parent().unwrap_or(Path::new("/"));
        PathPattern {
            written: escaped.clone(),
            expanded: escaped,
            matcher: Matcher::Exact(path.as_str().to_owned()),
            root: root.to_path_buf(),
        }
    }

    /// A pattern that matches what lies beneath the directory `path` (not `path` itself, nor
    /// dotfiles, as every `**`), for a directory that enters a scope at run time with its
    /// contents. Its text is the path escaped for `glob`, then `/**`; its root is `path`.
    pub fn subtree(path: &CheckedPath) -> Result<PathPattern, PatternError> {
        let escaped = glob::Pattern::escape(path.as_str());
        PathPattern::parse(
            &format!("{}/**", escaped.trim_end_matches('/')),
            &BaseDirs::default(),
        )
    }

    /// Whether the pattern matches `path`. Allocates nothing.
    pub fn matches(&self, path: &CheckedPath) -> bool {
        match &self.matcher {
            // `*` and `**` match an empty component, so against `/` they would accept the root
            // itself (`/a/**` does not accept `/a`; likewise `/**` does not accept `/`).
            Matcher::Glob(_) if path.as_str() == "/" => self.expanded == "/",
            // Every match is beneath the root: most paths of a large scope are told apart by a
            // prefix comparison, before the glob runs.
            Matcher::Glob(_) if !self.beneath_root(path.as_str()) => false,
            Matcher::Glob(glob) => glob.matches(path.as_str()),
            Matcher::Exact(exact) => exact == path.as_str(),
        }
    }

    /// Whether `path` is the root or beneath it, compared as text.
    fn beneath_root(&self, path: &str) -> bool {
        let Some(root) = self.root.to_str() else {
            return true;
        };
        match path.strip_prefix(root) {
            Some(rest) => root.ends_with('/') || rest.is_empty() || rest.starts_with('/'),
            None => false,
        }
    }

    /// A directory such that every path the pattern matches is that directory or beneath it: the
    /// longest run of leading components without a wildcard. For a pattern without any wildcard
    /// (a single path, which may be a file) it is that path's parent, so that a directory handle
    /// can always be opened there; for `/` it is `/`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The pattern as the author wrote it, `$VARIABLE` kept.
    pub fn as_written(&self) -> &str {
        &self.written
    }

    /// The pattern after expansion and normalisation, as matched.
    pub fn expanded(&self) -> &str {
        &self.expanded
    }
}

/// The root of a compiled pattern (see [`PathPattern::root`]).
fn root_of(glob: &Glob) -> PathBuf {
    let parts = glob.parts();
    let mut literal: Vec<String> = Vec::new();
    for part in parts {
        match part {
            Part::Segment(segment) => match segment.literal() {
                // `[.][.]` spells `..`: it matches nothing, and must not make the root climb.
                Some(text) if !matches!(text.as_str(), "" | "." | "..") => literal.push(text),
                _ => break,
            },
            Part::Recursive => break,
        }
    }
    if literal.len() == parts.len() {
        literal.pop();
    }
    PathBuf::from(join_absolute(literal.iter().map(String::as_str)))
}

#[cfg(test)]
mod tests {
    use super::super::BaseDir;
    use super::*;

    fn dirs() -> BaseDirs {
        BaseDirs::default()
            .with(BaseDir::AppData, "/home/u/.local/share/id")
            .with(BaseDir::Home, "/home/u")
    }

    fn pattern(p: &str) -> PathPattern {
        PathPattern::parse(p, &dirs()).unwrap_or_else(|e| panic!("{p}: {e:?}"))
    }

    fn path(p: &str) -> CheckedPath {
        CheckedPath::new(p, &dirs()).unwrap_or_else(|e| panic!("{p}: {e:?}"))
    }

    fn accepts(p: &str, candidate: &str) -> bool {
        pattern(p).matches(&path(candidate))
    }

    #[test]
    fn star_never_crosses_a_separator() {
        assert!(accepts("/data/*", "/data/a"));
        assert!(!accepts("/data/*", "/data/a/b"));
        assert!(!accepts("/data/*/x", "/data/a/b/x"));
        assert!(!accepts("/data/a*", "/data/a/b"));
        assert!(!accepts("/data/a?b", "/data/a/b"));
        assert!(PathPattern::parse("/data/a[/]b", &dirs()).is_err());
        assert!(!accepts("/data/a[!x]b", "/data/a/b"));
        assert!(!accepts("/data/*", "/data"));
    }

    #[test]
    fn wildcards_never_accept_the_root_itself() {
        assert!(!accepts("/*", "/"));
        assert!(!accepts("/**", "/"));
        assert!(accepts("/", "/"));
        assert!(accepts("/*", "/a"));
        assert!(accepts("/**", "/a/b"));
    }

    #[test]
    fn double_star_spans_components_but_not_the_directory_itself() {
        assert!(accepts("/a/**", "/a/x"));
        assert!(accepts("/a/**", "/a/x/y/z"));
        assert!(!accepts("/a/**", "/a"));
        assert!(!accepts("/a/**", "/ab"));
        assert!(!accepts("/a/**", "/ab/x"));
        assert!(accepts("/a/**/*.txt", "/a/n.txt"));
        assert!(accepts("/a/**/*.txt", "/a/b/c/n.txt"));
        assert!(!accepts("/a/**/*.txt", "/a/b/n.txt/x"));
    }

    #[test]
    fn wildcards_never_match_dotfiles() {
        for (p, candidate) in [
            ("/data/*", "/data/.env"),
            ("/data/*env", "/data/.env"),
            ("/data/*.env", "/data/.env"),
            ("/data/*[.]env", "/data/.env"),
            ("/data/**/*.pub", "/data/x/.pub"),
            ("/data/**", "/data/.env"),
            ("/data/**", "/data/.git/config"),
            ("/data/**", "/data/x/.ssh/id_rsa"),
            ("/data/**/*", "/data/x/.env"),
            ("/data/**/config", "/data/.git/config"),
            ("/data/?env", "/data/.env"),
            ("/data/[.]env", "/data/.env"),
            ("/data/[!a]env", "/data/.env"),
            ("/data/[.a-z]*", "/data/.env"),
        ] {
            assert!(!accepts(p, candidate), "{p} accepted {candidate}");
        }
        assert!(accepts("/data/.*", "/data/.env"));
        assert!(accepts("/data/.git/**", "/data/.git/config"));
        assert!(accepts("/data/*", "/data/a.env"));
    }

    #[test]
    fn long_paths_cannot_make_matching_explode() {
        // With the `glob` crate this takes minutes; the page chooses the path.
        let p = pattern("/data/*a*a*a*b*/x");
        let long = format!("/data/{}/x", "a".repeat(4000));
        assert!(!p.matches(&path(&long)));
    }

    #[test]
    fn matching_is_case_sensitive() {
        assert!(!accepts("/data/*.TXT", "/data/a.txt"));
        assert!(!accepts("/Data/**", "/data/a"));
    }

    #[test]
    fn variables_expand_and_stay_beneath_their_directory() {
        let p = pattern("$APPDATA/notes/**");
        assert_eq!(p.as_written(), "$APPDATA/notes/**");
        assert_eq!(p.expanded(), "/home/u/.local/share/id/notes/**");
        assert_eq!(p.root(), Path::new("/home/u/.local/share/id/notes"));
        assert!(p.matches(&path("$APPDATA/notes/a.md")));
        assert!(p.matches(&path("/home/u/.local/share/id/notes/a.md")));
        assert!(!p.matches(&path("$APPDATA/other/a.md")));
        assert!(accepts("/x/$APPDATA", "/x/$APPDATA"));
    }

    #[test]
    fn dotdot_in_a_pattern_is_an_error() {
        for p in [
            "$APPDATA/../x",
            "$APPDATA/notes/../../**",
            "/a/..",
            "/..",
            "/a/../b",
        ] {
            let e = PathPattern::parse(p, &dirs()).expect_err(p);
            assert!(e.message.contains("`..`"), "{p}: {}", e.message);
        }
        // A base directory that is not in normal form cannot sneak one in either.
        let odd = BaseDirs::default().with(BaseDir::Home, "/home/u/../../etc");
        assert!(PathPattern::parse("$HOME/**", &odd).is_err());
    }

    #[test]
    fn malformed_patterns_are_errors() {
        for p in [
            "", "notes/**", "*/x", "~/x", "//x", "/a//b", "/a\0b", "/a/**b", "/a/***", "/a/[b",
            "/a/b[/]c", "/a/[]",
        ] {
            assert!(PathPattern::parse(p, &dirs()).is_err(), "{p:?}");
        }
        let e = PathPattern::parse("~/notes", &dirs()).expect_err("tilde");
        assert!(e.help.unwrap_or_default().contains("$HOME"));
    }

    #[test]
    fn dots_and_one_trailing_slash_are_normalised_in_patterns() {
        assert_eq!(pattern("/a/./b/.").expanded(), "/a/b");
        assert_eq!(pattern("/a/b/").expanded(), "/a/b");
        assert_eq!(pattern("$HOME/").expanded(), "/home/u");
        assert!(accepts("/a/./*", "/a/x"));
    }

    #[test]
    fn unknown_or_unresolvable_variables_are_errors() {
        let e = PathPattern::parse("$APPDATE/**", &dirs()).expect_err("typo");
        assert!(
            e.help
                .unwrap_or_default()
                .contains("did you mean `$APPDATA`?")
        );
        let e = PathPattern::parse("$RUNTIME/**", &dirs()).expect_err("unresolvable");
        assert!(e.message.contains("$RUNTIME"));
        assert!(CheckedPath::new("$RUNTIME/x", &dirs()).is_err());
    }

    #[test]
    fn checked_paths_are_normalised_lexically() {
        assert_eq!(path("/a/./b/../c").as_str(), "/a/c");
        assert_eq!(path("/a/b/").as_str(), "/a/b");
        assert_eq!(path("/").as_str(), "/");
        assert_eq!(path("/a/..").as_str(), "/");
        assert_eq!(path("$HOME/x/../y").as_str(), "/home/u/y");
        assert_eq!(path("/a/b").as_path(), Path::new("/a/b"));
        assert_eq!(path("/a/...").as_str(), "/a/...");
    }

    #[test]
    fn traversal_is_resolved_before_matching() {
        let notes = pattern("/data/notes/**");
        let escaped = path("/data/notes/../../etc/passwd");
        assert_eq!(escaped.as_str(), "/etc/passwd");
        assert!(!notes.matches(&escaped));
        assert!(!notes.matches(&path("/data/notes/..")));
        assert!(!pattern("$APPDATA/**").matches(&path("$APPDATA/../../../.ssh/id_rsa")));
    }

    #[test]
    fn malformed_checked_paths_are_errors() {
        for p in [
            "",
            "relative",
            "./a",
            "../a",
            "/..",
            "/a/../..",
            "/a/../../etc",
            "//",
            "/a//b",
            "/a//",
            "/a\0",
            "$NOPE/x",
        ] {
            assert!(CheckedPath::new(p, &dirs()).is_err(), "{p:?}");
        }
        let long = format!("/{}", "a".repeat(5000));
        assert!(CheckedPath::new(&long, &dirs()).is_err());
    }

    #[test]
    fn picked_paths_are_literals() {
        let picked = path("/home/u/a[1]*?.txt");
        let literal = PathPattern::literal(&picked);
        assert!(literal.matches(&picked));
        for other in [
            "/home/u/a1x?.txt",
            "/home/u/a[1]xy.txt",
            "/home/u/a[1]*?.txt/x",
            "/home/u/a[1]*?.tx",
            "/home/u/b",
        ] {
            assert!(!literal.matches(&path(other)), "{other}");
        }
        assert_eq!(literal.as_written(), "/home/u/a[[]1[]][*][?].txt");
        assert_eq!(literal.root(), Path::new("/home/u"));
        // Reparsing the written text gives the same single path.
        let reparsed = pattern(literal.as_written());
        assert!(reparsed.matches(&picked));
        assert!(!reparsed.matches(&path("/home/u/a1x?.txt")));
        assert_eq!(reparsed.root(), Path::new("/home/u"));
    }

    #[test]
    fn picked_dotfiles_and_root_are_literals_too() {
        let dotfile = path("/home/u/.config/x");
        assert!(PathPattern::literal(&dotfile).matches(&dotfile));
        let root = path("/");
        let literal = PathPattern::literal(&root);
        assert!(literal.matches(&root));
        assert!(!literal.matches(&path("/a")));
        assert_eq!(literal.root(), Path::new("/"));
    }

    #[test]
    fn base_directories_with_glob_characters_stay_literal() {
        let dirs = BaseDirs::default().with(BaseDir::Home, "/home/[ab]*");
        let p = PathPattern::parse("$HOME/*", &dirs).expect("parses");
        assert_eq!(p.root(), Path::new("/home/[ab]*"));
        let inside = CheckedPath::new("$HOME/x", &dirs).expect("path");
        assert!(p.matches(&inside));
        let other = CheckedPath::new("/home/a/x", &dirs).expect("path");
        assert!(!p.matches(&other));
        let other = CheckedPath::new("/home/[ab]zzz/x", &dirs).expect("path");
        assert!(!p.matches(&other));
    }

    #[test]
    fn roots() {
        for (p, root) in [
            ("/a/b/**", "/a/b"),
            ("/a/b/*.txt", "/a/b"),
            ("/a/b*/c", "/a"),
            ("/a/[bc]/d", "/a"),
            ("/a/[b]/d/*", "/a/b/d"),
            ("/a/[!b]/d", "/a"),
            ("/a/b/c.txt", "/a/b"),
            ("/a", "/"),
            ("/", "/"),
            ("/**", "/"),
            ("/a/x]y/*", "/a/x]y"),
            ("$HOME/.config/app/**", "/home/u/.config/app"),
            ("/a/[.][.]/b/*", "/a"),
            ("/a/[.]/b/*", "/a"),
        ] {
            assert_eq!(pattern(p).root(), Path::new(root), "{p}");
        }
    }
}

//! Property tests of the scope matchers: whatever the input, what a pattern accepts stays
//! inside it, and nothing panics.

use std::path::{Component, Path};

use proptest::prelude::*;
use rampart_core::scope::{
    BaseDir, BaseDirs, CheckedPath, OriginPattern, PathPattern, ShellArgSpec, ShellProgram,
    UrlPattern, parse_user_dirs,
};
use url::Url;

const APPDATA: &str = "/home/u/.local/share/com.example.app";

fn dirs() -> BaseDirs {
    BaseDirs::default()
        .with(BaseDir::Home, "/home/u")
        .with(BaseDir::AppData, APPDATA)
}

/// A path component, biased towards the interesting ones: dots, dotfiles, glob characters.
fn component() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-c]{1,3}",
        2 => "\\.[a-c]{0,2}",
        1 => Just(".".to_owned()),
        1 => Just("..".to_owned()),
        2 => "[a-c.*?\\[\\]!$]{1,4}",
    ]
}

/// Text for a checked path: absolute, with any of the components above.
fn path_text() -> impl Strategy<Value = String> {
    prop::collection::vec(component(), 0..7).prop_map(|parts| format!("/{}", parts.join("/")))
}

/// A component of a glob pattern, with or without a literal dot.
fn glob_component(dots: bool) -> BoxedStrategy<String> {
    let chars = if dots {
        "[a-c.*?\\[\\]!]{1,4}"
    } else {
        "[a-c*?\\[\\]!]{1,4}"
    };
    prop_oneof![
        3 => "[a-c]{1,2}",
        1 => Just("*".to_owned()),
        1 => Just("**".to_owned()),
        3 => chars,
    ]
    .boxed()
}

/// Pattern text: a prefix (`/`, `$HOME`, `$APPDATA`) and glob components.
fn pattern_text() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just("".to_owned()),
        Just("$HOME".to_owned()),
        Just("$APPDATA".to_owned())
    ];
    (prefix, prop::collection::vec(glob_component(true), 0..5))
        .prop_map(|(prefix, parts)| format!("{prefix}/{}", parts.join("/")))
}

fn checked(text: &str) -> Option<CheckedPath> {
    CheckedPath::new(text, &dirs()).ok()
}

fn allowed(path: &CheckedPath, allows: &[PathPattern], denies: &[PathPattern]) -> bool {
    allows.iter().any(|p| p.matches(path)) && !denies.iter().any(|p| p.matches(path))
}

fn patterns(texts: &[String]) -> Vec<PathPattern> {
    texts
        .iter()
        .filter_map(|t| PathPattern::parse(t, &dirs()).ok())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn accepted_paths_are_beneath_the_root(pattern in pattern_text(), candidate in path_text()) {
        let (Ok(pattern), Some(path)) = (PathPattern::parse(&pattern, &dirs()), checked(&candidate)) else {
            return Ok(());
        };
        // The root is a plain absolute directory: a handle opened there cannot climb.
        prop_assert!(pattern.root().is_absolute());
        prop_assert!(pattern.root().components().all(|c| matches!(c, Component::RootDir | Component::Normal(_))));
        if pattern.matches(&path) {
            prop_assert!(path.as_path().starts_with(pattern.root()), "{:?} root {:?}", path, pattern.root());
            if pattern.as_written().starts_with("$APPDATA") {
                prop_assert!(path.as_path().starts_with(APPDATA));
            }
        }
    }

    #[test]
    fn paths_beneath_the_base_directory_stay_there(rest in path_text(), tail in "[a-c]{1,3}") {
        // `$APPDATA/...` with any `..` either fails or stays matched only if it stays beneath.
        let pattern = PathPattern::parse("$APPDATA/**", &dirs()).expect("pattern");
        if let Ok(path) = CheckedPath::new(&format!("$APPDATA{rest}/{tail}"), &dirs()) {
            prop_assert_eq!(pattern.matches(&path), path.as_path().starts_with(APPDATA)
                && path.as_path() != Path::new(APPDATA)
                && !path.as_str()[APPDATA.len()..].contains("/."));
        }
    }

    #[test]
    fn single_star_components_never_accept_one_more(
        parts in prop::collection::vec(glob_component(true).prop_filter("no `**`, no `.`", |c| c != "**" && c != "."), 0..4),
        candidate in path_text(),
    ) {
        let text = format!("/{}", parts.iter().map(String::as_str).chain(["*"]).collect::<Vec<_>>().join("/"));
        let (Ok(pattern), Some(path)) = (PathPattern::parse(&text, &dirs()), checked(&candidate)) else {
            return Ok(());
        };
        if pattern.matches(&path) {
            prop_assert_eq!(path.as_path().components().count(), parts.len() + 2, "{} {}", text, path.as_str());
        }
    }

    #[test]
    fn wildcards_never_accept_a_leading_dot(
        parts in prop::collection::vec(glob_component(false), 1..5),
        candidate in path_text(),
    ) {
        let text = format!("/{}", parts.join("/"));
        let (Ok(pattern), Some(path)) = (PathPattern::parse(&text, &dirs()), checked(&candidate)) else {
            return Ok(());
        };
        if path.as_str().contains("/.") {
            prop_assert!(!pattern.matches(&path), "{} accepted {}", text, path.as_str());
        }
    }

    #[test]
    fn adding_a_deny_never_widens(
        allows in prop::collection::vec(pattern_text(), 0..4),
        denies in prop::collection::vec(pattern_text(), 0..4),
        extra in pattern_text(),
        candidate in path_text(),
    ) {
        let Some(path) = checked(&candidate) else { return Ok(()); };
        let allows = patterns(&allows);
        let denies = patterns(&denies);
        let mut more = denies.clone();
        more.extend(patterns(&[extra]));
        if allowed(&path, &allows, &more) {
            prop_assert!(allowed(&path, &allows, &denies));
        }
    }

    #[test]
    fn normalisation_is_idempotent_and_complete(candidate in path_text()) {
        if let Some(path) = checked(&candidate) {
            let text = path.as_str();
            prop_assert!(text.starts_with('/'));
            prop_assert!(text == "/" || !text.ends_with('/'));
            prop_assert!(!text.contains("//"));
            prop_assert!(text.split('/').skip(1).all(|c| c != "." && c != ".."), "{}", text);
            let again = checked(text).expect("a checked path checks");
            prop_assert_eq!(again, path);
        }
    }

    #[test]
    fn checked_paths_never_panic(input in any::<String>()) {
        let _ = CheckedPath::new(&input, &dirs());
        let _ = CheckedPath::new(&format!("/{input}"), &dirs());
        let _ = CheckedPath::new(&format!("$APPDATA/{input}"), &dirs());
    }

    #[test]
    fn patterns_never_panic(input in any::<String>(), candidate in path_text()) {
        if let (Ok(p), Some(path)) = (PathPattern::parse(&format!("/{input}"), &dirs()), checked(&candidate)) {
            let _ = p.matches(&path);
        }
        let _ = PathPattern::parse(&input, &dirs());
        let _ = UrlPattern::parse(&input);
        let _ = OriginPattern::parse(&input);
        let _ = parse_user_dirs(&input);
        let _ = ShellProgram::new(&input, &input, &[ShellArgSpec::Regex(&input), ShellArgSpec::Path(&input)], &dirs());
    }

    #[test]
    fn literals_accept_exactly_their_path(a in path_text(), b in path_text()) {
        let (Some(a), Some(b)) = (checked(&a), checked(&b)) else { return Ok(()); };
        let literal = PathPattern::literal(&a);
        prop_assert!(literal.matches(&a));
        prop_assert_eq!(literal.matches(&b), a == b);
        prop_assert!(a.as_path().starts_with(literal.root()));
        // The written form reparses to the same single path.
        let reparsed = PathPattern::parse(literal.as_written(), &dirs()).expect("escaped text parses");
        prop_assert!(reparsed.matches(&a));
        prop_assert_eq!(reparsed.matches(&b), a == b);
    }

    #[test]
    fn one_star_label_is_one_label(
        labels in prop::collection::vec("[a-z0-9-]{0,4}", 0..4),
        suffix in prop_oneof![
            Just(".example.com"), Just("example.com"), Just(".example.com."),
            Just(".EXAMPLE.com"), Just(".example.com.evil.com"), Just(".evil.com"),
            Just(".examplexcom"), Just(""),
        ],
    ) {
        let host = format!("{}{suffix}", labels.join("."));
        let Ok(url) = Url::parse(&format!("https://{host}/")) else { return Ok(()); };
        let pattern = UrlPattern::parse("https://*.example.com").expect("pattern");
        if pattern.matches(&url) {
            let host = url.host_str().unwrap_or_default();
            let extra = host.strip_suffix(".example.com");
            prop_assert!(extra.is_some_and(|l| !l.is_empty() && !l.contains('.')), "{}", host);
        }
    }

    #[test]
    fn userinfo_is_never_accepted(
        pattern in prop_oneof![
            Just("https://*"), Just("https://*:*"), Just("*.example.com"), Just("example.com/**"),
            Just("http://*.example.com:*"), Just("https://example.com?*"), Just("https://127.0.0.1"),
        ],
        host in prop_oneof![Just("example.com"), Just("a.example.com"), Just("127.0.0.1")],
        user in "[a-z:@%.]{0,4}",
        password in proptest::option::of("[a-z:@%.]{0,4}"),
        scheme in prop_oneof![Just("https"), Just("http")],
    ) {
        let Ok(mut url) = Url::parse(&format!("{scheme}://{host}/x?y")) else { return Ok(()); };
        let _ = url.set_username(&user);
        let _ = url.set_password(password.as_deref());
        if url.username().is_empty() && url.password().is_none() {
            return Ok(());
        }
        let pattern = UrlPattern::parse(pattern).expect("pattern");
        prop_assert!(!pattern.matches(&url), "{}", url);
        if let Ok(origin) = OriginPattern::parse("https://*.example.com") {
            prop_assert!(!origin.matches(&url), "{}", url);
        }
    }

    #[test]
    fn url_path_star_matches_exactly_what_lies_beneath_its_prefix(
        segments in prop::collection::vec("[a-z.%0-9]{0,3}", 1..4),
        prefix in "(api|apix|ap|admin)",
    ) {
        let url = Url::parse(&format!("https://example.com/{prefix}/{}", segments.join("/"))).expect("url");
        let pattern = UrlPattern::parse("https://example.com/api/*").expect("pattern");
        // After normalisation (`..` may climb out), the URL is granted exactly when its path
        // still starts with `/api/`.
        prop_assert_eq!(pattern.matches(&url), url.path().starts_with("/api/"), "{}", url);
    }
}

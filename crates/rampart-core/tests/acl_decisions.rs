//! Decisions, tried as attacks: each test sets up what an author wrote and checks that a call
//! the author did not grant is refused, for the right reason.

mod common;

use common::{app, app_on, dirs, local, valid};
use rampart_core::acl::model::Platform;
use rampart_core::acl::{DenialReason, Facts, Origin, ScopeVerdict};
use rampart_core::scope::CheckedPath;
use url::Url;

fn code(authority: &rampart_core::acl::Authority, facts: Facts<'_>, command: &str) -> &'static str {
    match authority.decide(facts, command) {
        Ok(_) => "granted",
        Err(denial) => denial.code(),
    }
}

fn path(text: &str) -> CheckedPath {
    CheckedPath::new(text, &dirs()).expect("valid path")
}

#[test]
fn app_commands_are_denied_by_default() {
    let authority = valid(app(&["read_note", "save_note"], &[], &[]));
    assert_eq!(code(&authority, local("main"), "read_note"), "not_granted");
    let authority = valid(app(
        &["read_note", "save_note"],
        &[],
        &[(
            "c.toml",
            "identifier = \"c\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
        )],
    ));
    assert_eq!(code(&authority, local("main"), "read_note"), "granted");
    assert_eq!(code(&authority, local("main"), "save_note"), "not_granted");
}

#[test]
fn an_empty_capability_grants_nothing() {
    let authority = valid(app(
        &["read_note"],
        &[],
        &[(
            "c.toml",
            "identifier = \"c\"\nwindows = [\"*\"]\npermissions = []\n",
        )],
    ));
    assert_eq!(code(&authority, local("main"), "read_note"), "not_granted");
    assert_eq!(
        code(&authority, local("main"), "plugin:fs|read_file"),
        "not_granted"
    );
}

#[test]
fn unknown_commands_are_refused() {
    let authority = valid(app(&["read_note"], &[], &[]));
    for command in [
        "nope",
        "",
        "plugin:fs|nope",
        "plugin:nope|read_file",
        "read_note ",
        "READ_NOTE",
    ] {
        assert_eq!(
            code(&authority, local("main"), command),
            "unknown_command",
            "{command:?}"
        );
    }
}

#[test]
fn a_command_deny_beats_every_allow() {
    let permissions = "[[permission]]\nidentifier = \"no-save\"\ncommands.deny = [\"save_note\"]\n";
    let authority = valid(app(
        &["save_note"],
        &[permissions],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"allow-save-note\"]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"*\"]\npermissions = [\"no-save\"]\n",
            ),
        ],
    ));
    let denial = authority
        .decide(local("main"), "save_note")
        .expect_err("deny must win");
    assert_eq!(
        denial.reason,
        DenialReason::DeniedBy {
            capability: "b",
            permission: "no-save"
        }
    );
}

#[test]
fn a_deny_for_other_windows_does_not_apply() {
    let authority = valid(app(
        &["save_note"],
        &[],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"allow-save-note\"]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"other\"]\npermissions = [\"deny-save-note\"]\n",
            ),
        ],
    ));
    assert_eq!(code(&authority, local("main"), "save_note"), "granted");
    assert_eq!(code(&authority, local("other"), "save_note"), "denied");
}

#[test]
fn webview_labels_are_facts_of_their_own() {
    let authority = valid(app(
        &["read_note"],
        &[],
        &[(
            "c.toml",
            "identifier = \"c\"\nwebviews = [\"editor\"]\npermissions = [\"allow-read-note\"]\n",
        )],
    ));
    let facts = |window, webview| Facts {
        window,
        webview,
        origin: &Origin::Local,
    };
    assert_eq!(
        code(&authority, facts("main", "editor"), "read_note"),
        "granted"
    );
    assert_eq!(
        code(&authority, facts("editor", "main"), "read_note"),
        "not_granted"
    );
}

#[test]
fn label_globs_match_whole_labels() {
    let authority = valid(app(
        &["read_note"],
        &[],
        &[(
            "c.toml",
            "identifier = \"c\"\nwindows = [\"doc-*\"]\npermissions = [\"allow-read-note\"]\n",
        )],
    ));
    assert_eq!(code(&authority, local("doc-1"), "read_note"), "granted");
    for label in ["doc", "xdoc-1", "main", "Doc-1"] {
        assert_eq!(
            code(&authority, local(label), "read_note"),
            "not_granted",
            "{label}"
        );
    }
}

fn remote_app() -> rampart_core::acl::Authority {
    valid(app(
        &["list_notes"],
        &[],
        &[(
            "c.toml",
            "identifier = \"docs\"\nwindows = [\"help\"]\nlocal = false\n\
             remote.urls = [\"https://docs.example.com\"]\npermissions = [\"allow-list-notes\"]\n",
        )],
    ))
}

#[test]
fn remote_origins_are_compared_exactly() {
    let authority = remote_app();
    let call = |origin: &str| {
        let url = Url::parse(origin).expect("valid URL");
        let facts = Facts {
            window: "help",
            webview: "help",
            origin: &Origin::Remote(url),
        };
        code(&authority, facts, "list_notes")
    };
    assert_eq!(call("https://docs.example.com"), "granted");
    for lookalike in [
        "https://docs.example.com.evil.com",
        "https://evil.com",
        "https://evildocs.example.com",
        "http://docs.example.com",
        "https://docs.example.com:8443",
        "https://a.docs.example.com",
    ] {
        assert_eq!(call(lookalike), "origin_not_allowed", "{lookalike}");
    }
}

#[test]
fn a_remote_only_capability_refuses_the_local_origin() {
    let authority = remote_app();
    assert_eq!(
        code(&authority, local("help"), "list_notes"),
        "origin_not_allowed"
    );
}

#[test]
fn local_capabilities_refuse_remote_origins() {
    let authority = valid(app(
        &["read_note"],
        &[],
        &[(
            "c.toml",
            "identifier = \"c\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
        )],
    ));
    let url = Url::parse("https://example.com").expect("valid URL");
    let facts = Facts {
        window: "main",
        webview: "main",
        origin: &Origin::Remote(url),
    };
    assert_eq!(code(&authority, facts, "read_note"), "origin_not_allowed");
}

#[test]
fn platforms_are_honoured() {
    let permissions = "[[permission]]\nidentifier = \"mac-only\"\ncommands.allow = [\"save_note\"]\nplatforms = [\"macOS\"]\n";
    let capabilities = [
        (
            "a.toml",
            "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"mac-only\"]\n",
        ),
        (
            "b.toml",
            "identifier = \"b\"\nwindows = [\"main\"]\nplatforms = [\"windows\"]\npermissions = [\"allow-read-note\"]\n",
        ),
    ];
    let on = |platform| {
        valid(app_on(
            platform,
            &["read_note", "save_note"],
            &[permissions],
            &capabilities,
        ))
    };
    let linux = on(Platform::Linux);
    assert_eq!(code(&linux, local("main"), "save_note"), "not_granted");
    assert_eq!(code(&linux, local("main"), "read_note"), "not_granted");
    assert_eq!(
        code(&on(Platform::MacOs), local("main"), "save_note"),
        "granted"
    );
    assert_eq!(
        code(&on(Platform::Windows), local("main"), "read_note"),
        "granted"
    );
}

#[test]
fn plugin_commands_are_called_by_their_wire_name() {
    let authority = valid(app(
        &[],
        &[],
        &[(
            "c.toml",
            "identifier = \"c\"\nwindows = [\"main\"]\npermissions = [\"fs:read-files\"]\n",
        )],
    ));
    assert_eq!(
        code(&authority, local("main"), "plugin:fs|read_text_file"),
        "granted"
    );
    assert_eq!(
        code(&authority, local("main"), "plugin:fs|write_text_file"),
        "not_granted"
    );
    assert_eq!(
        code(&authority, local("main"), "read_text_file"),
        "unknown_command"
    );
}

/// Two windows, one with a scope: the other window's grant must not inherit it.
#[test]
fn a_scope_never_leaks_to_another_window() {
    let authority = valid(app(
        &[],
        &[],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"fs:read-files\", \"fs:scope-home-recursive\"]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"other\"]\npermissions = [\"fs:read-files\"]\n",
            ),
        ],
    ));
    let secret = path("/home/u/.ssh/id_rsa");
    let notes = path("/home/u/notes/a.md");
    let main = authority
        .decide(local("main"), "plugin:fs|read_file")
        .expect("granted");
    assert!(main.scope().check_path(&notes).is_allowed());
    assert!(
        !main.scope().check_path(&secret).is_allowed(),
        "`**` must not match dotfiles"
    );
    let other = authority
        .decide(local("other"), "plugin:fs|read_file")
        .expect("granted");
    assert!(other.scope().is_empty());
    assert!(matches!(
        other.scope().check_path(&notes),
        ScopeVerdict::OutOfScope
    ));
}

#[test]
fn inline_scopes_apply_to_their_capability_only() {
    let authority = valid(app(
        &[],
        &[],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\"]\n\
                 permissions = [{ identifier = \"fs:allow-read-file\", allow = [{ path = \"$HOME/a/**\" }] }]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"other\"]\n\
                 permissions = [{ identifier = \"fs:allow-read-file\", allow = [{ path = \"$HOME/b/**\" }] }]\n",
            ),
        ],
    ));
    let main = authority
        .decide(local("main"), "plugin:fs|read_file")
        .expect("granted");
    assert!(main.scope().check_path(&path("/home/u/a/x")).is_allowed());
    assert!(!main.scope().check_path(&path("/home/u/b/x")).is_allowed());
    let other = authority
        .decide(local("other"), "plugin:fs|read_file")
        .expect("granted");
    assert!(other.scope().check_path(&path("/home/u/b/x")).is_allowed());
    assert!(!other.scope().check_path(&path("/home/u/a/x")).is_allowed());
}

#[test]
fn a_scope_on_one_command_does_not_widen_another() {
    let authority = valid(app(
        &[],
        &[],
        &[(
            "a.toml",
            "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\n\
             { identifier = \"fs:allow-read-file\", allow = [{ path = \"$HOME/**\" }] },\n\
             { identifier = \"fs:allow-write-file\", allow = [{ path = \"$HOME/out/**\" }] },\n]\n",
        )],
    ));
    let write = authority
        .decide(local("main"), "plugin:fs|write_file")
        .expect("granted");
    assert!(
        write
            .scope()
            .check_path(&path("/home/u/out/x"))
            .is_allowed()
    );
    assert!(
        !write
            .scope()
            .check_path(&path("/home/u/notes/x"))
            .is_allowed()
    );
}

#[test]
fn a_scope_deny_beats_every_allow_even_from_another_capability() {
    let authority = valid(app(
        &[],
        &[],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"fs:read-files\", \"fs:scope-home-recursive\"]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"*\"]\n\
                 permissions = [{ identifier = \"fs:read-files\", deny = [{ path = \"$HOME/private/**\" }] }]\n",
            ),
        ],
    ));
    let grant = authority
        .decide(local("main"), "plugin:fs|read_file")
        .expect("granted");
    assert!(matches!(
        grant.scope().check_path(&path("/home/u/private/k")),
        ScopeVerdict::Denied(_)
    ));
    assert!(
        grant
            .scope()
            .check_path(&path("/home/u/public/k"))
            .is_allowed()
    );
}

#[test]
fn scope_only_permissions_through_sets_stay_in_their_capability() {
    let permissions = "[[set]]\nidentifier = \"home-reader\"\npermissions = [\"fs:read-files\", \"fs:scope-home-recursive\"]\n";
    let authority = valid(app(
        &[],
        &[permissions],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"home-reader\"]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"other\"]\npermissions = [\"fs:read-files\"]\n",
            ),
        ],
    ));
    let notes = path("/home/u/notes/a.md");
    let main = authority
        .decide(local("main"), "plugin:fs|read_file")
        .expect("granted");
    assert!(main.scope().check_path(&notes).is_allowed());
    let other = authority
        .decide(local("other"), "plugin:fs|read_file")
        .expect("granted");
    assert!(!other.scope().check_path(&notes).is_allowed());
}

#[test]
fn an_empty_scope_allows_nothing() {
    let authority = valid(app(
        &[],
        &[],
        &[(
            "a.toml",
            "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [\"http:default\"]\n",
        )],
    ));
    let grant = authority
        .decide(local("main"), "plugin:http|fetch")
        .expect("granted");
    let url = Url::parse("https://example.com/").expect("valid URL");
    assert!(grant.scope().is_empty());
    assert!(matches!(
        grant.scope().check_url(&url),
        ScopeVerdict::OutOfScope
    ));
}

#[test]
fn shell_scopes_check_the_program_and_every_argument() {
    let authority = valid(app(
        &[],
        &[],
        &[(
            "a.toml",
            "identifier = \"a\"\nwindows = [\"main\"]\npermissions = [{ identifier = \"shell:allow-execute\", allow = [\n\
             { name = \"git-status\", cmd = \"/usr/bin/git\", args = [\"status\", { validator = \"--(short|long)\" }] },\n]}]\n",
        )],
    ));
    let grant = authority
        .decide(local("main"), "plugin:shell|execute")
        .expect("granted");
    let scope = grant.scope();
    assert!(
        scope
            .check_program("git-status", &["status", "--short"])
            .is_allowed()
    );
    assert!(
        !scope
            .check_program("git-status", &["status", "--short; rm -rf /"])
            .is_allowed()
    );
    assert!(!scope.check_program("git-status", &["status"]).is_allowed());
    assert!(
        !scope
            .check_program("git-status", &["status", "--short", "--extra"])
            .is_allowed()
    );
    assert!(
        !scope
            .check_program("git", &["status", "--short"])
            .is_allowed()
    );
}

#[test]
fn explain_reaches_the_same_decision_and_says_what_would_grant() {
    let authority = valid(app(
        &["read_note", "save_note"],
        &[
            "[[set]]\nidentifier = \"editor\"\npermissions = [\"allow-read-note\", \"allow-save-note\"]\n",
        ],
        &[(
            "c.toml",
            "identifier = \"c\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
        )],
    ));
    let denied = authority.explain(local("main"), "save_note", None);
    assert!(!denied.allowed);
    assert_eq!(denied.code, "not_granted");
    let hint = denied.hints.join("\n");
    assert!(
        hint.contains("`allow-save-note`") && hint.contains("`editor`"),
        "{hint}"
    );
    let allowed = authority.explain(local("main"), "read_note", None);
    assert!(allowed.allowed);
    assert_eq!(
        allowed.capabilities[0].allows,
        vec!["allow-read-note".to_string()]
    );
}

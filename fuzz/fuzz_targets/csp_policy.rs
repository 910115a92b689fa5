//! `[security] csp` through `app::app_info`: the input is the policy string, written into a
//! `Rampart.toml` (as a plain TOML string, escaped where it must be); an input that starts with
//! `[` is TOML of its own, appended to the manifest as written (for the table form). Never a
//! panic; findings locate themselves in the manifest; a policy that is accepted makes headers
//! that fit in an HTTP header (visible ASCII and spaces: no control character, no newline, no
//! comma that would start a second policy), one directive per `;`, each directive once, the
//! page's hashes and nonce only in `script-src` and `style-src`. The window guard decides any
//! text as a URL under the policy, and never takes a look-alike of the app for it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::app::app_info;
use rampart_core::csp::{PageSources, Policy};
use rampart_core::diagnostic::SourceFile;
use rampart_core::navigation::{Destination, WindowGuard};

const MANIFEST: &str = "[app]\nidentifier = \"com.example.fuzz\"\ncommands = []\n\
    [dev]\nurl = \"http://localhost:5173\"\n";

/// `text` as a TOML basic string: escapes only where TOML needs them, so that a plain policy
/// is written as its own characters (and its findings point at each word).
fn basic_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks a header made from an accepted policy.
fn well_formed(policy: &Policy, header: &str, page: Option<&PageSources>) {
    assert!(
        header.bytes().all(|b| b == b' ' || b.is_ascii_graphic()),
        "{header:?}"
    );
    assert!(!header.contains(','), "{header:?}");
    let directives: Vec<&str> = header.split("; ").collect();
    assert_eq!(directives.len(), policy.directives().len(), "{header:?}");
    for (i, (written, directive)) in directives.iter().zip(policy.directives()).enumerate() {
        let mut words = written.split(' ');
        let name = words.next().unwrap_or_default();
        assert_eq!(name, directive.name, "{header:?}");
        assert!(
            !directives[..i]
                .iter()
                .any(|d| d.split(' ').next() == Some(name)),
            "`{name}` twice: {header:?}"
        );
        assert!(
            words.all(|w| !w.is_empty() && !w.contains(';')),
            "{header:?}"
        );
        let added = written.split(' ').count() - 1 - directive.sources.len();
        if page.is_none() || !matches!(name, "script-src" | "style-src") {
            assert_eq!(added, 0, "{header:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(csp) = std::str::from_utf8(data) else {
        return;
    };
    let text = if csp.starts_with('[') {
        format!("{MANIFEST}{csp}")
    } else {
        format!("{MANIFEST}[security]\ncsp = {}\n", basic_string(csp))
    };
    let file = SourceFile::new("Rampart.toml", text.as_str());
    let lines = text.split(['\n', '\r']).count();
    let info = match app_info(&file) {
        Ok(info) => info,
        Err(errors) => {
            for error in &errors.errors {
                assert!((1..=lines).contains(&error.location.line), "{error}");
            }
            return;
        }
    };
    for warning in &info.warnings {
        assert!((1..=lines).contains(&warning.location.line), "{warning}");
    }
    well_formed(&info.policy, &info.policy.header(), None);
    let page = PageSources {
        script_hashes: vec!["bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=".into()],
        style_hashes: vec!["47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=".into()],
        nonced: true,
    };
    let header = info
        .policy
        .header_for(&page, Some("AAAAAAAAAAAAAAAAAAAAAA"));
    well_formed(&info.policy, &header, Some(&page));
    navigation(&info.policy, csp);
});

/// The window guard over this policy: any text as a URL gets an answer; the app's own pages
/// and local documents are always reachable at top level, a look-alike of the app never.
fn navigation(policy: &Policy, text: &str) {
    let guard = WindowGuard::default();
    let own = ["app://localhost"];
    let _ = guard.destination(text, &own, policy);
    if let Ok(url) = url::Url::parse(text) {
        let _ = policy.allows_frame(&url);
    }
    assert_eq!(
        guard.destination("app://localhost/x.html", &own, policy),
        Destination::Own
    );
    assert!(guard.destination("about:srcdoc", &own, policy).top_level());
    assert!(
        !guard
            .destination("app://localhost.evil/", &own, policy)
            .top_level()
    );
    assert!(
        !guard
            .destination("https://example.com/", &own, policy)
            .top_level()
    );
}

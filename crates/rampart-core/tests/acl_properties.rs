//! Properties of decisions on random configurations, checked against a naive reference model:
//! deny by default, deny beats allow, exact facts, and scopes that never leave their capability.

mod common;

use common::{app, dirs, valid};
use proptest::prelude::*;
use rampart_core::acl::{Facts, Origin};
use rampart_core::scope::CheckedPath;
use url::Url;

const COMMANDS: usize = 5;
const WINDOWS: [&str; 4] = ["a", "b", "c", "d"];
const REMOTE: &str = "https://r.example.com";

/// One capability of a random configuration.
#[derive(Clone, Debug)]
struct Cap {
    windows: Vec<&'static str>,
    allows: Vec<usize>,
    denies: Vec<usize>,
    local: bool,
    remote: bool,
}

fn cap() -> impl Strategy<Value = Cap> {
    let window = prop::sample::select(vec!["a", "b", "c", "*"]);
    let commands = prop::collection::vec(0..COMMANDS, 0..4);
    (
        prop::collection::vec(window, 1..3),
        commands.clone(),
        prop::collection::vec(0..COMMANDS, 0..2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_filter(
            "a capability grants to some origin",
            |(_, _, _, local, remote)| *local || *remote,
        )
        .prop_map(|(windows, allows, denies, local, remote)| Cap {
            windows,
            allows,
            denies,
            local,
            remote,
        })
}

fn capability_file(index: usize, cap: &Cap) -> String {
    let quoted = |items: Vec<String>| {
        items
            .iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let windows = quoted(cap.windows.iter().map(|w| w.to_string()).collect());
    let mut permissions: Vec<String> = cap
        .allows
        .iter()
        .map(|c| format!("\"allow-command-{c}\""))
        .collect();
    permissions.extend(cap.denies.iter().map(|c| format!("\"deny-command-{c}\"")));
    permissions.push(format!(
        "{{ identifier = \"fs:read-files\", allow = [{{ path = \"$HOME/cap{index}/**\" }}] }}"
    ));
    let remote = if cap.remote {
        format!("remote.urls = [\"{REMOTE}\"]\n")
    } else {
        String::new()
    };
    format!(
        "identifier = \"cap-{index}\"\nwindows = [{windows}]\nlocal = {}\n{remote}permissions = [{}]\n",
        cap.local,
        permissions.join(", ")
    )
}

fn fits(cap: &Cap, window: &str, remote: bool) -> bool {
    let labels = cap.windows.iter().any(|w| *w == "*" || *w == window);
    labels && if remote { cap.remote } else { cap.local }
}

/// The reference model: granted iff some fitting capability allows and none that fits denies.
fn expected(caps: &[Cap], window: &str, remote: bool, command: usize) -> bool {
    let fitting = || caps.iter().filter(|c| fits(c, window, remote));
    fitting().any(|c| c.allows.contains(&command))
        && !fitting().any(|c| c.denies.contains(&command))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn decisions_match_the_reference_model(caps in prop::collection::vec(cap(), 0..5)) {
        let files: Vec<(String, String)> = caps
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("cap-{i}.toml"), capability_file(i, c)))
            .collect();
        let file_refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let commands: Vec<String> = (0..COMMANDS).map(|c| format!("command_{c}")).collect();
        let command_refs: Vec<&str> = commands.iter().map(String::as_str).collect();
        let authority = valid(app(&command_refs, &[], &file_refs));
        let remote_origin = Origin::Remote(Url::parse(REMOTE).expect("valid URL"));
        for window in WINDOWS {
            for remote in [false, true] {
                let origin = if remote { &remote_origin } else { &Origin::Local };
                let facts = Facts { window, webview: window, origin };
                for (command, name) in commands.iter().enumerate() {
                    let granted = authority.decide(facts, name).is_ok();
                    prop_assert_eq!(granted, expected(&caps, window, remote, command),
                        "{} from {} (remote: {})", name, window, remote);
                }
                // Each capability's scope is usable exactly when that capability fits the call.
                if let Ok(grant) = authority.decide(facts, "plugin:fs|read_file") {
                    for (index, cap) in caps.iter().enumerate() {
                        let path = CheckedPath::new(&format!("$HOME/cap{index}/x"), &dirs()).expect("valid path");
                        prop_assert_eq!(grant.scope().check_path(&path).is_allowed(), fits(cap, window, remote),
                            "scope of cap-{} from {} (remote: {})", index, window, remote);
                    }
                }
            }
        }
    }
}

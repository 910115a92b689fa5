//! Menus in the real WebView: the app's menu bar (built in Rust with muda), a context menu the
//! page asks for, and the tray icon's menu; an item chosen — the GTK item activated, as a person's click does —
//! reaches the app's menu hook and the page, as the event `rampart:menu` its capability lets it
//! hear.

use serde_json::json;

mod support;

#[test]
fn chosen_menu_items_reach_the_hook_and_the_page_that_may_hear_them() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/menu");
    let report = support::run_headless(
        env!("CARGO_BIN_EXE_rampart-e2e-dev"),
        &[root],
        &[("E2E_MENU", "1")],
    );
    let f = &report["findings"];
    assert!(f.get("error").is_none(), "{f:#}");
    assert_eq!(f["save"], true, "the menu bar has Save: {f:#}");
    assert_eq!(f["rename"], true, "the context menu has Rename: {f:#}");
    assert_eq!(f["missing"], false, "{f:#}");
    // scripts/setup.sh installs the AppIndicator library the tray icon is shown through.
    assert_eq!(report["tray_supported"], true, "{report:#}");
    assert_eq!(
        f["tray"], true,
        "the tray icon's menu has Show notes: {f:#}"
    );
    let chosen = json!(["save", "rename", "tray-show"]);
    assert_eq!(f["heard"], chosen, "{f:#}");
    assert_eq!(report["menu_chosen"], chosen, "{report:#}");
}

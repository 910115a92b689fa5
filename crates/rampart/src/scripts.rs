//! The scripts the runtime injects into every webview, at document start, in this order:
//!
//! 1. the frame guard, into every frame: stops an app page framed by a foreign origin;
//! 2. the message door's far end (`js/dist/isolated.js`), into the door's isolated world of the
//!    top frame only, with the webview's bridge key;
//! 3. the API, `window.__RAMPART__`, into every frame, with the webview's API token and bridge
//!    key (see `protocol::secret`): in the top frame it takes the far end's private port, offered
//!    with the key, before any page script runs;
//! 4. with the isolation pattern, the isolation frame's script (`js/dist/isolation.js`), with the
//!    webview's sealing key, into frames of `isolation://localhost` only (see `crate::isolation`).
//!
//! WebKit runs the scripts of different worlds at document start in no set order, so the port is
//! offered by whichever of the two runs second (see `js/src/bridge.ts`). The runtime adds them
//! itself, before the page loads. The JavaScript is built from `js/src` by `npm run build` and
//! checked in (`scripts/js.sh` fails when it is stale), so building the crate needs no Node.

use webkit2gtk::{
    UserContentInjectedFrames, UserContentManagerExt, UserScript, UserScriptInjectionTime,
    WebViewExt,
};
use wry::WebViewExtUnix;

use crate::isolation::{FLAG_PLACEHOLDER, FRAME_URLS};
use crate::protocol::message::WORLD;
use crate::protocol::secret::{API_TOKEN, BRIDGE_KEY, Secret};

/// The API, with the token placeholder the runtime replaces per webview.
pub(crate) const API: &str = include_str!("../../../js/dist/inject.js");

/// Stops app pages framed by a foreign origin.
const FRAME_GUARD: &str = include_str!("../../../js/frame-guard.js");

/// The message door's far end, with the bridge key placeholder.
pub(crate) const ISOLATED: &str = include_str!("../../../js/dist/isolated.js");

/// The placeholder of the development server's origin in the API and the isolation frame's
/// script (`js/src/origins.ts`).
const DEV_ORIGIN: &str = "__RAMPART_DEV_ORIGIN__";

/// `script` with the development server's origin (`[dev] url`, debug builds: see
/// `gate::dev_origin`) in place of its placeholder, or "" without one: with the isolation
/// pattern, that origin's pages seal their calls and the isolation frame answers them.
pub(crate) fn with_dev_origin(script: &str, dev_origin: Option<&str>) -> String {
    script.replacen(DEV_ORIGIN, &string_body(dev_origin.unwrap_or("")), 1)
}

/// `text` as the inside of a JavaScript string literal (JSON's escaping, without its quotes).
pub(crate) fn string_body(text: &str) -> String {
    let quoted = serde_json::Value::from(text).to_string();
    quoted[1..quoted.len() - 1].to_string()
}

/// Adds the three scripts to `webview`, with `token` in its API and a fresh bridge key in both
/// the API and the message door's far end; with the isolation pattern's `frame_script` (which
/// holds the key), the API seals its calls (those of `dev_origin`'s pages too) and the isolation
/// application's frames, and only they, get that script.
pub(crate) fn install(
    webview: &wry::WebView,
    token: &Secret,
    frame_script: Option<&str>,
    dev_origin: Option<&str>,
) -> Result<(), String> {
    let key = Secret::generate()?;
    let flag = if frame_script.is_some() { "1" } else { "0" };
    let api = with_dev_origin(
        &key.inject(&token.inject(API, API_TOKEN), BRIDGE_KEY),
        dev_origin,
    )
    .replacen(FLAG_PLACEHOLDER, flag, 1);
    let isolated = key.inject(ISOLATED, BRIDGE_KEY);
    let manager = webview
        .webview()
        .user_content_manager()
        .ok_or("the webview has no user content manager")?;
    let (all, top, start) = (
        UserContentInjectedFrames::AllFrames,
        UserContentInjectedFrames::TopFrame,
        UserScriptInjectionTime::Start,
    );
    manager.add_script(&UserScript::new(FRAME_GUARD, all, start, &[], &[]));
    manager.add_script(&UserScript::for_world(
        &isolated,
        top,
        start,
        WORLD,
        &[],
        &[],
    ));
    manager.add_script(&UserScript::new(&api, all, start, &[], &[]));
    if let Some(frame_script) = frame_script {
        manager.add_script(&UserScript::new(
            frame_script,
            all,
            start,
            &[FRAME_URLS],
            &[],
        ));
    }
    Ok(())
}

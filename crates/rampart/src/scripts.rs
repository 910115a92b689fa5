//! The scripts the runtime injects into every webview, at document start, in this order:
//!
//! 1. the frame guard, into every frame: stops an app page framed by a foreign origin;
//! 2. the message door's far end (`js/dist/isolated.js`), into the door's isolated world of the
//!    top frame only;
//! 3. the API, `window.__RAMPART__`, into every frame, with the webview's
//!    [`ApiToken`](crate::protocol::token::ApiToken): in the top frame it hands the far end its
//!    private port at once, before any page script runs.
//!
//! The runtime adds them itself, in that order (wry would add its own first), before the page
//! loads. The JavaScript is built from `js/src` by `npm run build` and checked in
//! (`scripts/js.sh` fails when it is stale), so building the crate needs no Node.

use webkit2gtk::{
    UserContentInjectedFrames, UserContentManagerExt, UserScript, UserScriptInjectionTime,
    WebViewExt,
};
use wry::WebViewExtUnix;

use crate::protocol::message::WORLD;
use crate::protocol::token::ApiToken;

/// The API, with the token placeholder the runtime replaces per webview.
pub(crate) const API: &str = include_str!("../../../js/dist/inject.js");

/// Stops app pages framed by a foreign origin.
const FRAME_GUARD: &str = include_str!("../../../js/frame-guard.js");

/// The message door's far end.
const ISOLATED: &str = include_str!("../../../js/dist/isolated.js");

/// Adds the three scripts to `webview`, with `token` in its API.
pub(crate) fn install(webview: &wry::WebView, token: &ApiToken) -> Result<(), String> {
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
        ISOLATED,
        top,
        start,
        WORLD,
        &[],
        &[],
    ));
    manager.add_script(&UserScript::new(&token.inject(API), all, start, &[], &[]));
    Ok(())
}

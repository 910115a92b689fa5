// @rampart/api/opener as an ES module: the opener plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/opener.ts
import { invoke } from "./index.js";
function openUrl(url) {
  return invoke("plugin:opener|open_url", { url }).then(() => void 0);
}
function openPath(path) {
  return invoke("plugin:opener|open_path", { path }).then(() => void 0);
}
function revealItem(path) {
  return invoke("plugin:opener|reveal_item", { path }).then(() => void 0);
}
export {
  openPath,
  openUrl,
  revealItem
};

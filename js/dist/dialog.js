// @rampart/api/dialog as an ES module: the dialog plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/dialog.ts
import { invoke } from "./index.js";
function open(options = {}) {
  return invoke("plugin:dialog|open", { ...options });
}
function save(options = {}) {
  return invoke("plugin:dialog|save", { ...options });
}
function message(text, options = {}) {
  return invoke("plugin:dialog|message", { message: text, ...options }).then(() => void 0);
}
function ask(text, options = {}) {
  return invoke("plugin:dialog|ask", { message: text, ...options });
}
function confirm(text, options = {}) {
  return invoke("plugin:dialog|confirm", { message: text, ...options });
}
export {
  ask,
  confirm,
  message,
  open,
  save
};

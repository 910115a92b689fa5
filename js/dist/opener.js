// @rampart/api/opener as an ES module: the opener plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/index.ts
function injected() {
  const api2 = window.__RAMPART__;
  if (api2 === void 0) throw new Error("@rampart/api: window.__RAMPART__ is missing: not in a Rampart webview");
  return api2;
}
var api = injected();
var invoke = api.invoke;
var listen = api.listen;
var emit = api.emit;
var channel = api.channel;
var Channel = api.Channel;
var IpcError = api.IpcError;

// src/opener.ts
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

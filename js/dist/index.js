// @rampart/api as an ES module: re-exports window.__RAMPART__.
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
export {
  Channel,
  IpcError,
  channel,
  emit,
  invoke,
  listen
};

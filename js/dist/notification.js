// @rampart/api/notification as an ES module: the notification plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/notification.ts
import { invoke } from "./index.js";
function isPermissionGranted() {
  return invoke("plugin:notification|is_permission_granted");
}
function requestPermission() {
  return invoke("plugin:notification|request_permission");
}
function sendNotification(options) {
  const { title, body = "" } = typeof options === "string" ? { title: options } : options;
  return invoke("plugin:notification|notify", { title, body }).then(() => void 0);
}
export {
  isPermissionGranted,
  requestPermission,
  sendNotification
};

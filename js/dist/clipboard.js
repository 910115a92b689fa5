// @rampart/api/clipboard as an ES module: the clipboard plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/clipboard.ts
import { invoke } from "./index.js";
function writeText(text) {
  return invoke("plugin:clipboard|write_text", { text }).then(() => void 0);
}
function readText() {
  return invoke("plugin:clipboard|read_text");
}
function writeImage(png) {
  return invoke("plugin:clipboard|write_image", png).then(() => void 0);
}
function readImage() {
  return invoke("plugin:clipboard|read_image");
}
export {
  readImage,
  readText,
  writeImage,
  writeText
};

// @rampart/api/window as an ES module: the window plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/window.ts
import { invoke } from "./index.js";
var call = (command, args) => invoke(`plugin:window|${command}`, args).then(() => void 0);
function state() {
  return invoke("plugin:window|state");
}
function setTitle(title) {
  return call("set_title", { title });
}
function setSize(size) {
  return call("set_size", { width: size.width, height: size.height });
}
function setMinSize(size) {
  return call("set_min_size", { size: size && { width: size.width, height: size.height } });
}
function setMaxSize(size) {
  return call("set_max_size", { size: size && { width: size.width, height: size.height } });
}
function setPosition(x, y) {
  return call("set_position", { x, y });
}
function setResizable(value) {
  return call("set_resizable", { value });
}
function setFullscreen(value) {
  return call("set_fullscreen", { value });
}
function maximize() {
  return call("maximize");
}
function unmaximize() {
  return call("unmaximize");
}
function minimize() {
  return call("minimize");
}
function show() {
  return call("show");
}
function hide() {
  return call("hide");
}
function setFocus() {
  return call("set_focus");
}
function close() {
  return call("close");
}
export {
  close,
  hide,
  maximize,
  minimize,
  setFocus,
  setFullscreen,
  setMaxSize,
  setMinSize,
  setPosition,
  setResizable,
  setSize,
  setTitle,
  show,
  state,
  unmaximize
};

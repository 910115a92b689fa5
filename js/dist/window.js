// @rampart/api/window as an ES module: the window plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/window.ts
import { invoke } from "./index.js";
var call = (command, args, label) => invoke(`plugin:window|${command}`, label === void 0 ? args : { ...args, label }).then(
  () => void 0
);
function state(label) {
  return invoke("plugin:window|state", label === void 0 ? {} : { label });
}
function open(label) {
  return call("open", { label });
}
function setTitle(title, label) {
  return call("set_title", { title }, label);
}
function setSize(size, label) {
  return call("set_size", { width: size.width, height: size.height }, label);
}
function setMinSize(size, label) {
  return call("set_min_size", { size: size && { width: size.width, height: size.height } }, label);
}
function setMaxSize(size, label) {
  return call("set_max_size", { size: size && { width: size.width, height: size.height } }, label);
}
function setPosition(x, y, label) {
  return call("set_position", { x, y }, label);
}
function setResizable(value, label) {
  return call("set_resizable", { value }, label);
}
function setFullscreen(value, label) {
  return call("set_fullscreen", { value }, label);
}
function maximize(label) {
  return call("maximize", {}, label);
}
function unmaximize(label) {
  return call("unmaximize", {}, label);
}
function minimize(label) {
  return call("minimize", {}, label);
}
function show(label) {
  return call("show", {}, label);
}
function hide(label) {
  return call("hide", {}, label);
}
function setFocus(label) {
  return call("set_focus", {}, label);
}
function close(label) {
  return call("close", {}, label);
}
export {
  close,
  hide,
  maximize,
  minimize,
  open,
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

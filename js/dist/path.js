// @rampart/api/path as an ES module: the path plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/path.ts
import { invoke } from "./index.js";
function path(command, args = {}) {
  return invoke(`plugin:path|${command}`, args);
}
function appDataDir() {
  return path("app_data_dir");
}
function appConfigDir() {
  return path("app_config_dir");
}
function appCacheDir() {
  return path("app_cache_dir");
}
function appLogDir() {
  return path("app_log_dir");
}
function homeDir() {
  return path("home_dir");
}
function tempDir() {
  return path("temp_dir");
}
function resolve(...paths) {
  return path("resolve", { paths });
}
function normalize(input) {
  return path("normalize", { path: input });
}
function join(...paths) {
  return path("join", { paths });
}
export {
  appCacheDir,
  appConfigDir,
  appDataDir,
  appLogDir,
  homeDir,
  join,
  normalize,
  resolve,
  tempDir
};

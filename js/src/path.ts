/**
 * `@rampart/api/path`: the path plugin. It tells the page where the app's directories are and
 * puts path strings together the way the path scope reads them; it touches no file. Grant
 * `path:default` (every command) or single commands (`path:allow-resolve`, ...).
 *
 * ```ts
 * import { appDataDir, resolve } from "@rampart/api/path";
 * const notes = await resolve("$APPDATA", "notes");   // "/home/me/.local/share/<app id>/notes"
 * ```
 *
 * @module
 */

import { invoke } from "./index.js";

function path<T>(command: string, args: object = {}): Promise<T> {
  return invoke<T>(`plugin:path|${command}`, args as Parameters<typeof invoke>[1]);
}

/** The app's data directory, `$APPDATA`. */
export function appDataDir(): Promise<string> {
  return path<string>("app_data_dir");
}

/** The app's configuration directory, `$APPCONFIG`. */
export function appConfigDir(): Promise<string> {
  return path<string>("app_config_dir");
}

/** The app's cache directory, `$APPCACHE`. */
export function appCacheDir(): Promise<string> {
  return path<string>("app_cache_dir");
}

/** The app's log directory, `$APPLOG`. */
export function appLogDir(): Promise<string> {
  return path<string>("app_log_dir");
}

/** The user's home directory, `$HOME` (rejects with `not_found` when there is none). */
export function homeDir(): Promise<string> {
  return path<string>("home_dir");
}

/** The directory for temporary files, `$TEMP`. */
export function tempDir(): Promise<string> {
  return path<string>("temp_dir");
}

/**
 * `paths` joined (an absolute or `$VARIABLE` segment starts over), the leading variable
 * expanded and `.`/`..` resolved: exactly the path an fs scope checks. It must come out absolute.
 */
export function resolve(...paths: string[]): Promise<string> {
  return path<string>("resolve", { paths });
}

/** `path` with its leading variable expanded and `.`/`..` resolved, as {@link resolve}. */
export function normalize(input: string): Promise<string> {
  return path<string>("normalize", { path: input });
}

/** `paths` joined with `/` (an absolute or `$VARIABLE` segment starts over); nothing resolved. */
export function join(...paths: string[]): Promise<string> {
  return path<string>("join", { paths });
}

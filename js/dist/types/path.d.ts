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
/** The app's data directory, `$APPDATA`. */
export declare function appDataDir(): Promise<string>;
/** The app's configuration directory, `$APPCONFIG`. */
export declare function appConfigDir(): Promise<string>;
/** The app's cache directory, `$APPCACHE`. */
export declare function appCacheDir(): Promise<string>;
/** The app's log directory, `$APPLOG`. */
export declare function appLogDir(): Promise<string>;
/** The user's home directory, `$HOME` (rejects with `not_found` when there is none). */
export declare function homeDir(): Promise<string>;
/** The directory for temporary files, `$TEMP`. */
export declare function tempDir(): Promise<string>;
/**
 * `paths` joined (an absolute or `$VARIABLE` segment starts over), the leading variable
 * expanded and `.`/`..` resolved: exactly the path an fs scope checks. It must come out absolute.
 */
export declare function resolve(...paths: string[]): Promise<string>;
/** `path` with its leading variable expanded and `.`/`..` resolved, as {@link resolve}. */
export declare function normalize(input: string): Promise<string>;
/** `paths` joined with `/` (an absolute or `$VARIABLE` segment starts over); nothing resolved. */
export declare function join(...paths: string[]): Promise<string>;

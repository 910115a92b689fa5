/**
 * `@rampart/api/opener`: the opener plugin, which hands a URL or a file to the desktop's default
 * application. Each call is checked against the calling window's opener scope (grant
 * `opener:default` for https and mailto URLs, or rules of your own); a refusal rejects with an
 * {@link IpcError} whose code is `denied`.
 *
 * ```ts
 * import { openUrl, openPath, revealItem } from "@rampart/api/opener";
 * await openUrl("https://example.com/docs");
 * await openPath("/home/me/Downloads/report.pdf");
 * ```
 *
 * @module
 */

import { invoke } from "./index.js";

/** Opens `url` in the application the desktop uses for its scheme (the browser for https). */
export function openUrl(url: string): Promise<void> {
  return invoke<null>("plugin:opener|open_url", { url }).then(() => undefined);
}

/** Opens the file or folder at `path` (absolute) in its default application. */
export function openPath(path: string): Promise<void> {
  return invoke<null>("plugin:opener|open_path", { path }).then(() => undefined);
}

/** Opens the folder that holds `path` (absolute) in the file manager. */
export function revealItem(path: string): Promise<void> {
  return invoke<null>("plugin:opener|reveal_item", { path }).then(() => undefined);
}

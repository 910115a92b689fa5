/**
 * `@rampart/api/notification`: desktop notifications under the app's name. The window's
 * capabilities decide (`notification:default` grants them); nothing prompts the person, so
 * {@link requestPermission} answers what the capabilities say. A title is 1 to 256 characters and
 * a body at most 4096, shown as plain text; a window shows at most 5 every 10 seconds (beyond, the
 * call rejects with an {@link IpcError} whose code is `busy`).
 *
 * ```ts
 * import { isPermissionGranted, sendNotification } from "@rampart/api/notification";
 * if (await isPermissionGranted()) {
 *   await sendNotification({ title: "Export finished", body: "report.pdf is in Documents" });
 * }
 * ```
 *
 * @module
 */

import { invoke } from "./index.js";

/** What a notification shows. */
export interface NotificationOptions {
  /** The title, plain text (1 to 256 characters). */
  readonly title: string;
  /** The body, plain text (at most 4096 characters). */
  readonly body?: string;
}

/** Whether this window may show notifications. */
export function isPermissionGranted(): Promise<boolean> {
  return invoke<boolean>("plugin:notification|is_permission_granted");
}

/** `"granted"` when this window may show notifications, `"denied"` otherwise (no prompt). */
export function requestPermission(): Promise<"granted" | "denied"> {
  return invoke<"granted" | "denied">("plugin:notification|request_permission");
}

/** Shows a notification: a title, or a title and a body. */
export function sendNotification(options: NotificationOptions | string): Promise<void> {
  const { title, body = "" } = typeof options === "string" ? { title: options } : options;
  return invoke<null>("plugin:notification|notify", { title, body }).then(() => undefined);
}

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
/** What a notification shows. */
export interface NotificationOptions {
    /** The title, plain text (1 to 256 characters). */
    readonly title: string;
    /** The body, plain text (at most 4096 characters). */
    readonly body?: string;
}
/** Whether this window may show notifications. */
export declare function isPermissionGranted(): Promise<boolean>;
/** `"granted"` when this window may show notifications, `"denied"` otherwise (no prompt). */
export declare function requestPermission(): Promise<"granted" | "denied">;
/** Shows a notification: a title, or a title and a body. */
export declare function sendNotification(options: NotificationOptions | string): Promise<void>;

/**
 * The origins whose pages are the app's own: `app://localhost`, and in a debug build with
 * `[dev] url` the development server's, written here by the runtime when it injects the script
 * (an empty string otherwise, which no document's origin is).
 *
 * @module
 */

/** The app's own origin. */
export const APP_ORIGIN = "app://localhost";

/** The development server's origin, or "". */
const DEV_ORIGIN: string = "__RAMPART_DEV_ORIGIN__";

/** The origins of the app's own pages. */
export const APP_ORIGINS: readonly string[] = DEV_ORIGIN === "" ? [APP_ORIGIN] : [APP_ORIGIN, DEV_ORIGIN];

/** Whether `origin` is one of the app's own. */
export function isAppOrigin(origin: string): boolean {
  return origin === APP_ORIGIN || (DEV_ORIGIN !== "" && origin === DEV_ORIGIN);
}

/**
 * The origins whose pages are the app's own: `app://localhost`, and in a debug build with
 * `[dev] url` the development server's, written here by the runtime when it injects the script
 * (an empty string otherwise, which no document's origin is).
 *
 * @module
 */
/** The app's own origin. */
export declare const APP_ORIGIN = "app://localhost";
/** The origins of the app's own pages. */
export declare const APP_ORIGINS: readonly string[];
/** Whether `origin` is one of the app's own. */
export declare function isAppOrigin(origin: string): boolean;

/**
 * `@rampart/api/window`: the calling page's own window, or — with a `label` — another window its
 * permission's window scope names (`{ window = "settings" }`). Each change is its own permission
 * (`window:allow-set-title`, `window:allow-set-size`, ...); `window:default` only reads the
 * state. {@link open} opens a window `Rampart.toml` declares, or one from a template, within
 * the scope. Sizes and positions are logical pixels.
 *
 * ```ts
 * import { open, setTitle, state } from "@rampart/api/window";
 * await setTitle("Report — draft");
 * const { width, height, maximized } = await state();
 * await open("note-7");                    // window:allow-open, scope { window = "note-7" }
 * await setTitle("Note 7", "note-7");      // window:allow-set-title, scope { window = "note-7" }
 * ```
 *
 * @module
 */
/** A size in logical pixels (1 to 16384 each way). */
export interface WindowSize {
    readonly width: number;
    readonly height: number;
}
/** What the window looks like now. */
export interface WindowState {
    /** The title. */
    readonly title: string;
    /** The inner width. */
    readonly width: number;
    /** The inner height. */
    readonly height: number;
    /** The outer position's x. */
    readonly x: number;
    /** The outer position's y. */
    readonly y: number;
    /** Whether it is maximized. */
    readonly maximized: boolean;
    /** Whether it is full screen. */
    readonly fullscreen: boolean;
    /** Whether it is shown. */
    readonly visible: boolean;
    /** Whether it can be resized. */
    readonly resizable: boolean;
}
/** The window's state (`window:default`). */
export declare function state(label?: string): Promise<WindowState>;
/** Opens the window `label`: declared in `Rampart.toml`, or from a template (`note-*`). */
export declare function open(label: string): Promise<void>;
/** Sets the title (at most 1024 characters). */
export declare function setTitle(title: string, label?: string): Promise<void>;
/** Sets the inner size. */
export declare function setSize(size: WindowSize, label?: string): Promise<void>;
/** Sets the smallest inner size, or removes it with `null`. */
export declare function setMinSize(size: WindowSize | null, label?: string): Promise<void>;
/** Sets the largest inner size, or removes it with `null`. */
export declare function setMaxSize(size: WindowSize | null, label?: string): Promise<void>;
/** Moves the window (its outer top-left corner, within ±65536). */
export declare function setPosition(x: number, y: number, label?: string): Promise<void>;
/** Lets the person resize the window, or not. */
export declare function setResizable(value: boolean, label?: string): Promise<void>;
/** Enters or leaves full screen. */
export declare function setFullscreen(value: boolean, label?: string): Promise<void>;
/** Maximizes the window. */
export declare function maximize(label?: string): Promise<void>;
/** Restores a maximized window. */
export declare function unmaximize(label?: string): Promise<void>;
/** Minimizes the window. */
export declare function minimize(label?: string): Promise<void>;
/** Shows the window. */
export declare function show(label?: string): Promise<void>;
/** Hides the window. */
export declare function hide(label?: string): Promise<void>;
/** Brings the window to the front and gives it focus. */
export declare function setFocus(label?: string): Promise<void>;
/** Closes the window (the page goes with it). */
export declare function close(label?: string): Promise<void>;

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

import { invoke } from "./index.js";

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

const call = (command: string, args: Record<string, unknown>, label?: string): Promise<void> =>
  invoke<null>(`plugin:window|${command}`, label === undefined ? args : { ...args, label }).then(
    () => undefined,
  );

/** The window's state (`window:default`). */
export function state(label?: string): Promise<WindowState> {
  return invoke<WindowState>("plugin:window|state", label === undefined ? {} : { label });
}

/** Opens the window `label`: declared in `Rampart.toml`, or from a template (`note-*`). */
export function open(label: string): Promise<void> {
  return call("open", { label });
}

/** Sets the title (at most 1024 characters). */
export function setTitle(title: string, label?: string): Promise<void> {
  return call("set_title", { title }, label);
}

/** Sets the inner size. */
export function setSize(size: WindowSize, label?: string): Promise<void> {
  return call("set_size", { width: size.width, height: size.height }, label);
}

/** Sets the smallest inner size, or removes it with `null`. */
export function setMinSize(size: WindowSize | null, label?: string): Promise<void> {
  return call("set_min_size", { size: size && { width: size.width, height: size.height } }, label);
}

/** Sets the largest inner size, or removes it with `null`. */
export function setMaxSize(size: WindowSize | null, label?: string): Promise<void> {
  return call("set_max_size", { size: size && { width: size.width, height: size.height } }, label);
}

/** Moves the window (its outer top-left corner, within ±65536). */
export function setPosition(x: number, y: number, label?: string): Promise<void> {
  return call("set_position", { x, y }, label);
}

/** Lets the person resize the window, or not. */
export function setResizable(value: boolean, label?: string): Promise<void> {
  return call("set_resizable", { value }, label);
}

/** Enters or leaves full screen. */
export function setFullscreen(value: boolean, label?: string): Promise<void> {
  return call("set_fullscreen", { value }, label);
}

/** Maximizes the window. */
export function maximize(label?: string): Promise<void> {
  return call("maximize", {}, label);
}

/** Restores a maximized window. */
export function unmaximize(label?: string): Promise<void> {
  return call("unmaximize", {}, label);
}

/** Minimizes the window. */
export function minimize(label?: string): Promise<void> {
  return call("minimize", {}, label);
}

/** Shows the window. */
export function show(label?: string): Promise<void> {
  return call("show", {}, label);
}

/** Hides the window. */
export function hide(label?: string): Promise<void> {
  return call("hide", {}, label);
}

/** Brings the window to the front and gives it focus. */
export function setFocus(label?: string): Promise<void> {
  return call("set_focus", {}, label);
}

/** Closes the window (the page goes with it). */
export function close(label?: string): Promise<void> {
  return call("close", {}, label);
}

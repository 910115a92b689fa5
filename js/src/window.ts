/**
 * `@rampart/api/window`: the calling page's own window. Each change is its own permission
 * (`window:allow-set-title`, `window:allow-set-size`, ...); `window:default` only reads the
 * state. No call reaches another window. Sizes and positions are logical pixels.
 *
 * ```ts
 * import { setTitle, state } from "@rampart/api/window";
 * await setTitle("Report — draft");
 * const { width, height, maximized } = await state();
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

const call = (command: string, args?: Record<string, unknown>): Promise<void> =>
  invoke<null>(`plugin:window|${command}`, args).then(() => undefined);

/** The window's state (`window:default`). */
export function state(): Promise<WindowState> {
  return invoke<WindowState>("plugin:window|state");
}

/** Sets the title (at most 1024 characters). */
export function setTitle(title: string): Promise<void> {
  return call("set_title", { title });
}

/** Sets the inner size. */
export function setSize(size: WindowSize): Promise<void> {
  return call("set_size", { width: size.width, height: size.height });
}

/** Sets the smallest inner size, or removes it with `null`. */
export function setMinSize(size: WindowSize | null): Promise<void> {
  return call("set_min_size", { size: size && { width: size.width, height: size.height } });
}

/** Sets the largest inner size, or removes it with `null`. */
export function setMaxSize(size: WindowSize | null): Promise<void> {
  return call("set_max_size", { size: size && { width: size.width, height: size.height } });
}

/** Moves the window (its outer top-left corner, within ±65536). */
export function setPosition(x: number, y: number): Promise<void> {
  return call("set_position", { x, y });
}

/** Lets the person resize the window, or not. */
export function setResizable(value: boolean): Promise<void> {
  return call("set_resizable", { value });
}

/** Enters or leaves full screen. */
export function setFullscreen(value: boolean): Promise<void> {
  return call("set_fullscreen", { value });
}

/** Maximizes the window. */
export function maximize(): Promise<void> {
  return call("maximize");
}

/** Restores a maximized window. */
export function unmaximize(): Promise<void> {
  return call("unmaximize");
}

/** Minimizes the window. */
export function minimize(): Promise<void> {
  return call("minimize");
}

/** Shows the window. */
export function show(): Promise<void> {
  return call("show");
}

/** Hides the window. */
export function hide(): Promise<void> {
  return call("hide");
}

/** Brings the window to the front and gives it focus. */
export function setFocus(): Promise<void> {
  return call("set_focus");
}

/** Closes the window (the page goes with it). */
export function close(): Promise<void> {
  return call("close");
}

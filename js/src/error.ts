/**
 * The error every failed call rejects with.
 *
 * @module
 */

import { defineProperty, freeze } from "./captured";

/**
 * The stable codes of a failed call, the same as the runtime's `ErrorCode`:
 *
 * - `denied`: no capability grants this call to this webview and origin, or one denies it;
 * - `not_found`: no such command (or channel);
 * - `bad_request`: malformed request or arguments;
 * - `too_large`: the body or its JSON nesting is over the app's limits;
 * - `busy`: too many calls in flight from this webview; try again later;
 * - `internal`: the command failed or panicked, or the response was unreadable.
 */
export type IpcErrorCode = "denied" | "not_found" | "bad_request" | "too_large" | "busy" | "internal";

/** Every {@link IpcErrorCode}, frozen. */
export const IPC_ERROR_CODES: readonly IpcErrorCode[] = freeze([
  "denied",
  "not_found",
  "bad_request",
  "too_large",
  "busy",
  "internal",
] as const);

/** Whether `value` is one of the {@link IpcErrorCode}s. */
export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  for (let i = 0; i < IPC_ERROR_CODES.length; i++) {
    if (IPC_ERROR_CODES[i] === value) return true;
  }
  return false;
}

/**
 * A call refused by the IPC door or failed by its command.
 *
 * ```ts
 * try {
 *   await invoke("read_note", { noteId: "42" });
 * } catch (error) {
 *   if (error instanceof IpcError && error.code === "denied") showLocked();
 * }
 * ```
 *
 * `name` is `"IpcError"`; `code` and `name` are read-only own properties.
 */
// `Error` is read once, when this class is defined: at load time, before any page script runs.
export class IpcError extends Error {
  /** Why the call failed; stable across releases, unlike {@link IpcError.message}. */
  declare readonly code: IpcErrorCode;
  /**
   * What the command sent with its error, when it returned `Err(e)` with an `e` that is not an
   * `IpcError` (its JSON form); `undefined` otherwise.
   */
  declare readonly data: unknown;

  /**
   * @param code - why the call failed.
   * @param message - a human-readable description; in release builds it reveals nothing of the
   *   app's configuration.
   * @param data - what the command sent with its error, if anything.
   */
  constructor(code: IpcErrorCode, message: string, data?: unknown) {
    super(message);
    defineProperty(this, "name", { value: "IpcError" });
    defineProperty(this, "code", { value: code, enumerable: true });
    defineProperty(this, "data", { value: data, enumerable: data !== undefined });
  }
}

freeze(IpcError.prototype);
freeze(IpcError);

/**
 * The error every failed call rejects with.
 *
 * @module
 */
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
export declare const IPC_ERROR_CODES: readonly IpcErrorCode[];
/** Whether `value` is one of the {@link IpcErrorCode}s. */
export declare function isIpcErrorCode(value: unknown): value is IpcErrorCode;
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
export declare class IpcError extends Error {
    /** Why the call failed; stable across releases, unlike {@link IpcError.message}. */
    readonly code: IpcErrorCode;
    /**
     * What the command sent with its error, when it returned `Err(e)` with an `e` that is not an
     * `IpcError` (its JSON form); `undefined` otherwise.
     */
    readonly data: unknown;
    /**
     * @param code - why the call failed.
     * @param message - a human-readable description; in release builds it reveals nothing of the
     *   app's configuration.
     * @param data - what the command sent with its error, if anything.
     */
    constructor(code: IpcErrorCode, message: string, data?: unknown);
}

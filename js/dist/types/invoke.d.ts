/**
 * Calling commands through the IPC door, `ipc://localhost/<command>`.
 *
 * @module
 */
/**
 * The arguments of a call: an object whose keys are the command's parameter names (sent as
 * JSON), or bytes (sent raw, as `application/octet-stream`). A {@link Channel} may be one of the
 * object's values.
 */
export type InvokeArgs = {
    readonly [name: string]: unknown;
} | ArrayBuffer | Uint8Array;
/**
 * Calls the command `command` and resolves to its result.
 *
 * A command that returns bytes resolves to a `Uint8Array`, one that returns nothing to `null`,
 * any other to its JSON value. Rejects with an {@link IpcError} when the door refuses the call
 * (e.g. `denied`, `busy`) or the command fails.
 *
 * ```ts
 * const note = await invoke<Note>("read_note", { noteId: "42" });
 * const digest = await invoke<Uint8Array>("hash", new Uint8Array([1, 2, 3]));
 * ```
 *
 * @param command - the command's name: an app command (`read_note`) or a plugin's
 *   (`plugin:fs|read_text_file`).
 * @param args - the arguments, `{}` when omitted.
 * @typeParam T - the type of the result; not checked at run time.
 */
export declare function invoke<T = unknown>(command: string, args?: InvokeArgs): Promise<T>;

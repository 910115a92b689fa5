/**
 * Calling commands through one of the two doors. JSON calls of the top frame, and those the
 * isolation application sealed, take the message door (`bridge.ts`, a script-message handler
 * behind an isolated world: no HTTP round trip); raw bytes, large bodies and calls of
 * sub-frames take `ipc://localhost/<command>`.
 *
 * Every `ipc://` request carries this webview's token (see {@link TOKEN}): the door reads a body
 * only from a request that does. The API sends only strings and bytes as bodies, never a `Blob`:
 * a `Blob` argument is read into bytes first, because WebKitGTK crashes the app reading a
 * Blob-backed request body.
 *
 * @module
 */
/**
 * The arguments of a call: an object whose keys are the command's parameter names (sent as
 * JSON), or bytes (sent raw, as `application/octet-stream`): an `ArrayBuffer`, any typed array,
 * a `DataView`, or a `Blob` (a `File` too), whose contents are read and sent. A {@link Channel}
 * may be one of the object's values.
 */
export type InvokeArgs = {
    readonly [name: string]: unknown;
} | ArrayBuffer | ArrayBufferView | Blob;
/**
 * Which door a call takes: `"auto"` (the default: the message door for JSON calls of the top
 * frame up to 64 KiB, and with the isolation pattern for sealed calls up to 64 KiB, whatever
 * their arguments; `ipc://` for the rest), or one forced (`"message"` where there is no message
 * door, or for raw bytes without the isolation pattern, rejects with `bad_request`). Both doors
 * are checked alike.
 */
export type Door = "auto" | "ipc" | "message";
/** Options of a call. */
export interface InvokeOptions {
    /** Which door the call takes; `"auto"` when omitted. */
    readonly door?: Door;
}
/** What `read` makes of a successful answer's value (JSON, bytes, or `null`). */
type Reader<T> = (value: unknown) => T;
/**
 * Calls `command` with `args`; `read` turns the answer's value into the result, inside the
 * API, so that internal callers never resolve a promise with an object the page could hook.
 */
export declare function call<T>(command: string, args: InvokeArgs | undefined, read: Reader<T>, door?: Door): Promise<T>;
/**
 * Calls the command `command` and resolves to its result.
 *
 * A command that returns bytes resolves to a `Uint8Array`, one that returns nothing to `null`,
 * any other to its JSON value. Rejects with an {@link IpcError} when the door refuses the call
 * (e.g. `denied`, `busy`), the command fails, or the arguments cannot be sent (`bad_request`);
 * it never throws.
 *
 * ```ts
 * const note = await invoke<Note>("read_note", { noteId: "42" });
 * const digest = await invoke<Uint8Array>("hash", new Uint8Array([1, 2, 3]));
 * const size = await invoke<number>("upload", fileInput.files[0]);
 * ```
 *
 * @param command - the command's name: an app command (`read_note`) or a plugin's
 *   (`plugin:fs|read_text_file`).
 * @param args - the arguments, `{}` when omitted.
 * @param options - which door the call takes (`{ door: "ipc" }`); the fitting one when omitted.
 * @typeParam T - the type of the result; not checked at run time.
 */
export declare function invoke<T = unknown>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T>;
export {};

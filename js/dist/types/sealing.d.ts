/**
 * The API's side of the isolation pattern: when the app runs with it, every call of a page of
 * the app's own origin goes to the isolation application — a sandboxed frame on
 * `isolation://localhost`, added to the document on the first call — which runs the author's
 * hook and seals the call with this webview's key. The sealed call then goes to `ipc://` as
 * `application/x-rampart-sealed`. The gate accepts nothing else from the app's own origin.
 *
 * Everything here is captured at load, before any page script runs; the frame's answers come
 * on a private `MessagePort` per call. A page that removes or replaces the frame can only make
 * its own calls fail (those waiting on a removed frame fail within a quarter of a second, and
 * the next call makes a new frame): what it could seal itself, the gate cannot open.
 *
 * @module
 */
/** Whether this document's calls are sealed. */
export declare function sealing(): boolean;
/**
 * What the isolation application made of a call: sealed, ready for the door (the command the
 * hook let through, and the envelope), or refused (why, and a sealed notice of it for the app's
 * refusal hook).
 */
export type Sealed = {
    readonly command: string;
    readonly envelope: Uint8Array;
    readonly refused?: undefined;
} | {
    readonly refused: string;
    readonly notice: Uint8Array | null;
};
/**
 * Sends `command` and its arguments (a JSON text, or bytes) through the isolation application:
 * the sealed call, or its refusal. The reply is read through its own properties only. A call
 * whose frame is taken out of the document before it answers fails with `internal`.
 */
export declare function seal(command: string, args: string | Uint8Array): Promise<Sealed>;

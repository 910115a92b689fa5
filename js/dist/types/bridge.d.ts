/**
 * The message door: calls of the top frame (JSON, or sealed by the isolation application) go to
 * the runtime's script-message handler through a script in an isolated world (`isolated.ts`),
 * instead of a `fetch` to `ipc://`.
 *
 * The two scripts share a `MessagePort`, taken at document start, before any page script runs.
 * WebKit runs the scripts of the two worlds in no set order, so: this module (top frame only)
 * listens for the far end's offer, then says hello; the far end offers its port at once, and
 * again on hello, until the API takes it. An offer counts only with this webview's bridge key,
 * which the runtime wrote into both scripts and which no page script can read, so a page cannot
 * slip in a port of its own; and once taken, neither side listens any more. Requests and
 * replies are events dispatched on that port, which both worlds reach and no page script can:
 * page scripts can neither read nor forge them. Dispatching is synchronous: a call reaches the
 * isolated world without waiting for a task. In sub-frames (the far end is top-frame only) the
 * API does not listen, and calls go through `ipc://`.
 *
 * @module
 */
/**
 * Turns an answer, its kind (one character, see `rampart_core::ipc::message::AnswerKind`) and
 * payload, into a call's result with `read`; throws the call's error.
 */
export type Settle = <T>(kind: string, payload: string, read: (value: unknown) => T) => T | Promise<T>;
/** Whether calls of this frame can take the fast door. */
export declare function available(): boolean;
/**
 * What a call through the message door carries: JSON arguments, or a call sealed by the
 * isolation application, in base64.
 */
export type Kind = "json" | "sealed";
/**
 * Sends a call through the message door (call it where {@link available}); the promise settles
 * with what `settle` makes of the runtime's answer with `read`.
 */
export declare function send<T>(kind: Kind, command: string, body: string, read: (value: unknown) => T, settle: Settle): Promise<T>;

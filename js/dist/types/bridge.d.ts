/**
 * The message door: JSON calls of the top frame go to the runtime's script-message handler
 * through a script in an isolated world (`isolated.ts`), instead of a `fetch` to `ipc://`.
 *
 * The two scripts share a `MessagePort`, handed over at document start: the isolated script
 * (which the runtime injects first) listens once for a `rampart-bridge` event on `document`; this
 * module, evaluated next and still before any page script, dispatches that event synchronously
 * with the port and keeps it in its closure. Requests and replies are events dispatched on that
 * port, which both worlds can reach and no page script can: no page script runs before the
 * exchange, the isolated listener is gone after it, and the port is in no global. So page scripts
 * can neither read the requests and replies nor forge them. Dispatching is synchronous: a call
 * reaches the isolated world without waiting for a task. In sub-frames (the isolated script is
 * top-frame only) nobody answers the handshake, and calls go through `ipc://`.
 *
 * @module
 */
/** Whether calls of this frame can take the fast door. */
export declare function available(): boolean;
/**
 * Sends a JSON call through the message door; `settle` receives the runtime's answer, the JSON
 * text of `{ status, body?, bytes? }` (`status` 0: the caller may not read it).
 */
export declare function send(command: string, args: string, settle: (answer: unknown) => void): void;

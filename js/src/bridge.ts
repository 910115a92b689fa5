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

import {
  MapType,
  MessageChannelType,
  MessageEventType,
  bare,
  dispatchEvent,
  CustomEventType,
  addEventListener,
  customEventDetail,
  document as pageDocument,
  mapDelete,
  mapGet,
  mapSet,
  own,
} from "./captured";

/** What a reply settles: the caller's promise, by call id. */
interface Pending {
  readonly settle: (answer: unknown) => void;
}

/** The port to the isolated world, or `null` where there is no bridge (sub-frames). */
const port: MessagePort | null = (() => {
  const channel = new MessageChannelType();
  const handshake = new MessageEventType(
    "rampart-bridge",
    bare({ ports: [channel.port2], cancelable: true }) as MessageEventInit,
  );
  // The isolated script accepts the port by cancelling the event.
  return dispatchEvent(pageDocument, handshake) ? null : channel.port2;
})();

const pending: Map<number, Pending> = new MapType();
let lastId = 0;

if (port !== null) {
  addEventListener(port, "rampart-reply", (event: Event) => {
    const detail = customEventDetail(event as CustomEvent);
    const id = own(detail, "id");
    if (typeof id !== "number") return;
    const waiting = mapGet(pending, id);
    if (waiting === undefined) return;
    mapDelete(pending, id);
    waiting.settle(own(detail, "answer"));
  });
}

/** Whether calls of this frame can take the fast door. */
export function available(): boolean {
  return port !== null;
}

/**
 * Sends a JSON call through the message door; `settle` receives the runtime's answer, the JSON
 * text of `{ status, body?, bytes? }` (`status` 0: the caller may not read it).
 */
export function send(command: string, args: string, settle: (answer: unknown) => void): void {
  if (port === null) return;
  const id = ++lastId;
  mapSet(pending, id, bare({ settle }));
  dispatchEvent(port, new CustomEventType("rampart-call", bare({ detail: bare({ id, command, args }) }) as CustomEventInit));
}

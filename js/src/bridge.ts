/**
 * The message door: JSON calls of the top frame go to the runtime's script-message handler
 * through a script in an isolated world (`isolated.ts`), instead of a `fetch` to `ipc://`.
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

import {
  CustomEventType,
  MapType,
  addEventListener,
  bare,
  customEventDetail,
  dispatchEvent,
  document as pageDocument,
  isTopFrame,
  mapDelete,
  mapGet,
  mapSet,
  messageEventData,
  messageEventPorts,
  own,
  preventDefault,
  removeEventListener,
} from "./captured";

/** This webview's bridge key, written here by the runtime when it injects the script. */
const KEY = "__RAMPART_BRIDGE_KEY__";

/** What a reply settles: the caller's promise, by call id. */
interface Pending {
  readonly settle: (answer: unknown) => void;
}

/** The port to the isolated world, once the far end offered it; `null` until then, or ever. */
let port: MessagePort | null = null;

function onOffer(event: Event): void {
  const ports = messageEventPorts(event as MessageEvent);
  if (port !== null || messageEventData(event as MessageEvent) !== KEY || ports.length !== 1) return;
  port = ports[0] as MessagePort;
  preventDefault(event);
  removeEventListener(pageDocument, "rampart-bridge", onOffer);
  addEventListener(port, "rampart-reply", onReply);
}

if (isTopFrame) {
  addEventListener(pageDocument, "rampart-bridge", onOffer);
  dispatchEvent(pageDocument, new CustomEventType("rampart-bridge-hello"));
}

const pending: Map<number, Pending> = new MapType();
let lastId = 0;

function onReply(event: Event): void {
  const detail = customEventDetail(event as CustomEvent);
  const id = own(detail, "id");
  if (typeof id !== "number") return;
  const waiting = mapGet(pending, id);
  if (waiting === undefined) return;
  mapDelete(pending, id);
  waiting.settle(own(detail, "answer"));
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

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
  preventDefault,
  removeEventListener,
  stringIndexOf,
  stringSlice,
} from "./captured";

/** This webview's bridge key, written here by the runtime when it injects the script. */
const KEY = "__RAMPART_BRIDGE_KEY__";

/**
 * What a reply settles: the caller's promise, by call id; with the answer's kind (one
 * character, see `settled` in `invoke.ts`) and its payload.
 */
type Pending = (kind: string, payload: string) => void;

/**
 * Separates a request's id, kind, command and body, and a reply's id and answer, in the one
 * string an event carries: a string crosses between the worlds as it is, where an object's
 * detail would be copied (structured clone) for the other world.
 */
const SEP = "\u0000";

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

/** A reply: the call's id, `SEP`, the answer's kind (one character) and its payload. */
function onReply(event: Event): void {
  const detail = customEventDetail(event as CustomEvent);
  if (typeof detail !== "string") return;
  const cut = stringIndexOf(detail, SEP);
  const id = +stringSlice(detail, 0, cut);
  const settle = mapGet(pending, id);
  if (cut < 0 || settle === undefined) return;
  mapDelete(pending, id);
  // A string's characters are its own: indexing it looks nothing up on `String.prototype`.
  settle(detail[cut + 1] ?? "", stringSlice(detail, cut + 2));
}

/**
 * The options of every request event, without a prototype, reused: the engine reads them when
 * the event is made, and only `detail` changes.
 */
const callInit: { detail: string } = bare({ detail: "" });

/** Whether calls of this frame can take the fast door. */
export function available(): boolean {
  return port !== null;
}

/**
 * What a call through the message door carries: JSON arguments, or a call sealed by the
 * isolation application, in base64.
 */
export type Kind = "json" | "sealed";

/**
 * Sends a call through the message door; `settle` receives the runtime's answer: its kind and
 * payload (see `rampart_core::ipc::message::AnswerKind`).
 */
export function send(kind: Kind, command: string, body: string, settle: Pending): void {
  if (port === null) return;
  const id = ++lastId;
  mapSet(pending, id, settle);
  callInit.detail = id + SEP + kind + SEP + command + SEP + body;
  dispatchEvent(port, new CustomEventType("rampart-call", callInit));
}

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
  PromiseType,
  addEventListener,
  bare,
  customEventDetail,
  defineProperty,
  dispatchEvent,
  dispatchEventMethod,
  document as pageDocument,
  isTopFrame,
  messageEventData,
  messageEventPorts,
  ownMap,
  preventDefault,
  removeEventListener,
  stringIndexOf,
  stringSlice,
} from "./captured";

/** This webview's bridge key, written here by the runtime when it injects the script. */
const KEY = "__RAMPART_BRIDGE_KEY__";

/**
 * Turns an answer, its kind (one character, see `rampart_core::ipc::message::AnswerKind`) and
 * payload, into a call's result with `read`; throws the call's error.
 */
export type Settle = <T>(kind: string, payload: string, read: (value: unknown) => T) => T | Promise<T>;

/** A call waiting for its answer: its promise's two ends, and how its answer is read. */
interface Waiting {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly read: (value: unknown) => unknown;
  readonly settle: Settle;
}

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
  // Its own `dispatchEvent`: sending a call looks nothing up on `EventTarget.prototype`.
  defineProperty(port, "dispatchEvent", bare({ value: dispatchEventMethod }));
  preventDefault(event);
  removeEventListener(pageDocument, "rampart-bridge", onOffer);
  addEventListener(port, "rampart-reply", onReply);
}

if (isTopFrame) {
  addEventListener(pageDocument, "rampart-bridge", onOffer);
  dispatchEvent(pageDocument, new CustomEventType("rampart-bridge-hello"));
}

const pending: Map<number, Waiting> = ownMap();
let lastId = 0;

/** A reply: the call's id, `SEP`, the answer's kind (one character) and its payload. */
function onReply(event: Event): void {
  const detail = customEventDetail(event as CustomEvent);
  if (typeof detail !== "string") return;
  const cut = stringIndexOf(detail, SEP);
  const id = +stringSlice(detail, 0, cut);
  const waiting = pending.get(id);
  if (cut < 0 || waiting === undefined) return;
  pending.delete(id);
  // A string's characters and length are its own: indexing it within its length looks nothing
  // up on `String.prototype` (past it, a page's getter for that index would run).
  const kind = cut + 1 < detail.length ? (detail[cut + 1] as string) : "";
  try {
    waiting.resolve(waiting.settle(kind, stringSlice(detail, cut + 2), waiting.read));
  } catch (error) {
    waiting.reject(error);
  }
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
 * Sends a call through the message door (call it where {@link available}); the promise settles
 * with what `settle` makes of the runtime's answer with `read`.
 */
export function send<T>(
  kind: Kind,
  command: string,
  body: string,
  read: (value: unknown) => T,
  settle: Settle,
): Promise<T> {
  return new PromiseType<T>((resolve, reject) => {
    const id = ++lastId;
    pending.set(id, { resolve: resolve as (result: unknown) => void, reject, read, settle });
    callInit.detail = id + SEP + kind + SEP + command + SEP + body;
    (port as MessagePort).dispatchEvent(new CustomEventType("rampart-call", callInit));
  });
}

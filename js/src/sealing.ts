/**
 * The API's side of the isolation pattern: when the app runs with it, every call of a page of
 * the app's own origin goes to the isolation application — a sandboxed frame on
 * `isolation://localhost`, added to the document on the first call — which runs the author's
 * hook and seals the call with this webview's key. The sealed call then goes to `ipc://` as
 * `application/x-rampart-sealed`. The gate accepts nothing else from the app's own origin.
 *
 * Everything here is captured at load, before any page script runs; the frame's answers come
 * on a private `MessagePort` per call. A page that removes or replaces the frame can only make
 * its own calls fail: what it could seal itself, the gate cannot open.
 *
 * @module
 */

import { IpcError } from "./error";
import { isAppOrigin } from "./origins";

/** Whether this webview runs with the isolation pattern: written by the runtime ("1" or "0"). */
const ISOLATED: string = "__RAMPART_ISOLATION__";

const FRAME_URL = "isolation://localhost/index.html";
/** How long the isolation application may take to get ready. */
const READY_TIMEOUT_MS = 10000;

const doc = document;
const createElement = Document.prototype.createElement.bind(doc) as (tag: string) => HTMLElement;
const appendChild = Node.prototype.appendChild;
const setAttribute = Element.prototype.setAttribute;
const contentWindowOf = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, "contentWindow")?.get;
const MessageChannelType = MessageChannel;
const portClose = MessagePort.prototype.close;
const addEventListenerTo = EventTarget.prototype.addEventListener;
const PromiseType = Promise;
const setTimer = window.setTimeout.bind(window);
const documentElementOf = Object.getOwnPropertyDescriptor(Document.prototype, "documentElement")?.get;
const sourceOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "source")?.get;
const dataOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data")?.get;
const pageOrigin = self.origin;

/** Whether this document's calls are sealed. */
export function sealing(): boolean {
  return ISOLATED === "1" && isAppOrigin(pageOrigin);
}

// Every document of the app's own origins gets its isolation frame as soon as it has an element to
// hold it, so that the first call does not wait for the frame to load.
if (sealing()) {
  addEventListenerTo.call(doc, "DOMContentLoaded", () => {
    ready().then(undefined, () => undefined);
  });
}

/**
 * What the isolation application made of a call: sealed, ready for the door (the command the
 * hook let through, and the envelope), or refused (why, and a sealed notice of it for the app's
 * refusal hook).
 */
export type Sealed =
  | { readonly command: string; readonly envelope: Uint8Array; readonly refused?: undefined }
  | { readonly refused: string; readonly notice: Uint8Array | null };

let frame: Promise<Window> | null = null;

/** The isolation frame's window, once its application is ready. */
function ready(): Promise<Window> {
  if (frame !== null) return frame;
  frame = new PromiseType<Window>((resolve, reject) => {
    const element = createElement("iframe") as HTMLIFrameElement;
    setAttribute.call(element, "sandbox", "allow-scripts");
    setAttribute.call(element, "hidden", "");
    setAttribute.call(element, "src", FRAME_URL);
    const timer = setTimer(() => reject(new IpcError("internal", "the isolation application did not start")), READY_TIMEOUT_MS);
    addEventListenerTo.call(window, "message", (event: Event) => {
      const target = contentWindowOf ? (contentWindowOf.call(element) as Window | null) : null;
      if (target === null || sourceOf?.call(event) !== target) return;
      const data = dataOf?.call(event) as { rampartIsolation?: unknown } | null;
      if (data !== null && typeof data === "object" && data.rampartIsolation === "ready") {
        clearTimeout(timer);
        resolve(target);
      }
    });
    const root = documentElementOf?.call(doc) as Element | null;
    if (root === null || root === undefined) {
      reject(new IpcError("internal", "the document has no element to hold the isolation application"));
      return;
    }
    appendChild.call(root, element);
  });
  return frame;
}

/**
 * Sends `command` and its arguments (a JSON text, or bytes) through the isolation application:
 * the sealed call, or its refusal.
 */
export function seal(command: string, args: string | Uint8Array): Promise<Sealed> {
  return ready().then(
    (target) =>
      new PromiseType<Sealed>((resolve) => {
        const channel = new MessageChannelType();
        channel.port1.onmessage = (event: MessageEvent) => {
          portClose.call(channel.port1);
          const reply = event.data as { command?: unknown; sealed?: unknown; refused?: unknown; notice?: unknown } | null;
          if (reply !== null && typeof reply === "object" && reply.sealed instanceof Uint8Array && typeof reply.command === "string") {
            resolve({ command: reply.command, envelope: reply.sealed });
          } else {
            const ok = reply !== null && typeof reply === "object";
            const why = ok && typeof reply.refused === "string" ? reply.refused : "the isolation application refused the call";
            resolve({ refused: why, notice: ok && reply.notice instanceof Uint8Array ? reply.notice : null });
          }
        };
        const call = typeof args === "string" ? { command, json: args } : { command, bytes: args };
        // Another window's `postMessage` is its own: a page cannot replace it across origins.
        target.postMessage({ rampartCall: call }, "*", [channel.port2]);
      }),
  );
}

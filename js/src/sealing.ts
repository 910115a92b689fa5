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

import {
  MapType,
  MessageChannelType,
  PromiseType,
  Uint8ArrayType,
  addEventListener,
  appendChild,
  bare,
  channelPort1,
  channelPort2,
  clearTimeout,
  createElement,
  document as doc,
  documentElement,
  frameWindow,
  isConnected,
  mapDelete,
  mapForEach,
  mapSet,
  mapSize,
  messageEventData,
  messageEventSource,
  own,
  portClose,
  portStart,
  setAttribute,
  setTimeout,
  then,
} from "./captured";
import { IpcError } from "./error";
import { isAppOrigin } from "./origins";

/** Whether this webview runs with the isolation pattern: written by the runtime ("1" or "0"). */
const ISOLATED: string = "__RAMPART_ISOLATION__";

const FRAME_URL = "isolation://localhost/index.html";
/** How long the isolation application may take to get ready. */
const READY_TIMEOUT_MS = 10000;

const pageOrigin = self.origin;

/** Whether this document's calls are sealed. */
export function sealing(): boolean {
  return ISOLATED === "1" && isAppOrigin(pageOrigin);
}

// Every document of the app's own origins gets its isolation frame as soon as it has an element to
// hold it, so that the first call does not wait for the frame to load.
if (sealing()) {
  addEventListener(doc, "DOMContentLoaded", () => {
    then(ready(), undefined, () => undefined);
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

/** The isolation frame being made or made, and its element. */
let frame: Promise<Window> | null = null;
let element: HTMLIFrameElement | null = null;

/**
 * The isolation frame's window, once its application is ready. A frame taken out of the
 * document (by the page, or by a framework that replaces the document's content) is made
 * again, under a session of its own: calls would otherwise wait on a frame that is gone.
 */
function ready(): Promise<Window> {
  if (frame !== null && element !== null && isConnected(element)) return frame;
  const made = createElement(doc, "iframe") as HTMLIFrameElement;
  element = made;
  frame = new PromiseType<Window>((resolve, reject) => {
    setAttribute(made, "sandbox", "allow-scripts");
    setAttribute(made, "hidden", "");
    setAttribute(made, "src", FRAME_URL);
    const timer = setTimeout(() => reject(new IpcError("internal", "the isolation application did not start")), READY_TIMEOUT_MS);
    addEventListener(window, "message", (event: Event) => {
      const target = frameWindow(made);
      if (target === null || messageEventSource(event as MessageEvent) !== target) return;
      if (own(messageEventData(event as MessageEvent), "rampartIsolation") === "ready") {
        clearTimeout(timer);
        resolve(target);
      }
    });
    const root = documentElement(doc);
    if (root === null) {
      reject(new IpcError("internal", "the document has no element to hold the isolation application"));
      return;
    }
    appendChild(root, made);
  });
  return frame;
}

/** How often calls waiting on an isolation frame look whether it is still in the document. */
const REMOVAL_CHECK_MS = 250;

/** A call the isolation frame has not answered yet: its frame, and what fails it. */
interface Waiting {
  readonly frame: HTMLIFrameElement;
  readonly fail: () => void;
}

/** The calls the isolation frames have not answered, by a number of their own. */
const waiting: Map<number, Waiting> = new MapType();
let lastWaiting = 0;
let checking = false;

/**
 * Fails the waiting calls whose frame was taken out of the document: a removed frame never
 * answers. Looks again while any call waits.
 */
function checkRemoved(): void {
  mapForEach(waiting, (call, id) => {
    if (!isConnected(call.frame)) {
      mapDelete(waiting, id);
      call.fail();
    }
  });
  checking = mapSize(waiting) > 0;
  if (checking) setTimeout(checkRemoved, REMOVAL_CHECK_MS);
}

/**
 * Sends `command` and its arguments (a JSON text, or bytes) through the isolation application:
 * the sealed call, or its refusal. The reply is read through its own properties only. A call
 * whose frame is taken out of the document before it answers fails with `internal`.
 */
export function seal(command: string, args: string | Uint8Array): Promise<Sealed> {
  const made = ready();
  const holder = element as HTMLIFrameElement;
  return then(
    made,
    (target) =>
      new PromiseType<Sealed>((resolve, reject) => {
        const channel = new MessageChannelType();
        const port = channelPort1(channel);
        const id = ++lastWaiting;
        const fail = (): void => {
          portClose(port);
          reject(new IpcError("internal", "the isolation application was taken out of the document during the call"));
        };
        mapSet(waiting, id, bare({ frame: holder, fail }) as Waiting);
        if (!checking) {
          checking = true;
          setTimeout(checkRemoved, REMOVAL_CHECK_MS);
        }
        addEventListener(port, "message", (event: Event) => {
          mapDelete(waiting, id);
          portClose(port);
          const reply = messageEventData(event as MessageEvent);
          const command = own(reply, "command");
          const envelope = own(reply, "sealed");
          if (envelope instanceof Uint8ArrayType && typeof command === "string") {
            resolve({ command, envelope });
            return;
          }
          const refused = own(reply, "refused");
          const notice = own(reply, "notice");
          resolve({
            refused: typeof refused === "string" ? refused : "the isolation application refused the call",
            notice: notice instanceof Uint8ArrayType ? notice : null,
          });
        });
        portStart(port);
        const call = typeof args === "string" ? { command, json: args } : { command, bytes: args };
        // Another window's `postMessage` is its own: a page cannot replace it across origins.
        target.postMessage({ rampartCall: call }, "*", [channelPort2(channel)]);
      }),
  );
}

/**
 * The far end of the message door, injected by the runtime into an isolated script world of
 * the top frame only, at document start, before any page script. It offers the main-world API
 * a private `MessagePort`, with the webview's bridge key (see `bridge.ts`). Page scripts cannot
 * reach this world's globals, and nothing here is reachable from theirs.
 *
 * Each request the API dispatches on that port is stamped with this document's real origin,
 * `self.origin` (`"null"` for a sandboxed document, whatever `location` says), and posted to
 * the runtime's script-message handler, which exists in this world only. The promise that
 * `postMessage` returns settles with the runtime's answer, which starts with the request's id
 * and goes back to the API on the same port as it is.
 *
 * @module
 */

interface Handler {
  postMessage(message: string): Promise<unknown>;
}

(() => {
  "use strict";
  /** This webview's bridge key, written here by the runtime when it injects the script. */
  const KEY = "__RAMPART_BRIDGE_KEY__";
  const OFFER = "rampart-bridge";
  const HELLO = "rampart-bridge-hello";
  const origin = self.origin;
  const handler = (window as unknown as { webkit?: { messageHandlers?: { rampart?: Handler } } })
    .webkit?.messageHandlers?.rampart;
  if (!handler) return;
  const post = handler.postMessage.bind(handler);
  const CustomEventType = CustomEvent;
  const dispatch = EventTarget.prototype.dispatchEvent;
  /** The answer of a call the runtime did not answer: an error (kind `e`, see `invoke.ts`). */
  const FAILED = "e" + JSON.stringify({ code: "internal", message: "the call failed" });
  let port: MessagePort | null = null;

  /** Separates the fields of a request and of a reply (see `bridge.ts`). */
  const SEP = "\u0000";

  function reply(detail: string): void {
    if (port === null) return;
    dispatch.call(port, new CustomEventType("rampart-reply", { detail }));
  }

  /**
   * A request is the call's `id`, kind, `command` and body, separated by `SEP`. It goes
   * to the runtime as it is, after this document's origin; the runtime's answer starts with the
   * same id, and goes back to the API as it is.
   */
  function onRequest(event: Event): void {
    const request = (event as CustomEvent).detail as unknown;
    if (typeof request !== "string") return;
    post(origin + SEP + request).then(
      (answer) => reply(typeof answer === "string" ? answer : failed(request)),
      () => reply(failed(request)),
    );
  }

  /** The answer to `request` when the runtime gave none. */
  function failed(request: string): string {
    return request.slice(0, request.indexOf(SEP)) + SEP + FAILED;
  }

  /**
   * Offers the API a port, with the key; true once it took it. The API runs at document start
   * too: before this script (then it is listening now) or after it (then it says hello first).
   * Both keep the same port: requests and replies are events dispatched on it, not messages.
   */
  function offer(): boolean {
    const shared = new MessageChannel().port1;
    const event = new MessageEvent(OFFER, { data: KEY, ports: [shared], cancelable: true });
    if (document.dispatchEvent(event)) return false;
    port = shared;
    port.addEventListener("rampart-call", onRequest);
    document.removeEventListener(HELLO, onHello, true);
    return true;
  }

  function onHello(): void {
    if (port === null) offer();
  }

  if (!offer()) document.addEventListener(HELLO, onHello, true);
})();

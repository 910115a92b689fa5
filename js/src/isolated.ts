/**
 * The far end of the message door, injected by the runtime into an isolated script world of
 * the top frame only, at document start: before any page script, and before the main-world
 * API, which hands it a private `MessagePort` at once (see `bridge.ts`). Page scripts cannot
 * reach this world's globals, and nothing here is reachable from theirs.
 *
 * Each request the API dispatches on that port is stamped with this document's real origin,
 * `self.origin` (`"null"` for a sandboxed document, whatever `location` says), and posted to
 * the runtime's script-message handler, which exists in this world only. The promise that
 * `postMessage` returns settles with the runtime's answer, which goes back to the API on the
 * same port, under the request's id.
 *
 * @module
 */

interface Handler {
  postMessage(message: string): Promise<unknown>;
}

(() => {
  "use strict";
  const HANDSHAKE = "rampart-bridge";
  const origin = self.origin;
  const handler = (window as unknown as { webkit?: { messageHandlers?: { rampart?: Handler } } })
    .webkit?.messageHandlers?.rampart;
  if (!handler) return;
  const post = handler.postMessage.bind(handler);
  const stringify = JSON.stringify;
  const CustomEventType = CustomEvent;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const FAILED = stringify({ status: 500, body: { code: "internal", message: "the call failed" } });
  let port: MessagePort | null = null;

  function reply(id: number, answer: unknown): void {
    if (port === null) return;
    const detail = { id, answer: typeof answer === "string" ? answer : FAILED };
    dispatch.call(port, new CustomEventType("rampart-reply", { detail }));
  }

  function onRequest(event: Event): void {
    const request = (event as CustomEvent).detail as { id?: unknown; command?: unknown; args?: unknown } | null;
    if (typeof request !== "object" || request === null) return;
    const { id, command, args } = request;
    if (typeof id !== "number" || typeof command !== "string" || typeof args !== "string") return;
    post(stringify({ command, origin, args })).then(
      (answer) => reply(id, answer),
      () => reply(id, FAILED),
    );
  }

  function onHandshake(event: Event): void {
    document.removeEventListener(HANDSHAKE, onHandshake, true);
    const ports = (event as MessageEvent).ports;
    if (port !== null || !ports || ports.length !== 1) return;
    port = ports[0] as MessagePort;
    port.addEventListener("rampart-call", onRequest);
    event.preventDefault();
  }

  document.addEventListener(HANDSHAKE, onHandshake, true);
})();

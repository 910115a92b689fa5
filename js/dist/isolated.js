// The script Rampart injects into an isolated world of the top frame: the message door's far end.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).
"use strict";
(() => {
  // src/isolated.ts
  (() => {
    "use strict";
    const HANDSHAKE = "rampart-bridge";
    const origin = self.origin;
    const handler = window.webkit?.messageHandlers?.rampart;
    if (!handler) return;
    const post = handler.postMessage.bind(handler);
    const stringify = JSON.stringify;
    const CustomEventType = CustomEvent;
    const dispatch = EventTarget.prototype.dispatchEvent;
    const FAILED = stringify({ status: 500, body: { code: "internal", message: "the call failed" } });
    let port = null;
    function reply(id, answer) {
      if (port === null) return;
      const detail = { id, answer: typeof answer === "string" ? answer : FAILED };
      dispatch.call(port, new CustomEventType("rampart-reply", { detail }));
    }
    function onRequest(event) {
      const request = event.detail;
      if (typeof request !== "object" || request === null) return;
      const { id, command, args } = request;
      if (typeof id !== "number" || typeof command !== "string" || typeof args !== "string") return;
      post(stringify({ command, origin, args })).then(
        (answer) => reply(id, answer),
        () => reply(id, FAILED)
      );
    }
    function onHandshake(event) {
      document.removeEventListener(HANDSHAKE, onHandshake, true);
      const ports = event.ports;
      if (port !== null || !ports || ports.length !== 1) return;
      port = ports[0];
      port.addEventListener("rampart-call", onRequest);
      event.preventDefault();
    }
    document.addEventListener(HANDSHAKE, onHandshake, true);
  })();
})();

// The script Rampart injects into an isolated world of the top frame: the message door's far end.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).
"use strict";
(() => {
  // src/isolated.ts
  (() => {
    "use strict";
    const KEY = "__RAMPART_BRIDGE_KEY__";
    const OFFER = "rampart-bridge";
    const HELLO = "rampart-bridge-hello";
    const origin = self.origin;
    const handler = window.webkit?.messageHandlers?.rampart;
    if (!handler) return;
    const post = handler.postMessage.bind(handler);
    const CustomEventType = CustomEvent;
    const dispatch = EventTarget.prototype.dispatchEvent;
    const FAILED = "e" + JSON.stringify({ code: "internal", message: "the call failed" });
    let port = null;
    const SEP = "\0";
    function reply(detail) {
      if (port === null) return;
      dispatch.call(port, new CustomEventType("rampart-reply", { detail }));
    }
    function onRequest(event) {
      const request = event.detail;
      if (typeof request !== "string") return;
      post(origin + SEP + request).then(
        (answer) => reply(typeof answer === "string" ? answer : failed(request)),
        () => reply(failed(request))
      );
    }
    function failed(request) {
      return request.slice(0, request.indexOf(SEP)) + SEP + FAILED;
    }
    function offer() {
      const shared = new MessageChannel().port1;
      const event = new MessageEvent(OFFER, { data: KEY, ports: [shared], cancelable: true });
      if (document.dispatchEvent(event)) return false;
      port = shared;
      port.addEventListener("rampart-call", onRequest);
      document.removeEventListener(HELLO, onHello, true);
      return true;
    }
    function onHello() {
      if (port === null) offer();
    }
    if (!offer()) document.addEventListener(HELLO, onHello, true);
  })();
})();

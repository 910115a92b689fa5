// The script Rampart injects into the isolation application's frame: it runs the author's hook and seals calls.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).
"use strict";
(() => {
  // src/framed.ts
  var encoder = new TextEncoder();
  var stringify = JSON.stringify;
  var BytesType = Uint8Array;
  var DataViewType = DataView;
  function framed(head, data) {
    const headBytes = encoder.encode(stringify(head));
    const body = new BytesType(4 + headBytes.length + data.length);
    new DataViewType(body.buffer).setUint32(0, headBytes.length);
    body.set(headBytes, 4);
    body.set(data, 4 + headBytes.length);
    return body;
  }

  // src/origins.ts
  var APP_ORIGIN = "app://localhost";
  var DEV_ORIGIN = "__RAMPART_DEV_ORIGIN__";
  var APP_ORIGINS = DEV_ORIGIN === "" ? [APP_ORIGIN] : [APP_ORIGIN, DEV_ORIGIN];
  function isAppOrigin(origin) {
    return origin === APP_ORIGIN || DEV_ORIGIN !== "" && origin === DEV_ORIGIN;
  }

  // src/isolation.ts
  var KEY = "__RAMPART_ISOLATION_KEY__";
  var WEBVIEW = "__RAMPART_ISOLATION_WEBVIEW__";
  (function isolation() {
    const parentWindow = window.parent;
    if (self.origin !== "null" || parentWindow === window || location.pathname !== "/index.html") return;
    const subtle = crypto.subtle;
    const importKey = subtle.importKey.bind(subtle);
    const encrypt = subtle.encrypt.bind(subtle);
    const randomValues = crypto.getRandomValues.bind(crypto);
    const parse = JSON.parse;
    const fromBase64 = window.atob.bind(window);
    const Uint8ArrayType = Uint8Array;
    const PromiseType = Promise;
    const listen = window.addEventListener.bind(window);
    const binary = fromBase64(KEY);
    const raw = new Uint8ArrayType(binary.length);
    for (let i = 0; i < binary.length; i++) raw[i] = binary.charCodeAt(i);
    const key = importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt"]);
    raw.fill(0);
    const drawn = randomValues(new Uint32Array(2));
    const session = (drawn[0] & 2097151) * 4294967296 + drawn[1] + 1;
    let counter = 0;
    const now = Date.now;
    async function handle(call) {
      if (typeof call.command !== "string") return { refused: "not a call" };
      let request = call.bytes instanceof Uint8ArrayType ? { command: call.command, bytes: call.bytes } : { command: call.command, args: typeof call.json === "string" ? parse(call.json) : {} };
      const asked = call.command;
      const hook = window.__RAMPART_ISOLATION_HOOK__;
      try {
        if (typeof hook === "function") request = await hook(request);
      } catch (error) {
        return refusal(asked, "the isolation hook threw: " + String(error));
      }
      if (request === null || request === void 0 || typeof request.command !== "string") {
        return refusal(asked, "the isolation application refused the call");
      }
      counter += 1;
      const plain = request.bytes instanceof Uint8ArrayType ? framed({ command: request.command, webview: WEBVIEW, session, counter, time: now(), bytes: true }, request.bytes) : framed(
        { command: request.command, webview: WEBVIEW, session, counter, time: now(), args: request.args === void 0 ? {} : request.args },
        new Uint8ArrayType(0)
      );
      return { command: request.command, sealed: await sealed(plain) };
    }
    async function sealed(plain) {
      const iv = randomValues(new Uint8ArrayType(12));
      const ciphertext = new Uint8ArrayType(await encrypt({ name: "AES-GCM", iv }, await key, plain));
      const envelope = new Uint8ArrayType(12 + ciphertext.length);
      envelope.set(iv);
      envelope.set(ciphertext, 12);
      return envelope;
    }
    async function refusal(command, reason) {
      counter += 1;
      const head = { command: "__isolation_refused", webview: WEBVIEW, session, counter, time: now(), args: { command, reason } };
      return { refused: reason, notice: await sealed(framed(head, new Uint8ArrayType(0))) };
    }
    let loaded = false;
    const waiting = [];
    listen("message", (event) => {
      if (event.source !== parentWindow || !isAppOrigin(event.origin)) return;
      const port = event.ports[0];
      const data = event.data;
      if (port === void 0 || data === null || typeof data !== "object" || typeof data.rampartCall !== "object") return;
      const call = data.rampartCall;
      const answer = () => {
        new PromiseType((resolve) => resolve(handle(call))).then(
          (reply) => port.postMessage(reply),
          (error) => port.postMessage({ refused: "the isolation application refused the call: " + String(error) })
        );
      };
      if (loaded) answer();
      else waiting.push(answer);
    });
    listen("load", () => {
      loaded = true;
      for (const answer of waiting.splice(0)) answer();
      for (const origin of APP_ORIGINS) parentWindow.postMessage({ rampartIsolation: "ready" }, origin);
    });
  })();
})();

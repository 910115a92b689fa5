// The script Rampart injects into every page of the app before any page script runs.
// It captures what it needs first, so a page script that later replaces `fetch`, `JSON` or
// `Promise` cannot intercept calls, and exposes a frozen, non-writable `window.__RAMPART__`.
// It holds no secret: authorization happens in Rust, from facts the engine reports.
(function () {
  "use strict";
  var fetch = window.fetch.bind(window);
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var encode = encodeURIComponent;
  var freeze = Object.freeze;
  var defineProperty = Object.defineProperty;
  var ErrorBase = Error;
  var ArrayBufferType = ArrayBuffer;
  var Uint8ArrayType = Uint8Array;

  /** An error from a command or from the IPC door; `code` is one of the stable codes. */
  function IpcError(code, message) {
    var error = new ErrorBase(message);
    defineProperty(error, "name", { value: "IpcError" });
    defineProperty(error, "code", { value: code, enumerable: true });
    return error;
  }

  function isBytes(value) {
    return value instanceof ArrayBufferType || value instanceof Uint8ArrayType;
  }

  /** Calls a command. `args` is an object (sent as JSON) or bytes (sent raw). */
  function invoke(command, args) {
    var raw = isBytes(args);
    var init = {
      method: "POST",
      headers: { "Content-Type": raw ? "application/octet-stream" : "application/json" },
      body: raw ? args : stringify(args === undefined ? {} : args),
    };
    return fetch("ipc://localhost/" + encode(command), init).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        return response.text().then(function (text) {
          var body;
          try { body = parse(text); } catch (e) { body = { code: "internal", message: text }; }
          throw IpcError(body.code || "internal", body.message || "the call failed");
        });
      }
      if (type.indexOf("application/octet-stream") === 0) {
        return response.arrayBuffer().then(function (buffer) { return new Uint8ArrayType(buffer); });
      }
      return response.text().then(function (text) { return text === "" ? null : parse(text); });
    });
  }

  defineProperty(window, "__RAMPART__", {
    value: freeze({ invoke: invoke }),
    writable: false,
    enumerable: false,
    configurable: false,
  });
})();

// The script Rampart injects into every page before any page script runs: window.__RAMPART__.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).
"use strict";
(() => {
  // src/captured.ts
  var bindCall = Function.prototype.bind.bind(Function.prototype.call);
  function uncurry(method) {
    return bindCall(method);
  }
  function getter(prototype, name) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (!descriptor || !descriptor.get) throw new TypeError("Rampart: no getter " + name);
    return bindCall(descriptor.get);
  }
  var fetch = window.fetch.bind(window);
  var setTimeout = window.setTimeout.bind(window);
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var encodeComponent = encodeURIComponent;
  var freeze = Object.freeze;
  var defineProperty = Object.defineProperty;
  var createObject = Object.create;
  var ArrayBufferType = ArrayBuffer;
  var Uint8ArrayType = Uint8Array;
  var resolved = Promise.resolve.bind(Promise);
  var then = uncurry(Promise.prototype.then);
  var responseOk = getter(Response.prototype, "ok");
  var responseHeaders = getter(Response.prototype, "headers");
  var responseText = uncurry(Response.prototype.text);
  var responseArrayBuffer = uncurry(Response.prototype.arrayBuffer);
  var headersGet = uncurry(Headers.prototype.get);
  var stringIndexOf = uncurry(String.prototype.indexOf);
  var stringCharCodeAt = uncurry(String.prototype.charCodeAt);
  var decodeBase64 = window.atob.bind(window);
  var arrayPush = uncurry(Array.prototype.push);
  var arrayIndexOf = uncurry(Array.prototype.indexOf);
  var arraySplice = uncurry(Array.prototype.splice);
  var arraySlice = uncurry(Array.prototype.slice);

  // src/error.ts
  var IPC_ERROR_CODES = freeze([
    "denied",
    "not_found",
    "bad_request",
    "too_large",
    "busy",
    "internal"
  ]);
  function isIpcErrorCode(value) {
    for (let i = 0; i < IPC_ERROR_CODES.length; i++) {
      if (IPC_ERROR_CODES[i] === value) return true;
    }
    return false;
  }
  var IpcError = class extends Error {
    /**
     * @param code - why the call failed.
     * @param message - a human-readable description; in release builds it reveals nothing of the
     *   app's configuration.
     * @param data - what the command sent with its error, if anything.
     */
    constructor(code, message, data) {
      super(message);
      defineProperty(this, "name", { value: "IpcError" });
      defineProperty(this, "code", { value: code, enumerable: true });
      defineProperty(this, "data", { value: data, enumerable: data !== void 0 });
    }
  };
  freeze(IpcError.prototype);
  freeze(IpcError);

  // src/invoke.ts
  function isBytes(value) {
    return value instanceof ArrayBufferType || value instanceof Uint8ArrayType;
  }
  function errorFrom(text) {
    let body = null;
    try {
      body = parse(text);
    } catch {
    }
    const { code, message, data } = typeof body === "object" && body !== null ? body : { code: "internal", message: text, data: void 0 };
    return new IpcError(
      isIpcErrorCode(code) ? code : "internal",
      typeof message === "string" && message !== "" ? message : "the call failed",
      data
    );
  }
  function invoke(command, args) {
    const raw = isBytes(args);
    const init = {
      method: "POST",
      headers: { "Content-Type": raw ? "application/octet-stream" : "application/json" },
      body: raw ? args : stringify(args === void 0 ? {} : args)
    };
    return then(fetch("ipc://localhost/" + encodeComponent(command), init), (response) => {
      const type = headersGet(responseHeaders(response), "Content-Type") || "";
      if (!responseOk(response)) {
        return then(responseText(response), (text) => {
          throw errorFrom(text);
        });
      }
      if (stringIndexOf(type, "application/octet-stream") === 0) {
        return then(responseArrayBuffer(response), (buffer) => new Uint8ArrayType(buffer));
      }
      return then(responseText(response), (text) => text === "" ? null : parse(text));
    });
  }

  // src/channel.ts
  function delivered(value) {
    if (typeof value !== "object" || value === null) return value;
    const encoded = value.__rampartBytes;
    if (typeof encoded !== "string") return value;
    const binary = decodeBase64(encoded);
    const bytes = new Uint8ArrayType(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = stringCharCodeAt(binary, i);
    return bytes;
  }
  function pull(id, state, onmessage) {
    return then(invoke("plugin:channel|next", { id }), (batch) => {
      const values = batch.values;
      for (let i = 0; i < values.length; i++) onmessage(delivered(values[i]));
      if (batch.closed || state.closed) return void 0;
      return pull(id, state, onmessage);
    });
  }
  function nothing() {
  }
  var Channel = class _Channel {
    /**
     * Opens a channel: resolves once the runtime has created it. `onmessage(value)` is called for
     * each value, in order.
     *
     * @param onmessage - called with each value the command sends.
     * @typeParam T - the type of the values; not checked at run time.
     */
    static open(onmessage) {
      return then(invoke("plugin:channel|open"), (opened) => new _Channel(opened.id, onmessage));
    }
    /** Starts pulling the channel `id`; private: {@link Channel.open} opens one first. */
    constructor(id, onmessage) {
      const state = { closed: false };
      this.id = id;
      this.done = pull(id, state, onmessage);
      this.close = function close() {
        state.closed = true;
        return then(invoke("plugin:channel|close", { id }), nothing, nothing);
      };
      this.toJSON = function toJSON() {
        return { __rampartChannel: id };
      };
      freeze(this);
    }
  };
  freeze(Channel.prototype);
  freeze(Channel);
  function channel(onmessage) {
    return Channel.open(onmessage);
  }

  // src/events.ts
  var listeners = createObject(null);
  function nothing2() {
  }
  function listen(event, callback) {
    const existing = listeners[event];
    const first = existing === void 0;
    const list = existing ?? (listeners[event] = []);
    arrayPush(list, callback);
    function remove() {
      const index = arrayIndexOf(list, callback);
      if (index >= 0) arraySplice(list, index, 1);
      if (list.length === 0 && listeners[event] === list) {
        delete listeners[event];
        return true;
      }
      return false;
    }
    const ready = first ? invoke("plugin:event|listen", { event }) : resolved(null);
    return then(
      ready,
      () => function unlisten() {
        return remove() ? then(invoke("plugin:event|unlisten", { event }), nothing2) : resolved(void 0);
      },
      (error) => {
        remove();
        throw error;
      }
    );
  }
  function emit(event, payload) {
    return then(invoke("plugin:event|emit", { event, payload: payload === void 0 ? null : payload }), nothing2);
  }
  function dispatch(message) {
    const list = listeners[message.event];
    if (!list) return;
    const callbacks = arraySlice(list);
    for (let i = 0; i < callbacks.length; i++) {
      const callback = callbacks[i];
      try {
        callback({ event: message.event, payload: message.payload });
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  // src/inject.ts
  var api = freeze({
    invoke,
    listen,
    emit,
    channel,
    Channel,
    IpcError,
    __dispatch: dispatch
  });
  defineProperty(window, "__RAMPART__", {
    value: api,
    writable: false,
    enumerable: false,
    configurable: false
  });
})();

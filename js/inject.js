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

  // Callbacks by event name. The page hears an event only after `listen` passed the door.
  var listeners = Object.create(null);

  /**
   * Calls `callback({ event, payload })` for every `event` the app emits to this webview.
   * Resolves to a function that stops listening; rejects (code `denied`) when no capability
   * grants this webview that event.
   */
  function listen(event, callback) {
    var list = listeners[event];
    var first = !list;
    if (first) list = listeners[event] = [];
    list.push(callback);
    function remove() {
      var index = list.indexOf(callback);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0 && listeners[event] === list) {
        delete listeners[event];
        return true;
      }
      return false;
    }
    var ready = first ? invoke("plugin:event|listen", { event: event }) : Promise.resolve();
    return ready.then(
      function () {
        return function unlisten() {
          return remove() ? invoke("plugin:event|unlisten", { event: event }) : Promise.resolve();
        };
      },
      function (error) {
        remove();
        throw error;
      }
    );
  }

  /**
   * Sends `event` with `payload` to every webview granted to hear it and listening (this one
   * included). Rejects (code `denied`) unless a capability grants this webview `event:allow-emit`
   * with a scope naming the event.
   */
  function emit(event, payload) {
    return invoke("plugin:event|emit", { event: event, payload: payload === undefined ? null : payload });
  }

  /** Called by the runtime (with JSON data only) to deliver an event. */
  function dispatch(message) {
    var list = listeners[message.event];
    if (!list) return;
    list.slice().forEach(function (callback) {
      try {
        callback({ event: message.event, payload: message.payload });
      } catch (error) {
        setTimeout(function () { throw error; });
      }
    });
  }

  /**
   * Opens a channel a command can stream values into: pass the returned object as an argument
   * (`invoke("download", { progress: channel })`). `onmessage(value)` is called for each value,
   * in order; `channel.done` settles when the command has finished sending; `channel.close()`
   * stops it early.
   */
  function channel(onmessage) {
    return invoke("plugin:channel|open").then(function (opened) {
      var id = opened.id;
      var closed = false;
      function pull() {
        return invoke("plugin:channel|next", { id: id }).then(function (batch) {
          batch.values.forEach(function (value) { onmessage(value); });
          if (batch.closed || closed) return;
          return pull();
        });
      }
      return freeze({
        done: pull(),
        close: function () {
          closed = true;
          return invoke("plugin:channel|close", { id: id }).catch(function () {});
        },
        toJSON: function () { return { __rampartChannel: id }; },
      });
    });
  }

  defineProperty(window, "__RAMPART__", {
    value: freeze({
      invoke: invoke,
      listen: listen,
      emit: emit,
      channel: channel,
      __dispatch: dispatch,
    }),
    writable: false,
    enumerable: false,
    configurable: false,
  });
})();

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
  var objectKeys = Object.keys;
  var hasOwnProperty = uncurry(Object.prototype.hasOwnProperty);
  var ArrayBufferType = ArrayBuffer;
  var Uint8ArrayType = Uint8Array;
  var isBufferView = ArrayBuffer.isView;
  var BlobType = Blob;
  var blobArrayBuffer = uncurry(Blob.prototype.arrayBuffer);
  var FormDataType = FormData;
  var URLSearchParamsType = URLSearchParams;
  var ReadableStreamType = ReadableStream;
  var MapType = Map;
  var mapGet = uncurry(Map.prototype.get);
  var mapSet = uncurry(Map.prototype.set);
  var mapDelete = uncurry(Map.prototype.delete);
  var mapForEach = uncurry(Map.prototype.forEach);
  var mapSize = getter(Map.prototype, "size");
  var originalMapGet = Map.prototype.get;
  var originalMapSet = Map.prototype.set;
  var originalMapDelete = Map.prototype.delete;
  function ownMap() {
    const map = new MapType();
    defineProperty(map, "get", bare({ value: originalMapGet }));
    defineProperty(map, "set", bare({ value: originalMapSet }));
    defineProperty(map, "delete", bare({ value: originalMapDelete }));
    return map;
  }
  var document = window.document;
  var isTopFrame = window.top === window;
  var dispatchEventMethod = EventTarget.prototype.dispatchEvent;
  var dispatchEvent = uncurry(dispatchEventMethod);
  var preventDefault = uncurry(Event.prototype.preventDefault);
  var messageEventData = getter(MessageEvent.prototype, "data");
  var messageEventPorts = getter(
    MessageEvent.prototype,
    "ports"
  );
  var CustomEventType = CustomEvent;
  var customEventDetail = getter(CustomEvent.prototype, "detail");
  var addEventListener = uncurry(EventTarget.prototype.addEventListener);
  var removeEventListener = uncurry(EventTarget.prototype.removeEventListener);
  var createElement = uncurry(Document.prototype.createElement);
  var setAttribute = uncurry(Element.prototype.setAttribute);
  var appendChild = uncurry(Node.prototype.appendChild);
  var documentElement = getter(Document.prototype, "documentElement");
  var isConnected = getter(Node.prototype, "isConnected");
  var frameWindow = getter(HTMLIFrameElement.prototype, "contentWindow");
  var messageEventSource = getter(MessageEvent.prototype, "source");
  var MessageChannelType = MessageChannel;
  var channelPort1 = getter(MessageChannel.prototype, "port1");
  var channelPort2 = getter(MessageChannel.prototype, "port2");
  var portClose = uncurry(MessagePort.prototype.close);
  var portStart = uncurry(MessagePort.prototype.start);
  var clearTimeout = window.clearTimeout.bind(window);
  var PromiseType = Promise;
  var resolved = Promise.resolve.bind(Promise);
  var rejected = Promise.reject.bind(Promise);
  var then = uncurry(Promise.prototype.then);
  var responseOk = getter(Response.prototype, "ok");
  var responseHeaders = getter(Response.prototype, "headers");
  var responseText = uncurry(Response.prototype.text);
  var responseArrayBuffer = uncurry(Response.prototype.arrayBuffer);
  var headersGet = uncurry(Headers.prototype.get);
  var utf8 = new TextDecoder();
  var decode = uncurry(TextDecoder.prototype.decode);
  function utf8Text(bytes) {
    return decode(utf8, bytes);
  }
  var stringIndexOf = uncurry(String.prototype.indexOf);
  var stringSlice = uncurry(String.prototype.slice);
  var stringCharCodeAt = uncurry(String.prototype.charCodeAt);
  var decodeBase64 = window.atob.bind(window);
  var encodeBase64 = window.btoa.bind(window);
  var fromCharCode = String.fromCharCode;
  var reflectApply = Reflect.apply;
  var subarray = uncurry(Uint8Array.prototype.subarray);
  function bare(fields) {
    const copy = createObject(null);
    const keys = objectKeys(fields);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      copy[key] = fields[key];
    }
    return copy;
  }
  function own(value, key) {
    if (typeof value !== "object" || value === null || !hasOwnProperty(value, key)) return void 0;
    return value[key];
  }
  function appended(list, item) {
    const copy = [];
    for (let i = 0; i < list.length; i++) defineItem(copy, i, list[i]);
    defineItem(copy, list.length, item);
    return copy;
  }
  function without(list, item) {
    const copy = [];
    let skipped = false;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      if (!skipped && entry === item) skipped = true;
      else defineItem(copy, copy.length, entry);
    }
    return copy;
  }
  function defineItem(list, index, item) {
    defineProperty(list, index, { value: item, writable: true, enumerable: true, configurable: true });
  }

  // src/base64.ts
  var fromBase64 = Uint8ArrayType.fromBase64;
  var nativeDecode = typeof fromBase64 === "function" ? fromBase64.bind(Uint8ArrayType) : null;
  function bytesFromBase64(encoded) {
    if (nativeDecode !== null) return nativeDecode(encoded);
    const binary = decodeBase64(encoded);
    const bytes = new Uint8ArrayType(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = stringCharCodeAt(binary, i);
    return bytes;
  }
  var toBase64 = Uint8ArrayType.prototype.toBase64;
  var nativeEncode = typeof toBase64 === "function" ? toBase64 : null;
  var CHUNK = 8192;
  function base64FromBytes(bytes) {
    if (nativeEncode !== null) return reflectApply(nativeEncode, bytes, []);
    let binary = "";
    for (let start = 0; start < bytes.length; start += CHUNK) {
      const chunk = subarray(bytes, start, start + CHUNK);
      binary += reflectApply(fromCharCode, null, chunk);
    }
    return encodeBase64(binary);
  }

  // src/bridge.ts
  var KEY = "__RAMPART_BRIDGE_KEY__";
  var SEP = "\0";
  var port = null;
  function onOffer(event) {
    const ports = messageEventPorts(event);
    if (port !== null || messageEventData(event) !== KEY || ports.length !== 1) return;
    port = ports[0];
    defineProperty(port, "dispatchEvent", bare({ value: dispatchEventMethod }));
    preventDefault(event);
    removeEventListener(document, "rampart-bridge", onOffer);
    addEventListener(port, "rampart-reply", onReply);
  }
  if (isTopFrame) {
    addEventListener(document, "rampart-bridge", onOffer);
    dispatchEvent(document, new CustomEventType("rampart-bridge-hello"));
  }
  var pending = ownMap();
  var lastId = 0;
  function onReply(event) {
    const detail = customEventDetail(event);
    if (typeof detail !== "string") return;
    const cut = stringIndexOf(detail, SEP);
    const id = +stringSlice(detail, 0, cut);
    const waiting2 = pending.get(id);
    if (cut < 0 || waiting2 === void 0) return;
    pending.delete(id);
    const kind = cut + 1 < detail.length ? detail[cut + 1] : "";
    try {
      waiting2.resolve(waiting2.settle(kind, stringSlice(detail, cut + 2), waiting2.read));
    } catch (error) {
      waiting2.reject(error);
    }
  }
  var callInit = bare({ detail: "" });
  function available() {
    return port !== null;
  }
  function send(kind, command, body, read, settle) {
    return new PromiseType((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject, read, settle });
      callInit.detail = id + SEP + kind + SEP + command + SEP + body;
      port.dispatchEvent(new CustomEventType("rampart-call", callInit));
    });
  }

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

  // src/origins.ts
  var APP_ORIGIN = "app://localhost";
  var DEV_ORIGIN = "__RAMPART_DEV_ORIGIN__";
  function isAppOrigin(origin) {
    return origin === APP_ORIGIN || DEV_ORIGIN !== "" && origin === DEV_ORIGIN;
  }

  // src/sealing.ts
  var ISOLATED = "__RAMPART_ISOLATION__";
  var FRAME_URL = "isolation://localhost/index.html";
  var READY_TIMEOUT_MS = 1e4;
  var pageOrigin = self.origin;
  function sealing() {
    return ISOLATED === "1" && isAppOrigin(pageOrigin);
  }
  if (sealing()) {
    addEventListener(document, "DOMContentLoaded", () => {
      then(ready(), void 0, () => void 0);
    });
  }
  var frame = null;
  var element = null;
  function ready() {
    if (frame !== null && element !== null && isConnected(element)) return frame;
    const made = createElement(document, "iframe");
    element = made;
    frame = new PromiseType((resolve, reject) => {
      setAttribute(made, "sandbox", "allow-scripts");
      setAttribute(made, "hidden", "");
      setAttribute(made, "src", FRAME_URL);
      const timer = setTimeout(() => reject(new IpcError("internal", "the isolation application did not start")), READY_TIMEOUT_MS);
      addEventListener(window, "message", (event) => {
        const target = frameWindow(made);
        if (target === null || messageEventSource(event) !== target) return;
        if (own(messageEventData(event), "rampartIsolation") === "ready") {
          clearTimeout(timer);
          resolve(target);
        }
      });
      const root = documentElement(document);
      if (root === null) {
        reject(new IpcError("internal", "the document has no element to hold the isolation application"));
        return;
      }
      appendChild(root, made);
    });
    return frame;
  }
  var REMOVAL_CHECK_MS = 250;
  var waiting = new MapType();
  var lastWaiting = 0;
  var checking = false;
  function checkRemoved() {
    mapForEach(waiting, (call2, id) => {
      if (!isConnected(call2.frame)) {
        mapDelete(waiting, id);
        call2.fail();
      }
    });
    checking = mapSize(waiting) > 0;
    if (checking) setTimeout(checkRemoved, REMOVAL_CHECK_MS);
  }
  function seal(command, args) {
    const made = ready();
    const holder = element;
    return then(
      made,
      (target) => new PromiseType((resolve, reject) => {
        const channel2 = new MessageChannelType();
        const port2 = channelPort1(channel2);
        const id = ++lastWaiting;
        const fail = () => {
          portClose(port2);
          reject(new IpcError("internal", "the isolation application was taken out of the document during the call"));
        };
        mapSet(waiting, id, bare({ frame: holder, fail }));
        if (!checking) {
          checking = true;
          setTimeout(checkRemoved, REMOVAL_CHECK_MS);
        }
        addEventListener(port2, "message", (event) => {
          mapDelete(waiting, id);
          portClose(port2);
          const reply = messageEventData(event);
          const command2 = own(reply, "command");
          const envelope = own(reply, "sealed");
          if (envelope instanceof Uint8ArrayType && typeof command2 === "string") {
            resolve({ command: command2, envelope });
            return;
          }
          const refused = own(reply, "refused");
          const notice = own(reply, "notice");
          resolve({
            refused: typeof refused === "string" ? refused : "the isolation application refused the call",
            notice: notice instanceof Uint8ArrayType ? notice : null
          });
        });
        portStart(port2);
        const call2 = typeof args === "string" ? { command, json: args } : { command, bytes: args };
        target.postMessage({ rampartCall: call2 }, "*", [channelPort2(channel2)]);
      })
    );
  }

  // src/invoke.ts
  var TOKEN = "__RAMPART_API_TOKEN__";
  var MESSAGE_DOOR_LIMIT = 64 * 1024;
  function errorFromBody(body) {
    if (typeof body !== "object" || body === null) {
      return new IpcError("internal", typeof body === "string" && body !== "" ? body : "the call failed");
    }
    const code = own(body, "code");
    const message = own(body, "message");
    return new IpcError(
      isIpcErrorCode(code) ? code : "internal",
      typeof message === "string" && message !== "" ? message : "the call failed",
      own(body, "data")
    );
  }
  function errorFrom(text) {
    try {
      return errorFromBody(parse(text));
    } catch {
      return errorFromBody(text);
    }
  }
  function unreachable() {
    throw new IpcError("denied", "no answer from the app: it refuses calls from this frame's origin, or it stopped");
  }
  function settled(kind, payload, read) {
    switch (kind) {
      case "j":
        return read(payload === "" ? null : parse(payload));
      case "b":
        return read(bytesFromBase64(payload));
      case "p":
        return request("__pickup/" + payload, "", read);
      case "e":
        throw errorFrom(payload);
      default:
        return unreachable();
    }
  }
  function sendMessage(kind, command, body, read) {
    return send(kind, command, body, read, settled);
  }
  function send2(command, body, read, door) {
    if (sealing()) {
      const args = typeof body === "string" ? body : bytesOf(body);
      return then(seal(command, args), (sealed) => {
        if (sealed.refused !== void 0) {
          if (sealed.notice !== null) {
            then(request("__isolation_refused", sealed.notice, asIs, SEALED_TYPE), null, asIs);
          }
          throw new IpcError("denied", sealed.refused);
        }
        return through(door, sealed.command, sealed.envelope, true, read);
      });
    }
    return through(door, command, body, false, read);
  }
  var MESSAGE_DOOR_ONLY = "the message door carries JSON and sealed calls of the top frame only";
  function through(door, command, body, sealed, read) {
    const json = typeof body === "string";
    if ((json || sealed) && door !== "ipc" && available()) {
      const length = json ? body.length : body.byteLength;
      if (door === "message" || length <= MESSAGE_DOOR_LIMIT) {
        return json ? sendMessage("json", command, body, read) : sendMessage("sealed", command, base64FromBytes(body), read);
      }
    } else if (door === "message") {
      return refuse(MESSAGE_DOOR_ONLY);
    }
    return request(encodeComponent(command), body, read, sealed ? SEALED_TYPE : void 0);
  }
  var SEALED_TYPE = "application/x-rampart-sealed";
  function bytesOf(body) {
    if (body instanceof ArrayBufferType) return new Uint8ArrayType(body);
    return new Uint8ArrayType(body.buffer, body.byteOffset, body.byteLength);
  }
  function request(path, body, read, contentType) {
    const raw = typeof body !== "string";
    const init = bare({
      method: "POST",
      headers: bare({
        "Content-Type": contentType ?? (raw ? "application/octet-stream" : "application/json"),
        "Rampart-Token": TOKEN
      }),
      body
    });
    return then(
      fetch("ipc://localhost/" + path, init),
      (response) => {
        if (!responseOk(response)) {
          return then(responseText(response), (text) => {
            throw errorFrom(text);
          });
        }
        const type = headersGet(responseHeaders(response), "Content-Type") || "";
        const bytes = stringIndexOf(type, "application/octet-stream") === 0;
        return then(responseArrayBuffer(response), (buffer) => {
          if (bytes) return read(new Uint8ArrayType(buffer));
          const text = utf8Text(buffer);
          return read(text === "" ? null : parse(text));
        });
      },
      unreachable
    );
  }
  function refuse(message, data) {
    return rejected(new IpcError("bad_request", message, data));
  }
  function call(command, args, read, door = "auto") {
    if (args instanceof ArrayBufferType || isBufferView(args)) return send2(command, args, read, door);
    if (args instanceof BlobType) {
      return then(blobArrayBuffer(args), (bytes) => send2(command, bytes, read, door));
    }
    if (args instanceof FormDataType || args instanceof URLSearchParamsType || args instanceof ReadableStreamType) {
      return refuse(
        "invoke takes an object of named arguments, or bytes (ArrayBuffer, a typed array, DataView, Blob): FormData, URLSearchParams and streams cannot be sent"
      );
    }
    let json;
    try {
      json = stringify(args === void 0 ? bare({}) : args);
    } catch (error) {
      return refuse("the arguments cannot be sent as JSON", error);
    }
    return send2(command, json, read, door);
  }
  function asIs(value) {
    return value;
  }
  function invoke(command, args, options) {
    const door = own(options, "door");
    return call(command, args, asIs, door === "ipc" || door === "message" ? door : "auto");
  }

  // src/channel.ts
  function delivered(value) {
    const encoded = own(value, "__rampartBytes");
    return typeof encoded === "string" ? bytesFromBase64(encoded) : value;
  }
  function deliver(batch, onmessage) {
    const values = own(batch, "values");
    const count = own(values, "length");
    if (typeof count === "number") {
      for (let i = 0; i < count; i++) onmessage(delivered(own(values, "" + i)));
    }
    return own(batch, "closed") !== false;
  }
  function pull(id, state, onmessage) {
    const done = call("plugin:channel|next", bare({ id }), (batch) => deliver(batch, onmessage));
    return then(done, (closed) => {
      if (closed || state.closed) return void 0;
      return pull(id, state, onmessage);
    });
  }
  function nothing() {
    return void 0;
  }
  function openedId(answer) {
    const id = own(answer, "id");
    if (typeof id !== "string") throw new TypeError("Rampart: the runtime opened no channel");
    return id;
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
      return then(call("plugin:channel|open", bare({}), openedId), (id) => new _Channel(id, onmessage));
    }
    /** Starts pulling the channel `id`; private: {@link Channel.open} opens one first. */
    constructor(id, onmessage) {
      const state = bare({ closed: false });
      const field = (name, value) => {
        defineProperty(this, name, { value, enumerable: true });
      };
      field("id", id);
      field("done", pull(id, state, onmessage));
      field("close", function close() {
        state.closed = true;
        return then(call("plugin:channel|close", bare({ id }), nothing), nothing, nothing);
      });
      field("toJSON", function toJSON() {
        return bare({ __rampartChannel: id });
      });
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
    return void 0;
  }
  function listen(event, callback) {
    const existing = listeners[event];
    const listener = callback;
    listeners[event] = appended(existing ?? [], listener);
    function remove() {
      const list = listeners[event];
      if (list === void 0) return false;
      const rest = without(list, listener);
      if (rest.length > 0) {
        listeners[event] = rest;
        return false;
      }
      delete listeners[event];
      return true;
    }
    const ready2 = existing === void 0 ? call("plugin:event|listen", bare({ event }), nothing2) : resolved(void 0);
    return then(
      ready2,
      () => function unlisten() {
        return remove() ? call("plugin:event|unlisten", bare({ event }), nothing2) : resolved(void 0);
      },
      (error) => {
        remove();
        throw error;
      }
    );
  }
  function emit(event, payload) {
    return call("plugin:event|emit", bare({ event, payload: payload === void 0 ? null : payload }), nothing2);
  }
  function dispatch(message) {
    const callbacks = listeners[message.event];
    if (!callbacks) return;
    for (let i = 0; i < callbacks.length; i++) {
      const callback = callbacks[i];
      try {
        callback(freeze(bare({ event: message.event, payload: message.payload })));
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

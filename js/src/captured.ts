/**
 * Everything the API uses from the page's global scope, captured when the injected script is
 * evaluated: before any page script runs. A page script that later replaces `fetch`, `JSON`,
 * `Promise.prototype.then` or `Response.prototype.text` does not see or change the API's calls.
 *
 * Prototype methods are "uncurried" (`text(response)` instead of `response.text()`), so calling
 * them looks nothing up on the page-mutable prototype; on hot paths, objects only the API holds
 * carry the original methods as their own properties instead ({@link ownMap}), which costs less
 * per call. Every other module uses these names and never a global.
 *
 * Objects the API builds for the engine or for page code (fetch options, headers, arguments of
 * its own calls, event records, channel references) have no prototype ({@link bare}), and what it
 * reads from parsed answers it reads as own properties only ({@link own}), so a getter or setter
 * a page defines on `Object.prototype` is never consulted for them.
 *
 * Limits, which are JavaScript's own rules: resolving a promise with an object reads its `then`,
 * so a page that defines `Object.prototype.then` (or replaces `Promise.prototype.then`) sees the
 * results `invoke` resolves with and the promises the API chains; `JSON.stringify` reads
 * `toJSON` of the arguments a page passes. A page that plays with those can only disturb its own
 * calls: every call is authorized in Rust from facts the engine reports.
 *
 * @module
 */

/** `fn.call` bound once: `bindCall(fn)(self, ...args)` is `fn` called on `self`. */
const bindCall = Function.prototype.bind.bind(Function.prototype.call) as (
  fn: unknown,
) => (...args: unknown[]) => unknown;

/** Turns a method into a function taking its receiver first, looked up once, now. */
function uncurry<T, A extends unknown[], R>(
  method: (this: T, ...args: A) => R,
): (self: T, ...args: A) => R {
  return bindCall(method) as (self: T, ...args: A) => R;
}

/** Turns a property getter of `prototype` into a function of the receiver, looked up now. */
function getter<T, R>(prototype: T, name: keyof T & string): (self: T) => R {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
  if (!descriptor || !descriptor.get) throw new TypeError("Rampart: no getter " + name);
  return bindCall(descriptor.get) as (self: T) => R;
}

export const fetch: typeof window.fetch = window.fetch.bind(window);
export const setTimeout: (callback: () => void, ms?: number) => number =
  window.setTimeout.bind(window);

export const stringify: typeof JSON.stringify = JSON.stringify;
export const parse: typeof JSON.parse = JSON.parse;
export const encodeComponent: typeof encodeURIComponent = encodeURIComponent;

export const freeze: typeof Object.freeze = Object.freeze;
export const defineProperty: typeof Object.defineProperty = Object.defineProperty;
export const createObject: typeof Object.create = Object.create;
export const objectKeys: typeof Object.keys = Object.keys;
const hasOwnProperty = uncurry(Object.prototype.hasOwnProperty) as (self: object, key: string) => boolean;

export const ArrayBufferType: ArrayBufferConstructor = ArrayBuffer;
export const Uint8ArrayType: Uint8ArrayConstructor = Uint8Array;
export const isBufferView: (value: unknown) => value is ArrayBufferView = ArrayBuffer.isView;
export const BlobType: typeof Blob = Blob;
export const blobArrayBuffer = uncurry(Blob.prototype.arrayBuffer);
export const FormDataType: typeof FormData = FormData;
export const URLSearchParamsType: typeof URLSearchParams = URLSearchParams;
export const ReadableStreamType: typeof ReadableStream = ReadableStream;

export const MapType: MapConstructor = Map;
export const mapGet = uncurry(Map.prototype.get) as <K, V>(map: Map<K, V>, key: K) => V | undefined;
export const mapSet = uncurry(Map.prototype.set) as <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export const mapDelete = uncurry(Map.prototype.delete) as <K, V>(map: Map<K, V>, key: K) => boolean;
export const mapForEach = uncurry(Map.prototype.forEach) as <K, V>(
  map: Map<K, V>,
  callback: (value: V, key: K) => void,
) => void;
export const mapSize = getter<Map<unknown, unknown>, number>(Map.prototype, "size");
const originalMapGet = Map.prototype.get;
const originalMapSet = Map.prototype.set;
const originalMapDelete = Map.prototype.delete;

/**
 * A new `Map` whose `get`, `set` and `delete` are its own, read-only properties: the original
 * methods. For maps only the API holds, on hot paths: calling them looks nothing up on
 * `Map.prototype`, and costs a plain method call, where an uncurried function goes through a
 * bound `call`.
 */
export function ownMap<K, V>(): Map<K, V> {
  const map = new MapType<K, V>();
  defineProperty(map, "get", bare({ value: originalMapGet }));
  defineProperty(map, "set", bare({ value: originalMapSet }));
  defineProperty(map, "delete", bare({ value: originalMapDelete }));
  return map;
}

export const document: Document = window.document;
export const isTopFrame: boolean = window.top === window;
/** `EventTarget.prototype.dispatchEvent` itself, to be made an own property of a private target. */
export const dispatchEventMethod = EventTarget.prototype.dispatchEvent;
export const dispatchEvent = uncurry(dispatchEventMethod);
export const preventDefault = uncurry(Event.prototype.preventDefault);
export const messageEventData = getter<MessageEvent, unknown>(MessageEvent.prototype, "data");
export const messageEventPorts = getter<MessageEvent, readonly MessagePort[]>(
  MessageEvent.prototype,
  "ports",
);
export const CustomEventType: typeof CustomEvent = CustomEvent;
export const customEventDetail = getter<CustomEvent, unknown>(CustomEvent.prototype, "detail");
export const addEventListener = uncurry(EventTarget.prototype.addEventListener) as (
  target: EventTarget,
  type: string,
  listener: (event: Event) => void,
) => void;
export const removeEventListener = uncurry(EventTarget.prototype.removeEventListener) as (
  target: EventTarget,
  type: string,
  listener: (event: Event) => void,
) => void;

export const createElement = uncurry(Document.prototype.createElement) as (doc: Document, tag: string) => HTMLElement;
export const setAttribute = uncurry(Element.prototype.setAttribute);
export const appendChild = uncurry(Node.prototype.appendChild) as (parent: Node, child: Node) => Node;
export const documentElement = getter<Document, Element | null>(Document.prototype, "documentElement");
export const isConnected = getter<Node, boolean>(Node.prototype, "isConnected");
export const frameWindow = getter<HTMLIFrameElement, Window | null>(HTMLIFrameElement.prototype, "contentWindow");
export const messageEventSource = getter<MessageEvent, MessageEventSource | null>(MessageEvent.prototype, "source");
export const MessageChannelType: typeof MessageChannel = MessageChannel;
export const channelPort1 = getter<MessageChannel, MessagePort>(MessageChannel.prototype, "port1");
export const channelPort2 = getter<MessageChannel, MessagePort>(MessageChannel.prototype, "port2");
export const portClose = uncurry(MessagePort.prototype.close);
export const portStart = uncurry(MessagePort.prototype.start);
export const clearTimeout: (id: number) => void = window.clearTimeout.bind(window);

export const PromiseType: PromiseConstructor = Promise;

/** `Promise.resolve(value)`, with the original `Promise`. */
export const resolved: <T>(value: T) => Promise<T> = Promise.resolve.bind(Promise);
/** `Promise.reject(reason)`, with the original `Promise`. */
export const rejected: <T = never>(reason: unknown) => Promise<T> = Promise.reject.bind(Promise);

/** `promise.then(onFulfilled, onRejected)`, with the original `then`. */
export const then = uncurry(Promise.prototype.then) as <T, R1 = T, R2 = never>(
  promise: Promise<T>,
  onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
  onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
) => Promise<R1 | R2>;

export const responseOk = getter<Response, boolean>(Response.prototype, "ok");
export const responseHeaders = getter<Response, Headers>(Response.prototype, "headers");
export const responseText = uncurry(Response.prototype.text);
export const responseArrayBuffer = uncurry(Response.prototype.arrayBuffer);
export const headersGet = uncurry(Headers.prototype.get);
const utf8 = new TextDecoder();
const decode = uncurry(TextDecoder.prototype.decode);
/** `bytes` as UTF-8 text (malformed sequences replaced), with the decoder made at load. */
export function utf8Text(bytes: ArrayBuffer): string {
  return decode(utf8, bytes);
}

export const stringIndexOf = uncurry(String.prototype.indexOf);
export const stringSlice = uncurry(String.prototype.slice);
export const stringCharCodeAt = uncurry(String.prototype.charCodeAt);
export const decodeBase64: typeof atob = window.atob.bind(window);
export const encodeBase64: typeof btoa = window.btoa.bind(window);
export const fromCharCode: typeof String.fromCharCode = String.fromCharCode;
export const reflectApply: typeof Reflect.apply = Reflect.apply;
export const subarray = uncurry(Uint8Array.prototype.subarray) as (
  bytes: Uint8Array,
  start: number,
  end: number,
) => Uint8Array;

/**
 * A copy of `fields` without a prototype: the engine (fetch options, `JSON.stringify`) and page
 * code read nothing of it through `Object.prototype`. Written with assignments to an object that
 * has no prototype, so no setter a page defined runs either.
 */
export function bare<T extends object>(fields: T): T {
  const copy = createObject(null) as Record<string, unknown>;
  const keys = objectKeys(fields);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    copy[key] = (fields as Record<string, unknown>)[key];
  }
  return copy as T;
}

/** `value[key]` if `value` is an object that has `key` as its own property; `undefined` else. */
export function own(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || !hasOwnProperty(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

/**
 * A new array of `list`'s items and `item` last. Items are defined, not assigned, so that no
 * setter a page defined on an index of `Array.prototype` or `Object.prototype` runs.
 */
export function appended<T>(list: readonly T[], item: T): T[] {
  const copy: T[] = [];
  for (let i = 0; i < list.length; i++) defineItem(copy, i, list[i] as T);
  defineItem(copy, list.length, item);
  return copy;
}

/** A new array of `list`'s items without the first that is `item`. */
export function without<T>(list: readonly T[], item: T): T[] {
  const copy: T[] = [];
  let skipped = false;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as T;
    if (!skipped && entry === item) skipped = true;
    else defineItem(copy, copy.length, entry);
  }
  return copy;
}

function defineItem<T>(list: T[], index: number, item: T): void {
  defineProperty(list, index, { value: item, writable: true, enumerable: true, configurable: true });
}

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
export declare const fetch: typeof window.fetch;
export declare const setTimeout: (callback: () => void, ms?: number) => number;
export declare const stringify: typeof JSON.stringify;
export declare const parse: typeof JSON.parse;
export declare const encodeComponent: typeof encodeURIComponent;
export declare const freeze: typeof Object.freeze;
export declare const defineProperty: typeof Object.defineProperty;
export declare const createObject: typeof Object.create;
export declare const objectKeys: typeof Object.keys;
export declare const ArrayBufferType: ArrayBufferConstructor;
export declare const Uint8ArrayType: Uint8ArrayConstructor;
export declare const isBufferView: (value: unknown) => value is ArrayBufferView;
export declare const BlobType: typeof Blob;
export declare const blobArrayBuffer: (self: unknown) => Promise<ArrayBuffer>;
export declare const FormDataType: typeof FormData;
export declare const URLSearchParamsType: typeof URLSearchParams;
export declare const ReadableStreamType: typeof ReadableStream;
export declare const MapType: MapConstructor;
export declare const mapGet: <K, V>(map: Map<K, V>, key: K) => V | undefined;
export declare const mapSet: <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export declare const mapDelete: <K, V>(map: Map<K, V>, key: K) => boolean;
export declare const mapForEach: <K, V>(map: Map<K, V>, callback: (value: V, key: K) => void) => void;
export declare const mapSize: (self: Map<unknown, unknown>) => number;
/**
 * A new `Map` whose `get`, `set` and `delete` are its own, read-only properties: the original
 * methods. For maps only the API holds, on hot paths: calling them looks nothing up on
 * `Map.prototype`, and costs a plain method call, where an uncurried function goes through a
 * bound `call`.
 */
export declare function ownMap<K, V>(): Map<K, V>;
export declare const document: Document;
export declare const isTopFrame: boolean;
/** `EventTarget.prototype.dispatchEvent` itself, to be made an own property of a private target. */
export declare const dispatchEventMethod: (event: Event) => boolean;
export declare const dispatchEvent: (self: unknown, event: Event) => boolean;
export declare const preventDefault: (self: unknown) => void;
export declare const messageEventData: (self: MessageEvent<any>) => unknown;
export declare const messageEventPorts: (self: MessageEvent<any>) => readonly MessagePort[];
export declare const CustomEventType: typeof CustomEvent;
export declare const customEventDetail: (self: CustomEvent<any>) => unknown;
export declare const addEventListener: (target: EventTarget, type: string, listener: (event: Event) => void) => void;
export declare const removeEventListener: (target: EventTarget, type: string, listener: (event: Event) => void) => void;
export declare const createElement: (doc: Document, tag: string) => HTMLElement;
export declare const setAttribute: (self: unknown, qualifiedName: string, value: string) => void;
export declare const appendChild: (parent: Node, child: Node) => Node;
export declare const documentElement: (self: Document) => Element | null;
export declare const isConnected: (self: Node) => boolean;
export declare const frameWindow: (self: HTMLIFrameElement) => Window | null;
export declare const messageEventSource: (self: MessageEvent<any>) => MessageEventSource | null;
export declare const MessageChannelType: typeof MessageChannel;
export declare const channelPort1: (self: MessageChannel) => MessagePort;
export declare const channelPort2: (self: MessageChannel) => MessagePort;
export declare const portClose: (self: unknown) => void;
export declare const portStart: (self: unknown) => void;
export declare const clearTimeout: (id: number) => void;
export declare const PromiseType: PromiseConstructor;
/** `Promise.resolve(value)`, with the original `Promise`. */
export declare const resolved: <T>(value: T) => Promise<T>;
/** `Promise.reject(reason)`, with the original `Promise`. */
export declare const rejected: <T = never>(reason: unknown) => Promise<T>;
/** `promise.then(onFulfilled, onRejected)`, with the original `then`. */
export declare const then: <T, R1 = T, R2 = never>(promise: Promise<T>, onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null) => Promise<R1 | R2>;
export declare const responseOk: (self: Response) => boolean;
export declare const responseHeaders: (self: Response) => Headers;
export declare const responseText: (self: unknown) => Promise<string>;
export declare const responseArrayBuffer: (self: unknown) => Promise<ArrayBuffer>;
export declare const headersGet: (self: unknown, name: string) => string | null;
/** `bytes` as UTF-8 text (malformed sequences replaced), with the decoder made at load. */
export declare function utf8Text(bytes: ArrayBuffer): string;
export declare const stringIndexOf: (self: unknown, searchString: string, position?: number | undefined) => number;
export declare const stringSlice: (self: unknown, start?: number | undefined, end?: number | undefined) => string;
export declare const stringCharCodeAt: (self: unknown, index: number) => number;
export declare const decodeBase64: typeof atob;
export declare const encodeBase64: typeof btoa;
export declare const fromCharCode: typeof String.fromCharCode;
export declare const reflectApply: typeof Reflect.apply;
export declare const subarray: (bytes: Uint8Array, start: number, end: number) => Uint8Array;
/**
 * A copy of `fields` without a prototype: the engine (fetch options, `JSON.stringify`) and page
 * code read nothing of it through `Object.prototype`. Written with assignments to an object that
 * has no prototype, so no setter a page defined runs either.
 */
export declare function bare<T extends object>(fields: T): T;
/** `value[key]` if `value` is an object that has `key` as its own property; `undefined` else. */
export declare function own(value: unknown, key: string): unknown;
/**
 * A new array of `list`'s items and `item` last. Items are defined, not assigned, so that no
 * setter a page defined on an index of `Array.prototype` or `Object.prototype` runs.
 */
export declare function appended<T>(list: readonly T[], item: T): T[];
/** A new array of `list`'s items without the first that is `item`. */
export declare function without<T>(list: readonly T[], item: T): T[];

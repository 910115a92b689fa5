/**
 * Everything the API uses from the page's global scope, captured when the injected script is
 * evaluated: before any page script runs. A page script that later replaces `fetch`, `JSON`,
 * `Promise.prototype.then` or `Response.prototype.text` does not see or change the API's calls.
 *
 * Prototype methods are "uncurried" (`text(response)` instead of `response.text()`), so calling
 * them looks nothing up on the page-mutable prototype. Every other module uses these names and
 * never a global.
 *
 * Limits: the engine's own internals still consult a few page-mutable properties (a promise's
 * `constructor` and `Symbol.species`, setters a page defines on `Array.prototype` indices). A page
 * that plays with those can only disturb its own calls: it holds no secret here, and every call is
 * authorized in Rust from facts the engine reports.
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

export const ArrayBufferType: ArrayBufferConstructor = ArrayBuffer;
export const Uint8ArrayType: Uint8ArrayConstructor = Uint8Array;

/** `Promise.resolve(value)`, with the original `Promise`. */
export const resolved: <T>(value: T) => Promise<T> = Promise.resolve.bind(Promise);

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

export const stringIndexOf = uncurry(String.prototype.indexOf);
export const stringCharCodeAt = uncurry(String.prototype.charCodeAt);
export const decodeBase64: typeof atob = window.atob.bind(window);

export const arrayPush = uncurry(Array.prototype.push) as <T>(array: T[], item: T) => number;
export const arrayIndexOf = uncurry(Array.prototype.indexOf) as <T>(array: T[], item: T) => number;
export const arraySplice = uncurry(Array.prototype.splice) as <T>(
  array: T[],
  start: number,
  deleteCount: number,
) => T[];
export const arraySlice = uncurry(Array.prototype.slice) as <T>(array: readonly T[]) => T[];

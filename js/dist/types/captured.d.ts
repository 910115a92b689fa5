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
export declare const fetch: typeof window.fetch;
export declare const setTimeout: (callback: () => void, ms?: number) => number;
export declare const stringify: typeof JSON.stringify;
export declare const parse: typeof JSON.parse;
export declare const encodeComponent: typeof encodeURIComponent;
export declare const freeze: typeof Object.freeze;
export declare const defineProperty: typeof Object.defineProperty;
export declare const createObject: typeof Object.create;
export declare const ArrayBufferType: ArrayBufferConstructor;
export declare const Uint8ArrayType: Uint8ArrayConstructor;
/** `Promise.resolve(value)`, with the original `Promise`. */
export declare const resolved: <T>(value: T) => Promise<T>;
/** `promise.then(onFulfilled, onRejected)`, with the original `then`. */
export declare const then: <T, R1 = T, R2 = never>(promise: Promise<T>, onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null) => Promise<R1 | R2>;
export declare const responseOk: (self: Response) => boolean;
export declare const responseHeaders: (self: Response) => Headers;
export declare const responseText: (self: unknown) => Promise<string>;
export declare const responseArrayBuffer: (self: unknown) => Promise<ArrayBuffer>;
export declare const headersGet: (self: unknown, name: string) => string | null;
export declare const stringIndexOf: (self: unknown, searchString: string, position?: number | undefined) => number;
export declare const stringCharCodeAt: (self: unknown, index: number) => number;
export declare const decodeBase64: typeof atob;
export declare const arrayPush: <T>(array: T[], item: T) => number;
export declare const arrayIndexOf: <T>(array: T[], item: T) => number;
export declare const arraySplice: <T>(array: T[], start: number, deleteCount: number) => T[];
export declare const arraySlice: <T>(array: readonly T[]) => T[];

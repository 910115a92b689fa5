/**
 * `@rampart/api/http`: the http plugin's `fetch`, shaped like the browser's. The request is
 * made by the app, to URLs the window's URL scope allows (every redirect checked again; public
 * addresses only unless the rule says `local-network = true`), so the page's own
 * Content-Security-Policy can keep `connect-src` closed.
 *
 * ```toml
 * permissions = [{ identifier = "http:default", allow = [{ url = "https://api.example.com/*" }] }]
 * ```
 *
 * ```ts
 * import { fetch } from "@rampart/api/http";
 * const response = await fetch("https://api.example.com/v1/items", { headers: { accept: "application/json" } });
 * const items = await response.json();
 * ```
 *
 * A refusal rejects with an {@link IpcError} (`denied` for a URL the scope does not allow,
 * `too_large` past `maxResponseBytes`); an aborted request rejects with an `AbortError`.
 *
 * @module
 */

import { framed } from "./framed";
import { invoke } from "./index.js";

/** What {@link fetch} takes: the browser's `RequestInit` subset the plugin supports, and bounds. */
export interface HttpInit {
  /** GET (default), POST, PUT, PATCH, DELETE, HEAD or OPTIONS. */
  readonly method?: string;
  /** Request headers (not `Host`, hop-by-hop or proxy headers). */
  readonly headers?: HeadersInit;
  /** The request body. */
  readonly body?: string | Uint8Array | ArrayBuffer | Blob | URLSearchParams | null;
  /** Cancels the request. */
  readonly signal?: AbortSignal | null;
  /** The whole exchange's time limit, in milliseconds (default 30 s, at most 300 s). */
  readonly timeoutMs?: number;
  /** The most bytes of response body to read (default 16 MiB, at most 256 MiB). */
  readonly maxResponseBytes?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();


async function bytesOf(body: HttpInit["body"], headers: Headers): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    return encoder.encode(body.toString());
  }
  if (body instanceof Blob) {
    if (body.type && !headers.has("content-type")) headers.set("content-type", body.type);
    return new Uint8Array(await body.arrayBuffer());
  }
  throw new TypeError("@rampart/api/http: the body must be a string, bytes, a Blob or URLSearchParams");
}

function requestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

function aborted(): DOMException {
  return new DOMException("The request was aborted", "AbortError");
}

/** What the plugin answers before the body. */
interface ResponseHead {
  status: number;
  url: string;
  redirected: boolean;
  headers: [string, string][];
}

/** The statuses a `Response` cannot be built with carry no body. */
const NULL_BODY = [101, 204, 205, 304];

/**
 * Requests `url` through the http plugin and resolves to a `Response` (its `url` and
 * `redirected` are those of the last hop).
 */
export async function fetch(url: string | URL, init: HttpInit = {}): Promise<Response> {
  const signal = init.signal ?? null;
  if (signal?.aborted) throw aborted();
  const headers = new Headers(init.headers);
  const data = await bytesOf(init.body, headers);
  const id = signal ? requestId() : undefined;
  const head = {
    url: String(url),
    method: init.method ?? "GET",
    headers: Array.from(headers.entries()),
    ...(init.timeoutMs === undefined ? {} : { timeoutMs: init.timeoutMs }),
    ...(init.maxResponseBytes === undefined ? {} : { maxResponseBytes: init.maxResponseBytes }),
    ...(id === undefined ? {} : { requestId: id }),
  };
  const onAbort = (): void => {
    void invoke("plugin:http|cancel", { requestId: id }).catch(() => undefined);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const answer = await invoke<Uint8Array>("plugin:http|fetch", framed(head, data));
    const length = new DataView(answer.buffer, answer.byteOffset, answer.byteLength).getUint32(0);
    const meta = JSON.parse(decoder.decode(answer.subarray(4, 4 + length))) as ResponseHead;
    const body = NULL_BODY.includes(meta.status) ? null : answer.slice(4 + length);
    const response = new Response(body, { status: meta.status, headers: meta.headers });
    Object.defineProperty(response, "url", { value: meta.url });
    Object.defineProperty(response, "redirected", { value: meta.redirected });
    return response;
  } catch (error) {
    if (signal?.aborted) throw aborted();
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

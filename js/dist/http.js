// @rampart/api/http as an ES module: the http plugin's fetch.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

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

// src/http.ts
import { invoke } from "./index.js";
var encoder2 = new TextEncoder();
var decoder = new TextDecoder();
async function bytesOf(body, headers) {
  if (body === void 0 || body === null) return new Uint8Array(0);
  if (typeof body === "string") return encoder2.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    return encoder2.encode(body.toString());
  }
  if (body instanceof Blob) {
    if (body.type && !headers.has("content-type")) headers.set("content-type", body.type);
    return new Uint8Array(await body.arrayBuffer());
  }
  throw new TypeError("@rampart/api/http: the body must be a string, bytes, a Blob or URLSearchParams");
}
function requestId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
function aborted() {
  return new DOMException("The request was aborted", "AbortError");
}
var NULL_BODY = [101, 204, 205, 304];
async function fetch(url, init = {}) {
  const signal = init.signal ?? null;
  if (signal?.aborted) throw aborted();
  const headers = new Headers(init.headers);
  const data = await bytesOf(init.body, headers);
  const id = signal ? requestId() : void 0;
  const head = {
    url: String(url),
    method: init.method ?? "GET",
    headers: Array.from(headers.entries()),
    ...init.timeoutMs === void 0 ? {} : { timeoutMs: init.timeoutMs },
    ...init.maxResponseBytes === void 0 ? {} : { maxResponseBytes: init.maxResponseBytes },
    ...id === void 0 ? {} : { requestId: id }
  };
  const onAbort = () => {
    void invoke("plugin:http|cancel", { requestId: id }).catch(() => void 0);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const answer = await invoke("plugin:http|fetch", framed(head, data));
    const length = new DataView(answer.buffer, answer.byteOffset, answer.byteLength).getUint32(0);
    const meta = JSON.parse(decoder.decode(answer.subarray(4, 4 + length)));
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
export {
  fetch
};

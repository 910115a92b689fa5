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
/**
 * Requests `url` through the http plugin and resolves to a `Response` (its `url` and
 * `redirected` are those of the last hop).
 */
export declare function fetch(url: string | URL, init?: HttpInit): Promise<Response>;

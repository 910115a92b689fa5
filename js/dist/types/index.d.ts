/**
 * `@rampart/api` as an ES module, for app authors who bundle their pages: the same functions and
 * classes as `window.__RAMPART__` (which Rampart injects before any page script runs), with their
 * types. Importing it also declares `window.__RAMPART__` for TypeScript.
 *
 * ```ts
 * import { invoke, listen, Channel, IpcError } from "@rampart/api";
 * ```
 *
 * It re-exports the injected API and adds no behaviour: outside a Rampart webview, importing it
 * throws.
 *
 * @packageDocumentation
 */
import type { RampartApi } from "./api";
/** {@inheritDoc invoke} */
export declare const invoke: RampartApi["invoke"];
/** {@inheritDoc listen} */
export declare const listen: RampartApi["listen"];
/** {@inheritDoc emit} */
export declare const emit: RampartApi["emit"];
/** {@inheritDoc channel} */
export declare const channel: RampartApi["channel"];
/** {@inheritDoc Channel} */
export declare const Channel: RampartApi["Channel"];
/** {@inheritDoc Channel} */
export type Channel<T = unknown> = import("./channel").Channel<T>;
/** {@inheritDoc IpcError} */
export declare const IpcError: RampartApi["IpcError"];
/** {@inheritDoc IpcError} */
export type IpcError = import("./error").IpcError;
export type { RampartApi } from "./api";
export type { ChannelReference } from "./channel";
export type { IpcErrorCode } from "./error";
export type { EventCallback, RampartEvent, UnlistenFn } from "./events";
export type { Door, InvokeArgs, InvokeOptions } from "./invoke";

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

function injected(): RampartApi {
  const api = (window as Partial<Window>).__RAMPART__;
  if (api === undefined) throw new Error("@rampart/api: window.__RAMPART__ is missing: not in a Rampart webview");
  return api;
}

const api = injected();

/** {@inheritDoc invoke} */
export const invoke: RampartApi["invoke"] = api.invoke;
/** {@inheritDoc listen} */
export const listen: RampartApi["listen"] = api.listen;
/** {@inheritDoc emit} */
export const emit: RampartApi["emit"] = api.emit;
/** {@inheritDoc channel} */
export const channel: RampartApi["channel"] = api.channel;
/** {@inheritDoc Channel} */
export const Channel: RampartApi["Channel"] = api.Channel;
/** {@inheritDoc Channel} */
export type Channel<T = unknown> = import("./channel").Channel<T>;
/** {@inheritDoc IpcError} */
export const IpcError: RampartApi["IpcError"] = api.IpcError;
/** {@inheritDoc IpcError} */
export type IpcError = import("./error").IpcError;

export type { RampartApi } from "./api";
export type { ChannelReference } from "./channel";
export type { IpcErrorCode } from "./error";
export type { EventCallback, RampartEvent, UnlistenFn } from "./events";
export type { Door, InvokeArgs, InvokeOptions } from "./invoke";

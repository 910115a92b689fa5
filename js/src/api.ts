/**
 * The shape of `window.__RAMPART__`, the API Rampart injects into every page.
 *
 * @module
 */

import type { Channel, channel } from "./channel";
import type { IpcError } from "./error";
import type { dispatch, emit, listen } from "./events";
import type { invoke } from "./invoke";

/**
 * `window.__RAMPART__`: frozen, and a non-writable, non-configurable property of `window`, defined
 * before any page script runs.
 */
export interface RampartApi {
  /** {@inheritDoc invoke} */
  readonly invoke: typeof invoke;
  /** {@inheritDoc listen} */
  readonly listen: typeof listen;
  /** {@inheritDoc emit} */
  readonly emit: typeof emit;
  /** {@inheritDoc channel} */
  readonly channel: typeof channel;
  /** {@inheritDoc Channel} */
  readonly Channel: typeof Channel;
  /** {@inheritDoc IpcError} */
  readonly IpcError: typeof IpcError;
  /** Called by the runtime to deliver an event; not for pages. */
  readonly __dispatch: typeof dispatch;
}

declare global {
  interface Window {
    /** The Rampart API, injected before any page script runs. */
    readonly __RAMPART__: RampartApi;
  }
}

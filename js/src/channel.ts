/**
 * Channels: a command streams values to the page that called it, with backpressure.
 *
 * Wire protocol: `plugin:channel|open` → `{ id }`; the channel is passed to a command as
 * `{ "__rampartChannel": id }` (its JSON form); the page pulls with `plugin:channel|next`
 * `{ id }` → `{ values, closed }` until `closed`; `plugin:channel|close` `{ id }` stops it early.
 * The id is random and bound to the webview that opened it. A chunk of bytes (`Channel<Bytes>`
 * in Rust) travels as `{ "__rampartBytes": "<base64>" }` and is delivered as a `Uint8Array`.
 *
 * @module
 */

import { Uint8ArrayType, decodeBase64, freeze, stringCharCodeAt, then } from "./captured";
import { invoke } from "./invoke";

/** A channel's JSON form, what a command receives as the argument. */
export interface ChannelReference {
  readonly __rampartChannel: string;
}

interface ChannelState {
  closed: boolean;
}

interface Batch<T> {
  readonly values: readonly T[];
  readonly closed: boolean;
}

/** A value as the command sent it: a byte chunk's wire form becomes a `Uint8Array`. */
function delivered(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const encoded = (value as { __rampartBytes?: unknown }).__rampartBytes;
  if (typeof encoded !== "string") return value;
  const binary = decodeBase64(encoded);
  const bytes = new Uint8ArrayType(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = stringCharCodeAt(binary, i);
  return bytes;
}

function pull<T>(id: string, state: ChannelState, onmessage: (value: T) => void): Promise<void> {
  return then(invoke<Batch<T>>("plugin:channel|next", { id }), (batch): Promise<void> | undefined => {
    const values = batch.values;
    for (let i = 0; i < values.length; i++) onmessage(delivered(values[i]) as T);
    if (batch.closed || state.closed) return undefined;
    return pull(id, state, onmessage);
  });
}

function nothing(): void {}

/**
 * A channel a command streams values into. Open one with {@link Channel.open} and pass it as an
 * argument; in Rust the command takes a `Channel<T>` parameter of the same name.
 *
 * ```ts
 * const progress = await Channel.open<number>((percent) => bar.update(percent));
 * await invoke("export", { progress });
 * await progress.done;
 * ```
 *
 * Instances are frozen, and their methods are own closures: `button.onclick = progress.close`
 * works. A grant of `channel:default` to the webview is needed.
 */
export class Channel<T = unknown> {
  /** The channel's random id. */
  declare readonly id: string;
  /**
   * Settles when the command has finished sending and every value was delivered, or after
   * {@link Channel.close}; rejects if pulling fails or `onmessage` throws (which stops the
   * channel).
   */
  declare readonly done: Promise<void>;
  /**
   * Stops the channel early: the command's next send fails, and {@link Channel.done} settles
   * after the batch being pulled. Never rejects.
   */
  declare readonly close: () => Promise<void>;
  /** The form a command receives: `{ "__rampartChannel": id }`. */
  declare readonly toJSON: () => ChannelReference;

  /**
   * Opens a channel: resolves once the runtime has created it. `onmessage(value)` is called for
   * each value, in order.
   *
   * @param onmessage - called with each value the command sends.
   * @typeParam T - the type of the values; not checked at run time.
   */
  static open<T = unknown>(onmessage: (value: T) => void): Promise<Channel<T>> {
    return then(invoke<{ id: string }>("plugin:channel|open"), (opened) => new Channel(opened.id, onmessage));
  }

  /** Starts pulling the channel `id`; private: {@link Channel.open} opens one first. */
  private constructor(id: string, onmessage: (value: T) => void) {
    const state: ChannelState = { closed: false };
    this.id = id;
    this.done = pull(id, state, onmessage);
    this.close = function close(): Promise<void> {
      state.closed = true;
      return then(invoke("plugin:channel|close", { id }), nothing, nothing);
    };
    this.toJSON = function toJSON(): ChannelReference {
      return { __rampartChannel: id };
    };
    freeze(this);
  }
}

freeze(Channel.prototype);
freeze(Channel);

/**
 * Opens a channel; the same as {@link Channel.open}, kept as `window.__RAMPART__.channel`.
 *
 * @param onmessage - called with each value the command sends, in order.
 */
export function channel<T = unknown>(onmessage: (value: T) => void): Promise<Channel<T>> {
  return Channel.open(onmessage);
}

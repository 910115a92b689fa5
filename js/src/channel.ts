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

import { bytesFromBase64 } from "./base64";
import { bare, defineProperty, freeze, own, then } from "./captured";
import { call } from "./invoke";

/** A channel's JSON form, what a command receives as the argument. */
export interface ChannelReference {
  readonly __rampartChannel: string;
}

interface ChannelState {
  closed: boolean;
}

/** A value as the command sent it: a byte chunk's wire form becomes a `Uint8Array`. */
function delivered(value: unknown): unknown {
  const encoded = own(value, "__rampartBytes");
  return typeof encoded === "string" ? bytesFromBase64(encoded) : value;
}

/**
 * Delivers one batch `{ values, closed }` of the runtime's answer; whether the channel is done.
 * Only own properties of the answer are read.
 */
function deliver<T>(batch: unknown, onmessage: (value: T) => void): boolean {
  const values = own(batch, "values");
  const count = own(values, "length");
  if (typeof count === "number") {
    for (let i = 0; i < count; i++) onmessage(delivered(own(values, "" + i)) as T);
  }
  return own(batch, "closed") !== false;
}

function pull<T>(id: string, state: ChannelState, onmessage: (value: T) => void): Promise<void> {
  const done = call("plugin:channel|next", bare({ id }), (batch) => deliver(batch, onmessage));
  return then(done, (closed): Promise<void> | undefined => {
    if (closed || state.closed) return undefined;
    return pull(id, state, onmessage);
  });
}

function nothing(): undefined {
  return undefined;
}

/** The id in the runtime's answer to `plugin:channel|open`. */
function openedId(answer: unknown): string {
  const id = own(answer, "id");
  if (typeof id !== "string") throw new TypeError("Rampart: the runtime opened no channel");
  return id;
}

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
    return then(call("plugin:channel|open", bare({}), openedId), (id) => new Channel(id, onmessage));
  }

  /** Starts pulling the channel `id`; private: {@link Channel.open} opens one first. */
  private constructor(id: string, onmessage: (value: T) => void) {
    const state: ChannelState = bare({ closed: false });
    // Defined, not assigned: no setter a page put on `Object.prototype` sees the channel.
    const field = (name: string, value: unknown): void => {
      defineProperty(this, name, { value, enumerable: true });
    };
    field("id", id);
    field("done", pull(id, state, onmessage));
    field("close", function close(): Promise<void> {
      state.closed = true;
      return then(call("plugin:channel|close", bare({ id }), nothing), nothing, nothing);
    });
    field("toJSON", function toJSON(): ChannelReference {
      return bare({ __rampartChannel: id });
    });
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

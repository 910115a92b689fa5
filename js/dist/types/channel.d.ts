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
/** A channel's JSON form, what a command receives as the argument. */
export interface ChannelReference {
    readonly __rampartChannel: string;
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
export declare class Channel<T = unknown> {
    /** The channel's random id. */
    readonly id: string;
    /**
     * Settles when the command has finished sending and every value was delivered, or after
     * {@link Channel.close}; rejects if pulling fails or `onmessage` throws (which stops the
     * channel).
     */
    readonly done: Promise<void>;
    /**
     * Stops the channel early: the command's next send fails, and {@link Channel.done} settles
     * after the batch being pulled. Never rejects.
     */
    readonly close: () => Promise<void>;
    /** The form a command receives: `{ "__rampartChannel": id }`. */
    readonly toJSON: () => ChannelReference;
    /**
     * Opens a channel: resolves once the runtime has created it. `onmessage(value)` is called for
     * each value, in order.
     *
     * @param onmessage - called with each value the command sends.
     * @typeParam T - the type of the values; not checked at run time.
     */
    static open<T = unknown>(onmessage: (value: T) => void): Promise<Channel<T>>;
    /** Starts pulling the channel `id`; private: {@link Channel.open} opens one first. */
    private constructor();
}
/**
 * Opens a channel; the same as {@link Channel.open}, kept as `window.__RAMPART__.channel`.
 *
 * @param onmessage - called with each value the command sends, in order.
 */
export declare function channel<T = unknown>(onmessage: (value: T) => void): Promise<Channel<T>>;

/**
 * Events: the app (or a page) emits, the webviews granted to hear them and listening receive.
 *
 * @module
 */
/** One delivered event: its name and its payload (any JSON value). */
export interface RampartEvent<T = unknown> {
    /** The event's name, e.g. `"note-saved"`. */
    readonly event: string;
    /** What the emitter sent; `null` when it sent nothing. */
    readonly payload: T;
}
/** A function called with each event it listens to. */
export type EventCallback<T = unknown> = (event: RampartEvent<T>) => void;
/**
 * Stops listening. Resolves once the runtime forgot the listener (when it was the last for its
 * event name); calling it again does nothing.
 */
export type UnlistenFn = () => Promise<void>;
/** What the runtime passes to {@link dispatch}: JSON data only. */
export interface EventMessage {
    readonly event: string;
    readonly payload: unknown;
}
/**
 * Calls `callback({ event, payload })` for every `event` the app emits to this webview.
 *
 * Resolves to a function that stops listening; rejects with an `IpcError` of code `denied` when
 * no capability grants this webview that event (e.g. `event:default` with a scope naming it).
 * Only the first listener of a name asks the runtime; later ones share its grant.
 *
 * ```ts
 * const unlisten = await listen<Note>("note-saved", ({ payload }) => show(payload));
 * await unlisten();
 * ```
 *
 * @param event - the event's name.
 * @param callback - called for each event, in the order they were emitted; an exception it
 *   throws is reported asynchronously and does not stop other listeners.
 */
export declare function listen<T = unknown>(event: string, callback: EventCallback<T>): Promise<UnlistenFn>;
/**
 * Sends `event` with `payload` to every webview granted to hear it and listening, this one
 * included.
 *
 * Rejects with an `IpcError` of code `denied` unless a capability grants this webview
 * `event:allow-emit` with a scope naming the event.
 *
 * @param event - the event's name.
 * @param payload - any JSON value; `null` when omitted.
 */
export declare function emit(event: string, payload?: unknown): Promise<void>;
/**
 * Delivers an event to this page's listeners. Called by the runtime only, with JSON data: a page
 * that calls it fools only itself.
 */
export declare function dispatch(message: EventMessage): void;

/**
 * Events: the app (or a page) emits, the webviews granted to hear them and listening receive.
 *
 * @module
 */

import { appended, bare, createObject, freeze, resolved, setTimeout, then, without } from "./captured";
import { call } from "./invoke";

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

// Callbacks by event name. The page hears an event only after `listen` passed the door. Each
// list is replaced, never changed, so a delivery goes through the list as it was when it began.
const listeners: Record<string, readonly EventCallback<unknown>[] | undefined> = createObject(null);

function nothing(): undefined {
  return undefined;
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
export function listen<T = unknown>(event: string, callback: EventCallback<T>): Promise<UnlistenFn> {
  const existing = listeners[event];
  const listener = callback as EventCallback<unknown>;
  listeners[event] = appended(existing ?? [], listener);
  function remove(): boolean {
    const list = listeners[event];
    if (list === undefined) return false;
    const rest = without(list, listener);
    if (rest.length > 0) {
      listeners[event] = rest;
      return false;
    }
    delete listeners[event];
    return true;
  }
  const ready: Promise<undefined> =
    existing === undefined ? call("plugin:event|listen", bare({ event }), nothing) : resolved(undefined);
  return then(
    ready,
    () =>
      function unlisten(): Promise<void> {
        return remove() ? call("plugin:event|unlisten", bare({ event }), nothing) : resolved(undefined);
      },
    (error: unknown): never => {
      remove();
      throw error;
    },
  );
}

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
export function emit(event: string, payload?: unknown): Promise<void> {
  return call("plugin:event|emit", bare({ event, payload: payload === undefined ? null : payload }), nothing);
}

/**
 * Delivers an event to this page's listeners. Called by the runtime only, with JSON data: a page
 * that calls it fools only itself.
 */
export function dispatch(message: EventMessage): void {
  const callbacks = listeners[message.event];
  if (!callbacks) return;
  for (let i = 0; i < callbacks.length; i++) {
    const callback = callbacks[i] as EventCallback;
    try {
      callback(freeze(bare({ event: message.event, payload: message.payload })));
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  }
}

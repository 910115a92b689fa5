/**
 * Events: the app (or a page) emits, the webviews granted to hear them and listening receive.
 *
 * @module
 */

import {
  arrayIndexOf,
  arrayPush,
  arraySlice,
  arraySplice,
  createObject,
  resolved,
  setTimeout,
  then,
} from "./captured";
import { invoke } from "./invoke";

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

// Callbacks by event name. The page hears an event only after `listen` passed the door.
const listeners: Record<string, EventCallback<unknown>[] | undefined> = createObject(null);

function nothing(): void {}

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
  const first = existing === undefined;
  const list: EventCallback<T>[] = existing ?? (listeners[event] = []);
  arrayPush(list, callback);
  function remove(): boolean {
    const index = arrayIndexOf(list, callback);
    if (index >= 0) arraySplice(list, index, 1);
    if (list.length === 0 && listeners[event] === list) {
      delete listeners[event];
      return true;
    }
    return false;
  }
  const ready: Promise<unknown> = first ? invoke("plugin:event|listen", { event }) : resolved(null);
  return then(
    ready,
    () =>
      function unlisten(): Promise<void> {
        return remove() ? then(invoke("plugin:event|unlisten", { event }), nothing) : resolved(undefined);
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
  return then(invoke("plugin:event|emit", { event, payload: payload === undefined ? null : payload }), nothing);
}

/**
 * Delivers an event to this page's listeners. Called by the runtime only, with JSON data: a page
 * that calls it fools only itself.
 */
export function dispatch(message: EventMessage): void {
  const list = listeners[message.event];
  if (!list) return;
  const callbacks = arraySlice(list);
  for (let i = 0; i < callbacks.length; i++) {
    const callback = callbacks[i] as EventCallback;
    try {
      callback({ event: message.event, payload: message.payload });
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  }
}

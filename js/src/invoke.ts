/**
 * Calling commands through the IPC door, `ipc://localhost/<command>`.
 *
 * @module
 */

import {
  ArrayBufferType,
  Uint8ArrayType,
  encodeComponent,
  fetch,
  headersGet,
  parse,
  responseArrayBuffer,
  responseHeaders,
  responseOk,
  responseText,
  stringIndexOf,
  stringify,
  then,
} from "./captured";
import { IpcError, isIpcErrorCode } from "./error";

/**
 * The arguments of a call: an object whose keys are the command's parameter names (sent as
 * JSON), or bytes (sent raw, as `application/octet-stream`). A {@link Channel} may be one of the
 * object's values.
 */
export type InvokeArgs = { readonly [name: string]: unknown } | ArrayBuffer | Uint8Array;

function isBytes(value: unknown): value is ArrayBuffer | Uint8Array {
  return value instanceof ArrayBufferType || value instanceof Uint8ArrayType;
}

/**
 * An error response's body, `{ code, message, data? }`; anything else is an `internal` error.
 */
function errorFrom(text: string): IpcError {
  let body: unknown = null;
  try {
    body = parse(text);
  } catch {
    // Not JSON (the door always answers JSON, but something in between may not): keep the text.
  }
  const { code, message, data } =
    typeof body === "object" && body !== null
      ? (body as { code?: unknown; message?: unknown; data?: unknown })
      : { code: "internal", message: text, data: undefined };
  return new IpcError(
    isIpcErrorCode(code) ? code : "internal",
    typeof message === "string" && message !== "" ? message : "the call failed",
    data,
  );
}

/**
 * Calls the command `command` and resolves to its result.
 *
 * A command that returns bytes resolves to a `Uint8Array`, one that returns nothing to `null`,
 * any other to its JSON value. Rejects with an {@link IpcError} when the door refuses the call
 * (e.g. `denied`, `busy`) or the command fails.
 *
 * ```ts
 * const note = await invoke<Note>("read_note", { noteId: "42" });
 * const digest = await invoke<Uint8Array>("hash", new Uint8Array([1, 2, 3]));
 * ```
 *
 * @param command - the command's name: an app command (`read_note`) or a plugin's
 *   (`plugin:fs|read_text_file`).
 * @param args - the arguments, `{}` when omitted.
 * @typeParam T - the type of the result; not checked at run time.
 */
export function invoke<T = unknown>(command: string, args?: InvokeArgs): Promise<T> {
  const raw = isBytes(args);
  const init: RequestInit = {
    method: "POST",
    headers: { "Content-Type": raw ? "application/octet-stream" : "application/json" },
    body: raw ? (args as BodyInit) : stringify(args === undefined ? {} : args),
  };
  return then(fetch("ipc://localhost/" + encodeComponent(command), init), (response) => {
    const type = headersGet(responseHeaders(response), "Content-Type") || "";
    if (!responseOk(response)) {
      return then(responseText(response), (text): never => {
        throw errorFrom(text);
      });
    }
    if (stringIndexOf(type, "application/octet-stream") === 0) {
      return then(responseArrayBuffer(response), (buffer) => new Uint8ArrayType(buffer) as T);
    }
    return then(responseText(response), (text) => (text === "" ? null : parse(text)) as T);
  });
}

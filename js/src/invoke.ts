/**
 * Calling commands through one of the two doors. JSON calls of the top frame, and those the
 * isolation application sealed, take the message door (`bridge.ts`, a script-message handler
 * behind an isolated world: no HTTP round trip); raw bytes, large bodies and calls of
 * sub-frames take `ipc://localhost/<command>`.
 *
 * Every `ipc://` request carries this webview's token (see {@link TOKEN}): the door reads a body
 * only from a request that does. The API sends only strings and bytes as bodies, never a `Blob`:
 * a `Blob` argument is read into bytes first, because WebKitGTK crashes the app reading a
 * Blob-backed request body.
 *
 * @module
 */

import {
  ArrayBufferType,
  BlobType,
  FormDataType,
  ReadableStreamType,
  URLSearchParamsType,
  Uint8ArrayType,
  bare,
  blobArrayBuffer,
  encodeComponent,
  fetch,
  headersGet,
  isBufferView,
  own,
  parse,
  rejected,
  responseArrayBuffer,
  responseHeaders,
  responseOk,
  responseText,
  stringIndexOf,
  stringify,
  then,
  utf8Text,
} from "./captured";
import { base64FromBytes, bytesFromBase64 } from "./base64";
import * as bridge from "./bridge";
import { seal, sealing } from "./sealing";
import { IpcError, isIpcErrorCode } from "./error";

/**
 * This webview's token, which the runtime writes in place of the placeholder when it injects
 * the script: it lives in this closure only, never on a global a page script could read.
 */
const TOKEN = "__RAMPART_API_TOKEN__";

/**
 * The arguments of a call: an object whose keys are the command's parameter names (sent as
 * JSON), or bytes (sent raw, as `application/octet-stream`): an `ArrayBuffer`, any typed array,
 * a `DataView`, or a `Blob` (a `File` too), whose contents are read and sent. A {@link Channel}
 * may be one of the object's values.
 */
export type InvokeArgs = { readonly [name: string]: unknown } | ArrayBuffer | ArrayBufferView | Blob;

/**
 * Which door a call takes: `"auto"` (the default: the message door for JSON calls of the top
 * frame up to 64 KiB, and with the isolation pattern for sealed calls up to 64 KiB, whatever
 * their arguments; `ipc://` for the rest), or one forced (`"message"` where there is no message
 * door, or for raw bytes without the isolation pattern, rejects with `bad_request`). Both doors
 * are checked alike.
 */
export type Door = "auto" | "ipc" | "message";

/** Options of a call. */
export interface InvokeOptions {
  /** Which door the call takes; `"auto"` when omitted. */
  readonly door?: Door;
}

/** The largest JSON body (or sealed call) the message door carries in `"auto"`. */
const MESSAGE_DOOR_LIMIT = 64 * 1024;

/** What `read` makes of a successful answer's value (JSON, bytes, or `null`). */
type Reader<T> = (value: unknown) => T;

/** An error response's body, `{ code, message, data? }`; anything else is an `internal` error. */
function errorFromBody(body: unknown): IpcError {
  if (typeof body !== "object" || body === null) {
    return new IpcError("internal", typeof body === "string" && body !== "" ? body : "the call failed");
  }
  const code = own(body, "code");
  const message = own(body, "message");
  return new IpcError(
    isIpcErrorCode(code) ? code : "internal",
    typeof message === "string" && message !== "" ? message : "the call failed",
    own(body, "data"),
  );
}

/** An error response's text. */
function errorFrom(text: string): IpcError {
  try {
    return errorFromBody(parse(text));
  } catch {
    // Not JSON (the door always answers JSON, but something in between may not): keep the text.
    return errorFromBody(text);
  }
}

/**
 * The door's answer could not be read: the engine refused it to this frame (the door answers
 * only origins it accepts), or the app stopped answering.
 */
function unreachable(): never {
  throw new IpcError("denied", "no answer from the app: it refuses calls from this frame's origin, or it stopped");
}

/**
 * The message door's answer as the result: its kind is one character
 * (`rampart_core::ipc::message::AnswerKind`), followed by its payload.
 */
function settled<T>(kind: string, payload: string, read: Reader<T>): T | Promise<T> {
  switch (kind) {
    case "j": // the result, JSON
      return read(payload === "" ? null : parse(payload));
    case "b": // the result, bytes in base64
      return read(bytesFromBase64(payload));
    case "p": // a large answer waits in the runtime under this id (see `pickups.rs`)
      return request("__pickup/" + payload, "", read);
    case "e": // the error, `{ code, message, data? }`
      throw errorFrom(payload);
    default: // `x`: refused to a caller that may not even read why
      return unreachable();
  }
}

/** Sends `body` (JSON arguments, or a sealed call in base64) to `command` through the message door. */
function sendMessage<T>(kind: bridge.Kind, command: string, body: string, read: Reader<T>): Promise<T> {
  return bridge.send(kind, command, body, read, settled);
}

/** Sends `body` to `command` through the door `door` chooses; `read` turns the answer into the result. */
function send<T>(
  command: string,
  body: string | ArrayBuffer | ArrayBufferView,
  read: Reader<T>,
  door: Door,
): Promise<T> {
  if (sealing()) {
    // The isolation pattern: the isolation application sees, may change or refuse, and seals
    // every call; a sealed call takes the door a JSON call of its size would.
    const args = typeof body === "string" ? body : bytesOf(body);
    return then(seal(command, args), (sealed) => {
      if (sealed.refused !== undefined) {
        // The app's refusal hook hears of it through the frame's sealed notice.
        if (sealed.notice !== null) {
          then(request("__isolation_refused", sealed.notice, asIs, SEALED_TYPE), null, asIs);
        }
        throw new IpcError("denied", sealed.refused);
      }
      return through(door, sealed.command, sealed.envelope, true, read);
    });
  }
  return through(door, command, body, false, read);
}

/** Why a call forced to the message door cannot take it. */
const MESSAGE_DOOR_ONLY = "the message door carries JSON and sealed calls of the top frame only";

/**
 * Sends `body` to `command` through the door the call takes, asked for `door`: the message door
 * for a JSON or sealed call (`sealed`: `body` is the isolation application's envelope) of at
 * most {@link MESSAGE_DOOR_LIMIT} (any size when forced) where this frame has it, `ipc://` for
 * the rest; a call forced to the message door that it cannot take is refused.
 */
function through<T>(
  door: Door,
  command: string,
  body: string | ArrayBuffer | ArrayBufferView,
  sealed: boolean,
  read: Reader<T>,
): Promise<T> {
  const json = typeof body === "string";
  if ((json || sealed) && door !== "ipc" && bridge.available()) {
    const length = json ? body.length : body.byteLength;
    if (door === "message" || length <= MESSAGE_DOOR_LIMIT) {
      // A sealed call is bytes (the envelope), in base64 on this door.
      return json
        ? sendMessage("json", command, body, read)
        : sendMessage("sealed", command, base64FromBytes(body as Uint8Array), read);
    }
  } else if (door === "message") {
    return refuse(MESSAGE_DOOR_ONLY);
  }
  return request(encodeComponent(command), body, read, sealed ? SEALED_TYPE : undefined);
}

/** The Content-Type of a call sealed by the isolation application. */
const SEALED_TYPE = "application/x-rampart-sealed";

/** `body`'s bytes as a `Uint8Array` (a view of the same memory). */
function bytesOf(body: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (body instanceof ArrayBufferType) return new Uint8ArrayType(body);
  return new Uint8ArrayType(body.buffer, body.byteOffset, body.byteLength);
}

/** POSTs `body` to `ipc://localhost/<path>`, with the token; `read` turns the answer into the result. */
function request<T>(
  path: string,
  body: string | ArrayBuffer | ArrayBufferView,
  read: Reader<T>,
  contentType?: string,
): Promise<T> {
  const raw = typeof body !== "string";
  const init = bare({
    method: "POST",
    headers: bare({
      "Content-Type": contentType ?? (raw ? "application/octet-stream" : "application/json"),
      "Rampart-Token": TOKEN,
    }),
    body: body as BodyInit,
  });
  // One reaction for the answer and one for its body; a failed fetch (the engine refused the
  // answer to this frame) is `unreachable`, an error thrown while reading the answer is not.
  return then(
    fetch("ipc://localhost/" + path, init),
    (response) => {
      if (!responseOk(response)) {
        return then(responseText(response), (text): never => {
          throw errorFrom(text);
        });
      }
      const type = headersGet(responseHeaders(response), "Content-Type") || "";
      const bytes = stringIndexOf(type, "application/octet-stream") === 0;
      return then(responseArrayBuffer(response), (buffer) => {
        if (bytes) return read(new Uint8ArrayType(buffer));
        const text = utf8Text(buffer);
        return read(text === "" ? null : parse(text));
      });
    },
    unreachable,
  );
}

function refuse<T>(message: string, data?: unknown): Promise<T> {
  return rejected(new IpcError("bad_request", message, data));
}

/**
 * Calls `command` with `args`; `read` turns the answer's value into the result, inside the
 * API, so that internal callers never resolve a promise with an object the page could hook.
 */
export function call<T>(
  command: string,
  args: InvokeArgs | undefined,
  read: Reader<T>,
  door: Door = "auto",
): Promise<T> {
  if (args instanceof ArrayBufferType || isBufferView(args)) return send(command, args, read, door);
  if (args instanceof BlobType) {
    return then(blobArrayBuffer(args), (bytes) => send(command, bytes, read, door));
  }
  if (args instanceof FormDataType || args instanceof URLSearchParamsType || args instanceof ReadableStreamType) {
    return refuse(
      "invoke takes an object of named arguments, or bytes (ArrayBuffer, a typed array, DataView, Blob): " +
        "FormData, URLSearchParams and streams cannot be sent",
    );
  }
  let json: string;
  try {
    json = stringify(args === undefined ? bare({}) : args);
  } catch (error) {
    return refuse("the arguments cannot be sent as JSON", error);
  }
  return send(command, json, read, door);
}

function asIs(value: unknown): unknown {
  return value;
}

/**
 * Calls the command `command` and resolves to its result.
 *
 * A command that returns bytes resolves to a `Uint8Array`, one that returns nothing to `null`,
 * any other to its JSON value. Rejects with an {@link IpcError} when the door refuses the call
 * (e.g. `denied`, `busy`), the command fails, or the arguments cannot be sent (`bad_request`);
 * it never throws.
 *
 * ```ts
 * const note = await invoke<Note>("read_note", { noteId: "42" });
 * const digest = await invoke<Uint8Array>("hash", new Uint8Array([1, 2, 3]));
 * const size = await invoke<number>("upload", fileInput.files[0]);
 * ```
 *
 * @param command - the command's name: an app command (`read_note`) or a plugin's
 *   (`plugin:fs|read_text_file`).
 * @param args - the arguments, `{}` when omitted.
 * @param options - which door the call takes (`{ door: "ipc" }`); the fitting one when omitted.
 * @typeParam T - the type of the result; not checked at run time.
 */
export function invoke<T = unknown>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  const door = own(options, "door");
  return call(command, args, asIs as Reader<T>, door === "ipc" || door === "message" ? door : "auto");
}

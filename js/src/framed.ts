/**
 * Raw bytes with a JSON head in one body, as the plugins' commands that take both read it
 * (`rampart_core::ipc::framed`): a 4-byte big-endian head length, the head, the data.
 *
 * @module
 */

// Captured at load: the isolation application's frame frames its calls with this too, before
// any of the author's scripts runs.
const encoder = new TextEncoder();
const stringify = JSON.stringify;
const BytesType = Uint8Array;
const DataViewType = DataView;

/** `head` (as JSON) and `data` as one framed body. */
export function framed(head: object, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const headBytes = encoder.encode(stringify(head));
  const body = new BytesType(4 + headBytes.length + data.length);
  new DataViewType(body.buffer).setUint32(0, headBytes.length);
  body.set(headBytes, 4);
  body.set(data, 4 + headBytes.length);
  return body;
}

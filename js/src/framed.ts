/**
 * Raw bytes with a JSON head in one body, as the plugins' commands that take both read it
 * (`rampart_core::ipc::framed`): a 4-byte big-endian head length, the head, the data.
 *
 * @module
 */

const encoder = new TextEncoder();

/** `head` (as JSON) and `data` as one framed body. */
export function framed(head: object, data: Uint8Array): Uint8Array {
  const headBytes = encoder.encode(JSON.stringify(head));
  const body = new Uint8Array(4 + headBytes.length + data.length);
  new DataView(body.buffer).setUint32(0, headBytes.length);
  body.set(headBytes, 4);
  body.set(data, 4 + headBytes.length);
  return body;
}

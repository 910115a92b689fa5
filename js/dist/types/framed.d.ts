/**
 * Raw bytes with a JSON head in one body, as the plugins' commands that take both read it
 * (`rampart_core::ipc::framed`): a 4-byte big-endian head length, the head, the data.
 *
 * @module
 */
/** `head` (as JSON) and `data` as one framed body. */
export declare function framed(head: object, data: Uint8Array): Uint8Array<ArrayBuffer>;

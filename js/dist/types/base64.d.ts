/**
 * Bytes the runtime sends inside JSON (a byte-channel chunk, a command's bytes through the
 * message door), as standard base64.
 *
 * @module
 */
/** The bytes `encoded` (standard base64 with padding) stands for. */
export declare function bytesFromBase64(encoded: string): Uint8Array;

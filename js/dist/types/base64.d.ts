/**
 * Bytes inside text, as standard base64: those the runtime sends inside JSON (a byte-channel
 * chunk, a command's bytes through the message door), and a sealed call the API sends through
 * the message door.
 *
 * @module
 */
/** The bytes `encoded` (standard base64 with padding) stands for. */
export declare function bytesFromBase64(encoded: string): Uint8Array;
/** `bytes` as standard base64 with padding. */
export declare function base64FromBytes(bytes: Uint8Array): string;

/**
 * Bytes inside text, as standard base64: those the runtime sends inside JSON (a byte-channel
 * chunk, a command's bytes through the message door), and a sealed call the API sends through
 * the message door.
 *
 * @module
 */

import {
  Uint8ArrayType,
  decodeBase64,
  encodeBase64,
  fromCharCode,
  reflectApply,
  stringCharCodeAt,
  subarray,
} from "./captured";

/** The engine's own decoder (`Uint8Array.fromBase64`), where it has one: captured at load. */
const fromBase64 = (Uint8ArrayType as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
const nativeDecode = typeof fromBase64 === "function" ? fromBase64.bind(Uint8ArrayType) : null;

/** The bytes `encoded` (standard base64 with padding) stands for. */
export function bytesFromBase64(encoded: string): Uint8Array {
  if (nativeDecode !== null) return nativeDecode(encoded);
  const binary = decodeBase64(encoded);
  const bytes = new Uint8ArrayType(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = stringCharCodeAt(binary, i);
  return bytes;
}

/** The engine's own encoder (`Uint8Array.prototype.toBase64`), where it has one: captured at load. */
const toBase64 = (Uint8ArrayType.prototype as unknown as { toBase64?: (this: Uint8Array) => string }).toBase64;
const nativeEncode = typeof toBase64 === "function" ? toBase64 : null;

/** How many bytes go into one `fromCharCode` call when there is no native encoder. */
const CHUNK = 8192;

/** `bytes` as standard base64 with padding. */
export function base64FromBytes(bytes: Uint8Array): string {
  if (nativeEncode !== null) return reflectApply(nativeEncode, bytes, []);
  let binary = "";
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const chunk = subarray(bytes, start, start + CHUNK);
    binary += reflectApply(fromCharCode, null, chunk as unknown as number[]);
  }
  return encodeBase64(binary);
}

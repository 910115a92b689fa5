/**
 * Bytes the runtime sends inside JSON (a byte-channel chunk, a command's bytes through the
 * message door), as standard base64.
 *
 * @module
 */

import { Uint8ArrayType, decodeBase64, stringCharCodeAt } from "./captured";

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

/**
 * `@rampart/api/clipboard`: the desktop's clipboard. Writing text is in `clipboard:default`;
 * reading is a permission of its own (`clipboard:allow-read-text`), since the clipboard holds
 * whatever the person copied elsewhere. A refusal rejects with an {@link IpcError} whose code is
 * `denied`.
 *
 * ```ts
 * import { writeText, readText } from "@rampart/api/clipboard";
 * await writeText("a link worth sharing");
 * const pasted = await readText(); // null when the clipboard holds no text
 * ```
 *
 * @module
 */
/** Puts `text` (at most 1 MiB of UTF-8) on the clipboard. */
export declare function writeText(text: string): Promise<void>;
/** The text on the clipboard, or `null` when it holds none. */
export declare function readText(): Promise<string | null>;

/**
 * `@rampart/api/clipboard`: the desktop's clipboard. Writing text and images is in
 * `clipboard:default`; reading each is a permission of its own (`clipboard:allow-read-text`,
 * `clipboard:allow-read-image`), since the clipboard holds whatever the person copied elsewhere.
 * A refusal rejects with an {@link IpcError} whose code is `denied`.
 *
 * ```ts
 * import { writeText, readText, writeImage, readImage } from "@rampart/api/clipboard";
 * await writeText("a link worth sharing");
 * const pasted = await readText(); // null when the clipboard holds no text
 * await writeImage(new Uint8Array(await (await fetch("chart.png")).arrayBuffer()));
 * const png = await readImage(); // PNG bytes, or null
 * ```
 *
 * @module
 */

import { invoke } from "./index.js";

/** Puts `text` (at most 1 MiB of UTF-8) on the clipboard. */
export function writeText(text: string): Promise<void> {
  return invoke<null>("plugin:clipboard|write_text", { text }).then(() => undefined);
}

/** The text on the clipboard, or `null` when it holds none. */
export function readText(): Promise<string | null> {
  return invoke<string | null>("plugin:clipboard|read_text");
}

/** Puts a PNG image (at most 8192 pixels each way) on the clipboard. */
export function writeImage(png: Uint8Array | ArrayBuffer): Promise<void> {
  return invoke<null>("plugin:clipboard|write_image", png).then(() => undefined);
}

/** The image on the clipboard as PNG bytes, or `null` when it holds none. */
export function readImage(): Promise<Uint8Array | null> {
  return invoke<Uint8Array | null>("plugin:clipboard|read_image");
}

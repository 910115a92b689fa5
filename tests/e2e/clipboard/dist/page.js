// Through @rampart/api/clipboard: the page copies text, reads it back (its capability grants
// reading), and tries to copy more than the limit; then a 3×2 PNG, read back as PNG, and bytes
// that are not a PNG. Reports the findings.
import { readImage, readText, writeImage, writeText } from "./clipboard.js";

const R = window.__RAMPART__;
const outcome = (p) => p.then((value) => ({ ok: true, value: value ?? null }), (error) => ({ code: error.code }));
const findings = {};
findings.write = await outcome(writeText("copied by the page — ✓"));
findings.read = await outcome(readText());
findings.tooLarge = await outcome(writeText("x".repeat(1024 * 1024 + 1)));
const pixels = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEUlEQVR4nGP4z8DwH4YZkDkAm34L9XKwuTwAAAAASUVORK5CYII="),
  (c) => c.charCodeAt(0),
);
findings.writeImage = await outcome(writeImage(pixels));
const png = await readImage().catch((error) => ({ code: error.code }));
if (png instanceof Uint8Array) {
  const bitmap = await createImageBitmap(new Blob([png], { type: "image/png" }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  findings.readImage = {
    signature: Array.from(png.slice(1, 4), (c) => String.fromCharCode(c)).join(""),
    size: [bitmap.width, bitmap.height],
    pixel: Array.from(context.getImageData(1, 1, 1, 1).data),
  };
} else {
  findings.readImage = png;
}
findings.notPng = await outcome(writeImage(new TextEncoder().encode("GIF89a not a png")));
await R.invoke("report", findings);

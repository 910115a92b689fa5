// Through @rampart/api/clipboard: the page copies text, reads it back (its capability grants
// reading), and tries to copy more than the limit. Reports the findings.
import { readText, writeText } from "./clipboard.js";

const R = window.__RAMPART__;
const outcome = (p) => p.then((value) => ({ ok: true, value: value ?? null }), (error) => ({ code: error.code }));
const findings = {};
findings.write = await outcome(writeText("copied by the page — ✓"));
findings.read = await outcome(readText());
findings.tooLarge = await outcome(writeText("x".repeat(1024 * 1024 + 1)));
await R.invoke("report", findings);

// Before the pick, the picked file is out of reach; after it, the fs plugin reads it and an
// image of it loads through asset://; its neighbours stay out of reach. Then the opener, through
// @rampart/api/opener: the one URL it may open, and two it may not. Reports the findings.
import * as dialog from "./dialog.js";
import * as fs from "./fs.js";
import { openUrl } from "./opener.js";

const api = window.__RAMPART__;
const findings = {};

async function attempt(name, action) {
  try {
    findings[name] = { ok: true, value: (await action()) ?? null };
  } catch (error) {
    findings[name] = { code: error?.code ?? String(error) };
  }
}

function image(src) {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img.naturalWidth + "x" + img.naturalHeight);
    img.onerror = () => resolve("error");
    img.src = src;
  });
}

const asset = (path) => "asset://localhost" + path.split("/").map(encodeURIComponent).join("/");

async function run() {
  const { picked, neighbour } = await (await fetch("paths.json")).json();
  await attempt("before", () => fs.readFile(picked));
  findings.image_before = await image(asset(picked));
  await attempt("open", () => dialog.open({ title: "Pick a picture", filters: [{ name: "Images", extensions: ["png"] }] }));
  await attempt("after", async () => (await fs.readFile(picked)).length);
  findings.image_after = await image(asset(picked));
  await attempt("neighbour", () => fs.readFile(neighbour));
  findings.image_neighbour = await image(asset(neighbour));
  await attempt("ask", () => dialog.ask("Keep it?"));
  await attempt("open_url", () => openUrl("https://example.com/picked"));
  await attempt("open_file_url", () => openUrl("file://" + picked));
  await attempt("open_other_url", () => openUrl("https://example.com/other"));
  await api.invoke("report", findings);
}

run().catch((error) => api.invoke("report", { crashed: String(error) }));

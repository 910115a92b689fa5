// Every body type the Fetch standard allows, as a page (or a frame) can send it to the door.
// WebKitGTK crashes the whole app reading a Blob-backed body (Blob, File, FormData with a file)
// in the UI process; the door must never read one. Loaded by the main page and by a sandboxed
// frame (srcdoc, Origin: null), which both send every case with a plain `fetch`.
"use strict";

/** 32 bytes of JSON, a multiple of 8 so that every typed array can view them. */
const BODY_TEXT = '{"message":"hi","someNumber":12}';
const BODY_BYTES = new TextEncoder().encode(BODY_TEXT);

function bodyBuffer() {
  return BODY_BYTES.slice().buffer;
}

/** [name, make the body, extra fetch options]: each case makes a fresh body. */
function bodyCases() {
  return [
    ["string", () => BODY_TEXT],
    ["blob_typed", () => new Blob([BODY_TEXT], { type: "application/json" })],
    ["blob_untyped", () => new Blob([BODY_TEXT])],
    ["blob_empty", () => new Blob([])],
    ["blob_20mib", () => new Blob([new Uint8Array(20 << 20)], { type: "application/octet-stream" })],
    ["file", () => new File([BODY_TEXT], "args.json", { type: "application/json" })],
    ["array_buffer", () => bodyBuffer()],
    ["int8_array", () => new Int8Array(bodyBuffer())],
    ["uint8_array", () => new Uint8Array(bodyBuffer())],
    ["uint8_clamped_array", () => new Uint8ClampedArray(bodyBuffer())],
    ["int16_array", () => new Int16Array(bodyBuffer())],
    ["uint16_array", () => new Uint16Array(bodyBuffer())],
    ["int32_array", () => new Int32Array(bodyBuffer())],
    ["uint32_array", () => new Uint32Array(bodyBuffer())],
    ["float32_array", () => new Float32Array(bodyBuffer())],
    ["float64_array", () => new Float64Array(bodyBuffer())],
    ["bigint64_array", () => new BigInt64Array(bodyBuffer())],
    ["biguint64_array", () => new BigUint64Array(bodyBuffer())],
    ["data_view", () => new DataView(bodyBuffer())],
    ["form_data", () => { const f = new FormData(); f.append("message", "hi"); return f; }],
    ["form_data_file", () => {
      const f = new FormData();
      f.append("args", new File([BODY_TEXT], "args.json", { type: "application/json" }));
      return f;
    }],
    ["url_search_params", () => new URLSearchParams("message=hi&someNumber=12")],
    ["readable_stream", () => new ReadableStream({
      start(controller) { controller.enqueue(BODY_BYTES.slice()); controller.close(); },
    }), { duplex: "half" }],
  ];
}

/** The commands every case goes to: granted, unknown, refused (granted to no one). */
const BODY_TARGETS = ["bytes", "no_such_command", "secret"];

/** One raw request: its status, or how fetch failed. */
async function sendBody(command, makeBody, extra, contentType) {
  const init = { method: "POST", body: makeBody(), ...(extra || {}) };
  if (contentType) init.headers = { "Content-Type": contentType };
  try {
    const response = await fetch("ipc://localhost/" + command, init);
    let code = null;
    try { code = JSON.parse(await response.text()).code; } catch (e) { code = null; }
    return { status: response.status, code };
  } catch (e) {
    return { error: e.name };
  }
}

/**
 * Every case to every target, with the Content-Type fetch chooses and with
 * `application/octet-stream` (so that a Blob body would pass the door's type check): results by
 * `<case>/<target>/<default|octet>`.
 */
async function sendEveryBody() {
  const results = {};
  for (const [name, makeBody, extra] of bodyCases()) {
    for (const target of BODY_TARGETS) {
      for (const [how, type] of [["default", null], ["octet", "application/octet-stream"]]) {
        results[name + "/" + target + "/" + how] = await sendBody(target, makeBody, extra, type);
      }
    }
  }
  return results;
}

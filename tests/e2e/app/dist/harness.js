// What the end-to-end pages share: the API, their findings, and small helpers. Loaded before
// each page's own script; the page ends with `finish(run)`.
"use strict";
const R = window.__RAMPART__;
const findings = {};

function record(name, value) {
  findings[name] = value;
  document.getElementById("log").textContent += name + ": " + JSON.stringify(value) + "\n";
}

function withTimeout(promise, ms, label) {
  return Promise.race([
    promise,
    new Promise((resolve) => setTimeout(() => resolve({ timeout: label }), ms)),
  ]);
}

/** A call's outcome as data: its value, or its error's code, message and data. */
async function outcome(promise) {
  try {
    const value = await promise;
    return { ok: true, value: value instanceof Uint8Array ? Array.from(value) : value };
  } catch (e) {
    const error = { ok: false, code: e.code || null, name: e.name, message: String(e.message) };
    if (e.data !== undefined) error.data = e.data;
    if (e instanceof R.IpcError) error.isIpcError = true;
    return error;
  }
}

/** Waits until the other page leaves `key` in the relay; null after `ms`. */
async function relayed(key, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await R.invoke("relay_take", { key });
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Runs the page's scenario, then reports its findings (or how it crashed) to the app. */
function finish(run) {
  run().then(
    () => R.invoke("report", findings),
    (e) => R.invoke("report", { crashed: String(e), partial: findings }),
  );
}

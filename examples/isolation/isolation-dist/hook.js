// The isolation application's hook: it sees every call of the app's pages before it is sealed
// for Rust, and returns it (perhaps changed), or null (or throws) to refuse it.
"use strict";

/** Where the pages may write, whatever the capability allows. */
const WRITABLE = ["$APPDATA/notes/"];

window.__RAMPART_ISOLATION_HOOK__ = (request) => {
  if (request.command === "plugin:fs|write_text_file") {
    const path = String(request.args && request.args.path);
    if (!WRITABLE.some((prefix) => path.startsWith(prefix)) || path.includes("..")) return null;
  }
  if (request.args && typeof request.args === "object" && "telemetry" in request.args) {
    const { telemetry, ...rest } = request.args;
    return { ...request, args: rest };
  }
  return request;
};

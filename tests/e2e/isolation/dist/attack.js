// Calls through the API (sealed by the isolation application), then tries to get around it.
"use strict";
(async function () {
  const R = window.__RAMPART__;
  const findings = {};
  const outcome = (promise) => promise.then((value) => ({ ok: true, value }), (error) => ({ code: error && error.code || String(error) }));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A sandboxed isolation frame of the page's own making, and what it answers to `call`. */
  function ownFrame(sandboxed, call, parent, src) {
    return new Promise((resolve) => {
      const doc = (parent || window).document;
      const frame = doc.createElement("iframe");
      if (sandboxed) frame.setAttribute("sandbox", "allow-scripts");
      frame.hidden = true;
      frame.src = src || "isolation://localhost/index.html";
      frame.onload = () => {
        const channel = new MessageChannel();
        const timer = setTimeout(() => resolve({ answered: false }), 1500);
        channel.port1.onmessage = (event) => {
          clearTimeout(timer);
          resolve({ answered: true, sealed: event.data && event.data.sealed instanceof Uint8Array, data: event.data });
        };
        frame.contentWindow.postMessage({ rampartCall: call }, "*", [channel.port2]);
      };
      doc.documentElement.appendChild(frame);
    });
  }

  try {
    // First, a call and a reload: the new document's isolation frame counts its calls from 1
    // again, in a session of its own, and is not taken for a replay.
    if (sessionStorage.getItem("reloaded") === null) {
      // Before the API adds its isolation frame (at DOMContentLoaded), the page makes
      // `Function.prototype.call` drop any `sandbox` attribute set through it: an API that used
      // the page's `call` would add an unsandboxed frame, which never signs, and this call fails.
      const realCall = Function.prototype.call;
      const setAttribute = Element.prototype.setAttribute;
      Function.prototype.call = function (self, ...args) {
        if (this === setAttribute && args[0] === "sandbox") return undefined;
        return Reflect.apply(this, self, args);
      };
      await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve));
      Function.prototype.call = realCall;
      sessionStorage.setItem("reloaded", JSON.stringify(await outcome(R.invoke("plugin:path|join", { paths: ["x"] }))));
      location.reload();
      return;
    }
    findings.beforeReload = JSON.parse(sessionStorage.getItem("reloaded"));
    findings.whoami = await outcome(R.invoke("whoami"));
    findings.refused = await outcome(R.invoke("plugin:path|normalize", { path: "/a/../b" }));
    findings.rewritten = await outcome(R.invoke("plugin:path|join", { paths: ["a", "b"] }));
    findings.thrown = await outcome(R.invoke("plugin:path|resolve", { paths: ["/a"] }));
    findings.afterThrow = await outcome(R.invoke("whoami"));
    // Bytes are sealed too, and reach the command.
    findings.bytes = await outcome(R.invoke("whoami", new Uint8Array([1, 2, 3])));
    // Sealed calls through each door, forced: JSON and bytes, both answered.
    findings.doors = {};
    for (const door of ["ipc", "message"]) {
      findings.doors[door] = await outcome(R.invoke("whoami", {}, { door }));
      findings.doors[door + "Bytes"] = await outcome(R.invoke("whoami", new Uint8Array([4]), { door }));
    }

    // The door directly, without the isolation application: refused, nothing runs.
    const direct = await fetch("ipc://localhost/whoami", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    }).then((r) => r.status, (e) => e.name);
    findings.directDoor = direct;

    // The page's own sandboxed isolation frame signs (through the hook), but what it signs is
    // useless without the API: sent by the page it is refused before its body is read.
    const own = await ownFrame(true, { command: "whoami", json: "{}" });
    findings.ownFrameSigns = own.answered && own.sealed;
    if (own.sealed) {
      for (const [name, path] of [["replayed", "whoami"], ["movedCommand", "report"]]) {
        findings[name] = await fetch("ipc://localhost/" + path, {
          method: "POST",
          headers: { "Content-Type": "application/x-rampart-sealed" },
          body: own.data.sealed,
        }).then((r) => r.status, (e) => e.name);
      }
    }
    // Another document of the isolation scheme (a script of the application, a missing page)
    // has no hook: it has no signer either, or a page would seal what the hook refuses.
    const refusedCall = { command: "plugin:path|normalize", json: JSON.stringify({ path: "/a/../b" }) };
    findings.hooklessSigns = [];
    for (const src of ["isolation://localhost/hook.js", "isolation://localhost/missing.html"]) {
      findings.hooklessSigns.push((await ownFrame(true, refusedCall, null, src)).answered);
    }
    // Without its sandbox, the isolation frame has no signer.
    findings.unsandboxedSigns = (await ownFrame(false, { command: "whoami", json: "{}" })).answered;
    // From a sandboxed frame (an opaque origin), an isolation frame does not answer.
    findings.nestedAnswered = await new Promise((resolve) => {
      const nested = document.createElement("iframe");
      nested.setAttribute("sandbox", "allow-scripts");
      nested.hidden = true;
      nested.src = "nested.html";
      const timer = setTimeout(() => resolve("no report"), 5000);
      window.addEventListener("message", (event) => {
        if (event.source === nested.contentWindow && event.data && "nestedAnswered" in event.data) {
          clearTimeout(timer);
          resolve(event.data.nestedAnswered);
        }
      });
      document.documentElement.appendChild(nested);
    });
    // The API's own isolation frame: its document and its hook are out of reach.
    const frames = Array.from(document.querySelectorAll("iframe")).filter((f) => f.src.startsWith("isolation:"));
    findings.frameDom = frames.map((f) => {
      try {
        return f.contentDocument === null ? "null" : "readable";
      } catch (e) {
        return e.name;
      }
    })[0];
    findings.frameHook = (() => {
      try {
        return typeof frames[0].contentWindow.__RAMPART_ISOLATION_HOOK__;
      } catch (e) {
        return e.name;
      }
    })();
    findings.frameFetch = await fetch("isolation://localhost/hook.js").then((r) => r.status, (e) => e.name);
    // A call in flight when the page takes the isolation frame out: it fails (it waited
    // forever before).
    const inFlight = outcome(R.invoke("whoami"));
    for (const frame of Array.from(document.querySelectorAll("iframe"))) {
      if (frame.src.startsWith("isolation:")) frame.remove();
    }
    findings.inFlightWhenRemoved = await Promise.race([inFlight, sleep(8000).then(() => ({ code: "timeout" }))]);
    // The page (or a framework replacing the document's content) takes every frame out: the
    // next call gets a new isolation frame and is answered (it waited forever before).
    for (const frame of Array.from(document.querySelectorAll("iframe"))) frame.remove();
    const timeout = sleep(8000).then(() => ({ code: "timeout" }));
    findings.afterFrameRemoved = await Promise.race([outcome(R.invoke("whoami")), timeout]);
    await sleep(10);
  } catch (error) {
    findings.crashed = String(error);
  }
  await R.invoke("report", findings);
})();

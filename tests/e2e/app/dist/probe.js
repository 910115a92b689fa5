// A frame's attack on the doors, the same from every frame the main page tries: a plain fetch
// (no API token), a call through the frame's API where it has one, the message door forced,
// its handler looked for, and a forged handshake on the top page. Reports
// `{ frame, result }` to the top page under the name its script tag carries (`data-frame`), or
// its page's fragment (`inner.html#sandboxed-app`).
(function () {
  "use strict";
  var frame = location.hash.slice(1) || document.currentScript.dataset.frame;
  var raw = fetch("ipc://localhost/counted", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })
    .then(function (r) { return "status " + r.status; }, function (e) { return "error " + e; });
  var R = window.__RAMPART__;
  var api = R
    ? R.invoke("counted").then(function () { return "ok"; },
      function (e) { return "error " + e.code + (e instanceof R.IpcError ? "" : " (not an IpcError)"); })
    : Promise.resolve("no api");
  // The message door is the top frame's: a frame reaches neither it nor its handshake.
  var messageDoor = R
    ? R.invoke("counted", {}, { door: "message" }).then(function () { return "ok"; }, function (e) { return "error " + e.code; })
    : Promise.resolve("no api");
  var handler = window.webkit && window.webkit.messageHandlers ? typeof window.webkit.messageHandlers.rampart : "no handlers";
  var handshakeTaken = false;
  try {
    var channel = new MessageChannel();
    handshakeTaken = !top.document.dispatchEvent(new MessageEvent("rampart-bridge", { ports: [channel.port2], cancelable: true }));
  } catch (e) {
    handshakeTaken = "cross-origin";
  }
  Promise.all([raw, api, messageDoor]).then(function (r) {
    var result = { raw: r[0], api: r[1], messageDoor: r[2], handler: handler, handshakeTaken: handshakeTaken };
    top.postMessage({ frame: frame, result: result }, "*");
  });
})();

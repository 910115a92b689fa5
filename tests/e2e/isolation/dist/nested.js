// Loaded in a sandboxed frame (an opaque origin): it makes an isolation frame of its own and asks
// it to seal a call. The isolation frame answers only its parent of the app's own origin, so it
// stays silent; the frame tells the page whether it answered.
"use strict";
(function () {
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-scripts");
  frame.hidden = true;
  frame.src = "isolation://localhost/index.html";
  frame.onload = () => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => parent.postMessage({ nestedAnswered: false }, "*"), 1500);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      parent.postMessage({ nestedAnswered: true }, "*");
    };
    frame.contentWindow.postMessage({ rampartCall: { command: "whoami", json: "{}" } }, "*", [channel.port2]);
  };
  document.documentElement.appendChild(frame);
})();

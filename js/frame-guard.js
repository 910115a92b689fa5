// Injected into every frame, at document start, before any of the document's own content.
// An app page framed by a foreign origin would call the IPC door with the app's own Origin (the
// engine reports the framed document's origin), and WebKitGTK does not enforce `frame-ancestors`
// or `X-Frame-Options` for custom schemes. So an app document whose ancestors include any other
// origin stops loading here: its HTML is never parsed, none of its scripts run.
(function () {
  "use strict";
  if (location.protocol !== "app:") return;
  var ancestors = location.ancestorOrigins;
  var foreign = !ancestors; // no way to know: treat as foreign
  for (var i = 0; ancestors && i < ancestors.length; i++) {
    if (ancestors[i] !== "app://localhost") foreign = true;
  }
  if (window.top !== window && foreign) {
    window.stop();
    if (document.documentElement) document.documentElement.remove();
  }
})();

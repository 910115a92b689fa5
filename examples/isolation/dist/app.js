// The page calls as usual: window.__RAMPART__.invoke. Every call goes through the isolation
// application first, which refuses writes outside the notes folder and strips `telemetry`.
"use strict";
(async function () {
  const R = window.__RAMPART__;
  const results = {};
  const attempt = (name, promise) =>
    promise.then(() => (results[name] = "allowed"), (error) => (results[name] = error.code));
  await attempt("mkdir", R.invoke("plugin:fs|mkdir", { path: "$APPDATA/notes", recursive: true }));
  await attempt("note", R.invoke("plugin:fs|write_text_file", { path: "$APPDATA/notes/today.md", contents: "hello" }));
  await attempt("outside", R.invoke("plugin:fs|write_text_file", { path: "$APPDATA/settings.json", contents: "{}" }));
  await attempt("climbing", R.invoke("plugin:fs|write_text_file", { path: "$APPDATA/notes/../settings.json", contents: "{}" }));
  const list = document.getElementById("results");
  for (const [name, outcome] of Object.entries(results)) {
    const item = document.createElement("li");
    item.textContent = name + ": " + outcome;
    list.append(item);
  }
  // `telemetry` never reaches Rust: the hook strips it.
  await R.invoke("finished", { results, telemetry: "a tracking id" });
})();

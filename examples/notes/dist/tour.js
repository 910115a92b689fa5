// The scripted tour of the headless demo: it uses the app as a person would (typing, clicking),
// makes one forbidden call as a compromised script would, then tells the app it has finished.
// Loaded only when the app runs with --tour.
"use strict";
(function () {
  const api = window.__RAMPART__;
  const $ = (id) => document.getElementById(id);
  const steps = [];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function waitFor(what, ready) {
    for (let waited = 0; waited < 5000; waited += 50) {
      if (ready()) return;
      await sleep(50);
    }
    throw new Error("timed out waiting for " + what);
  }

  async function type(field, text) {
    field.focus();
    for (const character of text) {
      field.value += character;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      await sleep(8);
    }
  }

  const titles = () => Array.from(document.querySelectorAll("#note-list .note-title"), (n) => n.textContent);

  async function write(title, body) {
    $("new-note").click();
    await type($("title"), title);
    await type($("body"), body);
    $("save").click();
    await waitFor("“" + title + "” in the list", () => titles().includes(title));
  }

  async function run() {
    await waitFor("the app to start", () => document.body.dataset.ready === "true");
    await write("Groceries", "Milk\nEggs\nCoffee beans");
    steps.push("created the note “Groceries”");
    await write("Weekend", "Hike to the lake, then try the new bakery.");
    steps.push("created the note “Weekend”");

    const groceries = Array.from(document.querySelectorAll("#note-list button")).find(
      (b) => b.querySelector(".note-title").textContent === "Groceries");
    groceries.click();
    await waitFor("the note to open", () => $("title").value === "Groceries");
    await type($("body"), "\nSourdough bread");
    $("save").click();
    await waitFor("the edit to be saved", () => $("status").textContent.startsWith("Saved"));
    steps.push("edited “Groceries” (added bread)");

    await type($("search"), "bread");
    await waitFor("“bread” to find only “Groceries”", () => titles().join() === "Groceries");
    steps.push("searched “bread”: " + titles().join(", "));

    // A compromised script in the page goes for the user's SSH key. No capability grants the
    // fs plugin, so the door refuses it before anything runs, and the app logs it.
    const outcome = await api.invoke("plugin:fs|read_text_file", { path: "/root/.ssh/id_rsa" })
      .then(() => "succeeded", (error) => error.code);
    if (outcome !== "denied") throw new Error("the forbidden call was not denied: " + outcome);
    await waitFor("the refusal in the security log", () => $("security-log").children.length > 0);
    steps.push("a script tried plugin:fs|read_text_file on ~/.ssh/id_rsa: denied, shown in the security log");

    await api.emit("tour-done", { ok: true, steps });
  }

  run().catch((error) => {
    api.emit("tour-done", { ok: false, steps, error: String((error && error.message) || error) });
  });
})();

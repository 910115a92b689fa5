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
    await write("Weekend", "Hike to the lake, then try the new bakery: https://example.com/trails");
    steps.push("created the note “Weekend”");

    const open = async (title) => {
      const button = Array.from(document.querySelectorAll("#note-list button")).find(
        (b) => b.querySelector(".note-title").textContent === title);
      button.click();
      await waitFor("“" + title + "” to open", () => $("title").value === title);
    };
    await open("Groceries");
    await type($("body"), "\nSourdough bread");
    $("save").click();
    await waitFor("the edit to be saved", () => $("status").textContent.startsWith("Saved"));
    steps.push("edited “Groceries” (added bread)");

    await type($("search"), "bread");
    await waitFor("“bread” to find only “Groceries”", () => titles().join() === "Groceries");
    steps.push("searched “bread”: " + titles().join(", "));
    $("search").value = "";
    $("search").dispatchEvent(new Event("input", { bubbles: true }));
    await waitFor("both notes listed again", () => titles().length === 2);

    await open("Weekend");
    $("attach").click();
    await waitFor("the picture to show", () => $("picture").complete && $("picture").naturalWidth > 0);
    $("save").click();
    await waitFor("the note with its picture to be saved", () => $("status").textContent.startsWith("Saved"));
    steps.push("attached a picture to “Weekend” (picked in a dialog, copied with fs, shown through asset://)");

    $("open-link").click();
    await waitFor("the link to open", () => $("status").textContent.startsWith("Opened"));
    steps.push("opened the link of “Weekend” through the opener (https only)");

    // A compromised script in the page goes for the user's SSH key, then asks the opener for a
    // local file. The fs scope reaches only the notes folder and the opener only https, so both
    // are refused, and the app logs them.
    const stolen = await api.invoke("plugin:fs|read_text_file", { path: "/root/.ssh/id_rsa" })
      .then(() => "succeeded", (error) => error.code);
    if (stolen !== "denied") throw new Error("reading the SSH key was not denied: " + stolen);
    await waitFor("the refusal in the security log", () => $("security-log").children.length > 0);
    steps.push("a script tried plugin:fs|read_text_file on ~/.ssh/id_rsa: denied by the fs scope, shown in the security log");
    const opened = await api.invoke("plugin:opener|open_url", { url: "file:///etc/passwd" })
      .then(() => "succeeded", (error) => error.code);
    if (opened !== "denied") throw new Error("opening a local file was not denied: " + opened);
    await waitFor("the second refusal in the security log", () => $("security-log").children.length > 1);
    steps.push("a script asked the opener for file:///etc/passwd: denied, shown in the security log");

    await api.emit("tour-done", { ok: true, steps });
  }

  run().catch((error) => {
    api.emit("tour-done", { ok: false, steps, error: String((error && error.message) || error) });
  });
})();

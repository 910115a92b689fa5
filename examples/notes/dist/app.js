// Rampart Notes: the page. It reaches the notes only through the app's commands
// (window.__RAMPART__.invoke), and shows every call the app refused in the security log.
// Note contents are always written with textContent, never parsed as HTML.
"use strict";
(function () {
  const api = window.__RAMPART__;
  const $ = (id) => document.getElementById(id);
  let current = null; // the note in the editor, or null for a new one
  let query = "";
  let searchTimer = 0;

  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").classList.toggle("error", Boolean(isError));
  }

  function failed(error) {
    setStatus((error && error.message) || String(error), true);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function refresh() {
    const notes = query
      ? await api.invoke("search_notes", { query })
      : await api.invoke("list_notes");
    const list = $("note-list");
    list.replaceChildren();
    for (const note of notes) {
      const item = element("li", current && current.id === note.id ? "current" : "");
      const button = element("button");
      button.type = "button";
      button.dataset.id = note.id;
      button.append(element("span", "note-title", note.title), element("span", "note-excerpt", note.excerpt || " "));
      button.addEventListener("click", () => open(note.id).catch(failed));
      item.append(button);
      list.append(item);
    }
    $("empty").hidden = notes.length > 0 || query !== "";
  }

  function edit(note) {
    current = note;
    $("title").value = note ? note.title : "";
    $("body").value = note ? note.body : "";
    $("delete").disabled = !note;
    $("delete").textContent = "Delete";
  }

  async function open(id) {
    edit(await api.invoke("read_note", { id }));
    setStatus("");
    await refresh();
  }

  async function save() {
    const note = await api.invoke("save_note", {
      id: current ? current.id : null,
      title: $("title").value,
      body: $("body").value,
    });
    edit(note);
    setStatus("Saved at " + new Date(note.updated).toLocaleTimeString());
    await refresh();
  }

  async function remove() {
    if (!current) return;
    // Two presses: the first asks, the second deletes.
    if ($("delete").textContent === "Delete") {
      $("delete").textContent = "Press again to delete";
      return;
    }
    await api.invoke("delete_note", { id: current.id });
    edit(null);
    setStatus("Deleted");
    await refresh();
  }

  function logRefusal(refused) {
    const item = element("li");
    const when = new Date().toLocaleTimeString();
    item.append(
      element("span", "what", refused.command || refused.target || "a request without a command"),
      element("span", "why", when + " · " + refused.reason + " · from " + (refused.origin || "no origin")),
    );
    $("security-log").prepend(item);
  }

  async function start() {
    $("new-note").addEventListener("click", () => { edit(null); setStatus(""); $("title").focus(); refresh().catch(failed); });
    $("save").addEventListener("click", () => save().catch(failed));
    $("delete").addEventListener("click", () => remove().catch(failed));
    $("search").addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { query = $("search").value.trim(); refresh().catch(failed); }, 150);
    });
    await api.listen("security-log", (event) => logRefusal(event.payload));
    const info = await api.invoke("app_info");
    $("folder").textContent = info.notesFolder;
    $("version").textContent = "Rampart Notes " + info.version;
    edit(null);
    await refresh();
    document.body.dataset.ready = "true";
    if (info.tour) {
      const script = document.createElement("script");
      script.src = "tour.js";
      document.head.append(script);
    }
  }

  start().catch(failed);
})();

// Rampart Notes: the page. Each note is a JSON file in the notes folder, which the page reads
// and writes through the fs plugin (plugin:fs|...): the capability's scope lets it reach that
// folder and nothing else. Links open through the opener (https only). Every call the app
// refuses is shown in the security log. Note contents are always written with textContent,
// never parsed as HTML.
"use strict";
(function () {
  const api = window.__RAMPART__;
  const fs = (command, args) => api.invoke("plugin:fs|" + command, args);
  const $ = (id) => document.getElementById(id);
  const MAX_TITLE = 200;
  const MAX_BODY = 1 << 20;
  let folder = "";
  let notes = []; // every note, most recent first
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

  /** A new note's id: 16 random hex digits (also its file name). */
  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const fileOf = (id) => folder + "/" + id + ".json";

  /** Every note in the folder; files that are not notes are skipped. */
  async function load() {
    const entries = await fs("read_dir", { path: folder });
    const read = entries
      .filter((entry) => entry.isFile && /^[0-9a-f]{16}\.json$/.test(entry.name))
      .map((entry) =>
        fs("read_text_file", { path: folder + "/" + entry.name })
          .then((text) => JSON.parse(text))
          .catch(() => null));
    notes = (await Promise.all(read))
      .filter((note) => note && typeof note.title === "string" && typeof note.body === "string")
      .sort((a, b) => b.updated - a.updated);
  }

  function refresh() {
    const needle = query.toLowerCase();
    const shown = needle
      ? notes.filter((n) => n.title.toLowerCase().includes(needle) || n.body.toLowerCase().includes(needle))
      : notes;
    const list = $("note-list");
    list.replaceChildren();
    for (const note of shown) {
      const item = element("li", current && current.id === note.id ? "current" : "");
      const button = element("button");
      button.type = "button";
      button.dataset.id = note.id;
      button.append(element("span", "note-title", note.title), element("span", "note-excerpt", note.body.slice(0, 120) || " "));
      button.addEventListener("click", () => open(note.id));
      item.append(button);
      list.append(item);
    }
    $("empty").hidden = notes.length > 0;
  }

  /** The first https link of a note's text, if any. */
  function linkIn(text) {
    const match = /https:\/\/[^\s<>"']+/.exec(text);
    return match ? match[0] : null;
  }

  function edit(note) {
    current = note;
    $("title").value = note ? note.title : "";
    $("body").value = note ? note.body : "";
    $("delete").disabled = !note;
    $("delete").textContent = "Delete";
    $("open-link").disabled = !(note && linkIn(note.body));
  }

  function open(id) {
    edit(notes.find((n) => n.id === id) || null);
    setStatus("");
    refresh();
  }

  async function save() {
    const title = $("title").value.trim() || "Untitled";
    const body = $("body").value;
    if (title.length > MAX_TITLE || body.length > MAX_BODY) throw new Error("The note is too long.");
    const note = { id: current ? current.id : newId(), title, body, updated: Date.now() };
    await fs("write_text_file", { path: fileOf(note.id), contents: JSON.stringify(note) });
    await load();
    edit(note);
    setStatus("Saved at " + new Date(note.updated).toLocaleTimeString());
    refresh();
  }

  async function remove() {
    if (!current) return;
    // Two presses: the first asks, the second deletes.
    if ($("delete").textContent === "Delete") {
      $("delete").textContent = "Press again to delete";
      return;
    }
    await fs("remove", { path: fileOf(current.id) });
    await load();
    edit(null);
    setStatus("Deleted");
    refresh();
  }

  async function openLink() {
    const url = current && linkIn(current.body);
    if (!url) return;
    await api.invoke("plugin:opener|open_url", { url });
    setStatus("Opened " + url);
  }

  function logRefusal(refused) {
    const item = element("li");
    const when = new Date().toLocaleTimeString();
    item.append(
      element("span", "what", refused.command || refused.target || "a request without a command"),
      element("span", "why", when + " · " + refused.reason + " · from " + (refused.origin || "no origin")),
    );
    if (refused.target && refused.command) item.append(element("span", "why", refused.target));
    $("security-log").prepend(item);
  }

  async function start() {
    $("new-note").addEventListener("click", () => { edit(null); setStatus(""); $("title").focus(); refresh(); });
    $("save").addEventListener("click", () => save().catch(failed));
    $("delete").addEventListener("click", () => remove().catch(failed));
    $("open-link").addEventListener("click", () => openLink().catch(failed));
    $("body").addEventListener("input", () => { $("open-link").disabled = !linkIn($("body").value); });
    $("search").addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { query = $("search").value.trim(); refresh(); }, 150);
    });
    await api.listen("security-log", (event) => logRefusal(event.payload));
    const info = await api.invoke("app_info");
    folder = info.notesFolder;
    $("folder").textContent = folder;
    $("version").textContent = "Rampart Notes " + info.version;
    await fs("mkdir", { path: folder, recursive: true });
    await load();
    edit(null);
    refresh();
    document.body.dataset.ready = "true";
    if (info.tour) {
      const script = document.createElement("script");
      script.src = "tour.js";
      document.head.append(script);
    }
  }

  start().catch(failed);
})();

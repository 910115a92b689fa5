// Rampart Notes: the page. Each note is a JSON file in the notes folder, which the page reads
// and writes through the fs plugin (plugin:fs|...): the capability's scope lets it reach that
// folder and nothing else. A picture the person picks (plugin:dialog|open, which grants reading
// that one file) is copied into the notes folder and shown from there through asset://. Links
// open through the opener (https only). Every call the app refuses is shown in the security
// log. Note contents are always written with textContent, never parsed as HTML.
"use strict";
(function () {
  const api = window.__RAMPART__;
  const fs = (command, args) => api.invoke("plugin:fs|" + command, args);
  const $ = (id) => document.getElementById(id);
  const MAX_TITLE = 200;
  const MAX_BODY = 1 << 20;
  const MAX_PICTURE = 8 << 20;
  let folder = "";
  let notes = []; // every note, most recent first
  let current = null; // the note in the editor, or null for a new one
  let picture = null; // the file name (in images/) of the editor's picture, or null
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
  const asset = (path) => "asset://localhost" + path.split("/").map(encodeURIComponent).join("/");

  /** `head` (JSON) and `data` as the fs plugin's framed body: length, head, bytes. */
  function framed(head, data) {
    const headBytes = new TextEncoder().encode(JSON.stringify(head));
    const body = new Uint8Array(4 + headBytes.length + data.length);
    new DataView(body.buffer).setUint32(0, headBytes.length);
    body.set(headBytes, 4);
    body.set(data, 4 + headBytes.length);
    return body;
  }

  function showPicture(name) {
    picture = name;
    $("picture").hidden = !name;
    if (name) $("picture").src = asset(folder + "/images/" + name);
    else $("picture").removeAttribute("src");
  }

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
    showPicture(note && typeof note.image === "string" ? note.image : null);
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
    if (picture) note.image = picture;
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

  /** Lets the person pick a picture, copies it into the notes folder, and shows it. */
  async function attach() {
    const picked = await api.invoke("plugin:dialog|open", {
      title: "Attach a picture",
      filters: [{ name: "Pictures", extensions: ["png", "jpg", "jpeg", "gif", "webp"] }],
    });
    if (!picked) return;
    const bytes = await fs("read_file", { path: picked });
    if (bytes.length > MAX_PICTURE) throw new Error("The picture is larger than 8 MiB.");
    const extension = (/\.([a-z0-9]+)$/i.exec(picked) || ["", "png"])[1].toLowerCase();
    const name = (current ? current.id : newId()) + "-" + Date.now().toString(36) + "." + extension;
    await fs("mkdir", { path: folder + "/images", recursive: true });
    await fs("write_file", framed({ path: folder + "/images/" + name }, bytes));
    showPicture(name);
    setStatus("Picture attached: save the note to keep it");
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
    $("attach").addEventListener("click", () => attach().catch(failed));
    $("body").addEventListener("input", () => { $("open-link").disabled = !linkIn($("body").value); });
    $("search").addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { query = $("search").value.trim(); refresh(); }, 150);
    });
    await api.listen("security-log", (event) => logRefusal(event.payload));
    // The menu bar's "New note" (Ctrl+N) does what the button does.
    await api.listen("rampart:menu", (event) => {
      if (event.payload.id === "new-note") $("new-note").click();
    });
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

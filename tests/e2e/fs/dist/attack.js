// The page's attempts, through the real @rampart/api/fs (copied beside this file by the test)
// and by hand. Each finding is `{ ok, value }` or `{ code, message }`; the test reads them.
import * as fs from "./fs.js";
import * as path from "./path.js";

const api = window.__RAMPART__;
const findings = {};

async function attempt(name, action) {
  try {
    const value = await action();
    findings[name] = { ok: true, value: value instanceof Uint8Array ? Array.from(value.slice(0, 16)) : value ?? null };
  } catch (error) {
    findings[name] = { code: error?.code ?? String(error), message: String(error?.message ?? "") };
  }
}

/** `head` and `data` as a framed body, built by hand. */
function framed(head, data) {
  const headBytes = new TextEncoder().encode(JSON.stringify(head));
  const body = new Uint8Array(4 + headBytes.length + data.length);
  new DataView(body.buffer).setUint32(0, headBytes.length);
  body.set(headBytes, 4);
  body.set(data, 4 + headBytes.length);
  return body;
}

async function run() {
  const base = await fs.readTextFile("$APPDATA/base.txt").catch(() => null);
  findings.base = base;

  // A handle kept across a reload is gone: the page's load closed it.
  const kept = sessionStorage.getItem("rid");
  if (kept === null) {
    const file = await fs.open("$APPDATA/base.txt");
    sessionStorage.setItem("rid", file.rid);
    location.reload();
    return;
  }
  await attempt("handle_after_reload", () => new fs.FileHandle(kept).read(4));

  // What the scope allows works, through the wrapper.
  await attempt("mkdir", () => fs.mkdir("$APPDATA/notes/deep", { recursive: true }));
  await attempt("write_text", () => fs.writeTextFile("$APPDATA/notes/a.md", "héllo"));
  await attempt("append_text", () => fs.appendFile("$APPDATA/notes/a.md", " world"));
  await attempt("read_text", () => fs.readTextFile("$APPDATA/notes/a.md"));
  const big = new Uint8Array(5 * 1024 * 1024 + 3);
  for (let i = 0; i < big.length; i += 1) big[i] = (i * 7) & 0xff;
  await attempt("write_big", () => fs.writeFile("$APPDATA/notes/big.bin", big));
  await attempt("read_big", async () => {
    const back = await fs.readFile("$APPDATA/notes/big.bin");
    return back.length === big.length && back.every((b, i) => b === big[i]);
  });
  await attempt("handle", async () => {
    const file = await fs.open("$APPDATA/notes/a.md", { read: true, write: true });
    await file.seek(-5, "end");
    const tail = new TextDecoder().decode(await file.read(5));
    await file.write(new TextEncoder().encode("!"));
    await file.close();
    return tail;
  });
  await attempt("stat", async () => (await fs.stat("$APPDATA/notes/a.md")).size);
  await attempt("exists", () => fs.exists("$APPDATA/notes/none"));
  await attempt("copy", () => fs.copyFile("$APPDATA/notes/a.md", "$APPDATA/notes/b.md"));
  await attempt("rename", () => fs.rename("$APPDATA/notes/b.md", "$APPDATA/notes/c.md"));
  await attempt("read_dir", async () => (await fs.readDir("$APPDATA/notes")).map((e) => e.name).sort());
  // The path plugin's answers are the paths the scope checks.
  await attempt("resolve_inside", async () => {
    const resolved = await path.resolve("$APPDATA", "notes", "./deep/..", "a.md");
    return [resolved === (await path.appDataDir()) + "/notes/a.md", await fs.readTextFile(resolved)];
  });
  await attempt("resolve_outside", async () => fs.readTextFile(await path.resolve("$APPDATA", "..", "secret.txt")));
  await attempt("remove_tree", () => fs.remove("$APPDATA/notes", { recursive: true }));

  // Escapes.
  await attempt("dot_dot", () => fs.readTextFile("$APPDATA/../secret.txt"));
  await attempt("absolute", () => fs.readTextFile("/etc/passwd"));
  await attempt("symlink_file", () => fs.readTextFile("$APPDATA/link-file"));
  await attempt("symlink_dir", () => fs.readTextFile("$APPDATA/link-dir/secret.txt"));
  await attempt("symlink_read_dir", () => fs.readDir("$APPDATA/link-dir"));
  await attempt("symlink_write", () => fs.writeTextFile("$APPDATA/link-file", "pwned"));
  await attempt("symlink_copy", () => fs.copyFile("$APPDATA/link-file", "$APPDATA/stolen.txt"));
  await attempt("denied_read", () => fs.readTextFile("$APPDATA/private/key.txt"));
  await attempt("denied_list", async () => (await fs.readDir("$APPDATA")).map((e) => e.name).sort());
  await attempt("denied_rename_to", () => fs.rename("$APPDATA/base.txt", "$APPDATA/private/moved.txt"));
  await attempt("denied_rename_from", () => fs.rename("$APPDATA/private/key.txt", "$APPDATA/moved.txt"));
  await attempt("denied_copy_from", () => fs.copyFile("$APPDATA/private/key.txt", "$APPDATA/copied.txt"));
  await attempt("denied_copy_to", () => fs.copyFile("$APPDATA/base.txt", "$APPDATA/private/copied.txt"));
  await attempt("denied_remove", () => fs.remove("$APPDATA/private", { recursive: true }));
  await attempt("denied_open_write", () => fs.open("$APPDATA/private/key.txt", { write: true, truncate: true }));
  await attempt("framed_by_hand", () =>
    api.invoke("plugin:fs|write_file", framed({ path: "$APPDATA/../pwned.txt" }, new Uint8Array([1]))),
  );
  await attempt("framed_bad_length", () => api.invoke("plugin:fs|write_file", new Uint8Array([0, 0, 1, 0, 123])));
  await attempt("guessed_handle", () => new fs.FileHandle("0".repeat(32)).read(1));
  await attempt("nul", () => fs.readTextFile("$APPDATA/a\u0000b"));

  await api.invoke("report", findings);
}

run().catch((error) => api.invoke("report", { crashed: String(error) }));

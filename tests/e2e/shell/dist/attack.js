// Runs the programs the scope names through the real @rampart/api/shell, tries others, and
// reports. Each finding is `{ ok, value }` or `{ code }`.
import * as shell from "./shell.js";

const api = window.__RAMPART__;
const findings = {};

async function attempt(name, action) {
  try {
    findings[name] = { ok: true, value: (await action()) ?? null };
  } catch (error) {
    findings[name] = { code: error?.code ?? String(error) };
  }
}

async function run() {
  // A process kept across a reload is gone: the page going away killed it.
  const kept = sessionStorage.getItem("pid");
  if (kept === null) {
    const child = await shell.spawn("cat", [], () => {});
    sessionStorage.setItem("pid", child.pid);
    location.reload();
    return;
  }
  await attempt("kill_after_reload", () => new shell.Child(kept, Promise.resolve()).kill());

  await attempt("echo", async () => (await shell.execute("echo", ["hello world"])).stdout);
  await attempt("literal", async () => (await shell.execute("echo-any", ["$(id); `id` | sh"])).stdout);
  await attempt("capitals", () => shell.execute("echo", ["Hello"]));
  await attempt("extra_argument", () => shell.execute("echo", ["a", "b"]));
  await attempt("newline", () => shell.execute("echo-any", ["a\nb"]));
  await attempt("not_in_scope", () => shell.execute("sh", ["-c", "id"]));
  await attempt("by_path", () => shell.execute("/usr/bin/id"));
  await attempt("spawn_not_granted", () => shell.spawn("echo", ["hi"], () => {}));
  await attempt("stream", async () => {
    const events = [];
    const child = await shell.spawn("cat", [], (event) => events.push(event));
    await child.write("línea uno\n");
    // Wait for the echo before killing.
    for (let i = 0; i < 100 && events.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await child.kill();
    await child.done;
    return events.map((e) => (e.event === "exit" ? "exit:" + e.signal : e.event + ":" + e.data));
  });
  await api.invoke("report", findings);
}

run().catch((error) => api.invoke("report", { crashed: String(error) }));

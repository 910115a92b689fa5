// Fetches through the real @rampart/api/http what the scope allows, tries what it does not,
// and reports. Each finding is `{ ok, value }` or `{ code }`.
import { fetch as httpFetch } from "./http.js";

const api = window.__RAMPART__;
const findings = {};

async function attempt(name, action) {
  try {
    findings[name] = { ok: true, value: (await action()) ?? null };
  } catch (error) {
    findings[name] = { code: error instanceof DOMException ? error.name : error?.code ?? error?.name ?? String(error) };
  }
}

async function run() {
  const { port } = await (await fetch("port.json")).json();
  const origin = "https://localhost:" + port;
  await attempt("allowed", async () => {
    const response = await httpFetch(origin + "/hello.txt");
    return [response.status, await response.text(), response.url];
  });
  await attempt("missing", async () => (await httpFetch(origin + "/missing.txt")).status);
  // The page's own fetch: the CSP's connect-src keeps it from the network.
  await attempt("plain_fetch", async () => (await fetch(origin + "/hello.txt")).status);
  await attempt("userinfo", () => httpFetch("https://localhost:" + port + "@evil.example/hello.txt"));
  await attempt("other_host", () => httpFetch("https://evil.example/"));
  await attempt("ip_literal", () => httpFetch("https://127.0.0.1:" + port + "/hello.txt"));
  await attempt("plain_http", () => httpFetch("http://localhost:" + port + "/hello.txt"));
  await attempt("host_header", () => httpFetch(origin + "/hello.txt", { headers: { Host: "evil.example" } }));
  await attempt("aborted", () => {
    const controller = new AbortController();
    controller.abort();
    return httpFetch(origin + "/hello.txt", { signal: controller.signal });
  });
  await api.invoke("report", findings);
}

run().catch((error) => api.invoke("report", { crashed: String(error) }));

/**
 * The isolation application's far end: the script the runtime injects, at document start, into
 * frames of `isolation://localhost` only. It answers calls from its parent — only when it is a
 * sandboxed frame (its origin is opaque) and only messages from the app's own origins whose
 * source is its parent — by running the author's hook, `window.__RAMPART_ISOLATION_HOOK__`,
 * then sealing what the hook returns with this webview's key. The plaintext is framed as the
 * gate reads it: a 4-byte head length, the JSON head, then a call's raw bytes (no encoding).
 *
 * The key is imported as a non-extractable, encrypt-only `CryptoKey` before any author script
 * runs; its raw bytes are wiped. The plaintext covers the command, the arguments (or bytes), the
 * webview's label, the frame's session, a counter and the time: the gate refuses a call sealed
 * for another command or another webview, seen before, or sealed more than two minutes ago.
 *
 * @module
 */

import { framed } from "./framed";
import { APP_ORIGINS, isAppOrigin } from "./origins";

/** The webview's sealing key (base64) and label: written by the runtime. */
const KEY = "__RAMPART_ISOLATION_KEY__";
const WEBVIEW = "__RAMPART_ISOLATION_WEBVIEW__";

/** What the hook receives and returns. */
interface IsolationRequest {
  command: string;
  args?: unknown;
  bytes?: Uint8Array;
}

type Hook = (request: IsolationRequest) => IsolationRequest | null | Promise<IsolationRequest | null>;

(function isolation(): void {
  const parentWindow = window.parent;
  // Only the isolation application's page signs: another document of its scheme (one of its
  // scripts, a missing page) has no hook, and a page that points its frame there would
  // otherwise get calls sealed unchecked.
  if (self.origin !== "null" || parentWindow === window || location.pathname !== "/index.html") return;
  const subtle = crypto.subtle;
  const importKey = subtle.importKey.bind(subtle);
  const encrypt = subtle.encrypt.bind(subtle);
  const randomValues = crypto.getRandomValues.bind(crypto);
  const parse = JSON.parse;
  const fromBase64 = window.atob.bind(window);
  const Uint8ArrayType = Uint8Array;
  const PromiseType = Promise;
  const listen = window.addEventListener.bind(window);

  const binary = fromBase64(KEY);
  const raw = new Uint8ArrayType(binary.length);
  for (let i = 0; i < binary.length; i++) raw[i] = binary.charCodeAt(i);
  const key = importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt"]);
  raw.fill(0);
  // This frame's session: its counters never collide with another document's (a reload, a
  // second page), whose frame draws its own. At most 2^53 - 1, as JSON numbers are exact.
  const drawn = randomValues(new Uint32Array(2));
  const session = ((drawn[0] as number) & 0x1fffff) * 0x100000000 + (drawn[1] as number) + 1;
  let counter = 0;
  // The sealing time (the gate refuses envelopes older than two minutes): this frame's clock,
  // read with the function found at load, before the author's scripts.
  const now = Date.now;

  async function handle(call: { command?: unknown; json?: unknown; bytes?: unknown }): Promise<object> {
    if (typeof call.command !== "string") return { refused: "not a call" };
    let request: IsolationRequest | null =
      call.bytes instanceof Uint8ArrayType
        ? { command: call.command, bytes: call.bytes }
        : { command: call.command, args: typeof call.json === "string" ? parse(call.json) : {} };
    const asked = call.command;
    const hook = (window as unknown as { __RAMPART_ISOLATION_HOOK__?: Hook }).__RAMPART_ISOLATION_HOOK__;
    try {
      if (typeof hook === "function") request = await hook(request);
    } catch (error) {
      return refusal(asked, "the isolation hook threw: " + String(error));
    }
    if (request === null || request === undefined || typeof request.command !== "string") {
      return refusal(asked, "the isolation application refused the call");
    }
    counter += 1;
    const plain =
      request.bytes instanceof Uint8ArrayType
        ? framed({ command: request.command, webview: WEBVIEW, session, counter, time: now(), bytes: true }, request.bytes)
        : framed(
            { command: request.command, webview: WEBVIEW, session, counter, time: now(), args: request.args === undefined ? {} : request.args },
            new Uint8ArrayType(0),
          );
    return { command: request.command, sealed: await sealed(plain) };
  }

  /** Seals `plain`, framed, with a fresh nonce. */
  async function sealed(plain: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
    const iv = randomValues(new Uint8ArrayType(12));
    const ciphertext = new Uint8ArrayType(await encrypt({ name: "AES-GCM", iv }, await key, plain));
    const envelope = new Uint8ArrayType(12 + ciphertext.length);
    envelope.set(iv);
    envelope.set(ciphertext, 12);
    return envelope;
  }

  /** A refusal, with a sealed notice of it for the app's refusal hook. */
  async function refusal(command: string, reason: string): Promise<object> {
    counter += 1;
    const head = { command: "__isolation_refused", webview: WEBVIEW, session, counter, time: now(), args: { command, reason } };
    return { refused: reason, notice: await sealed(framed(head, new Uint8ArrayType(0))) };
  }

  let loaded = false;
  const waiting: Array<() => void> = [];
  listen("message", (event: MessageEvent) => {
    if (event.source !== parentWindow || !isAppOrigin(event.origin)) return;
    const port = event.ports[0];
    const data = event.data as { rampartCall?: { command?: unknown; json?: unknown; bytes?: unknown } } | null;
    if (port === undefined || data === null || typeof data !== "object" || typeof data.rampartCall !== "object") return;
    const call = data.rampartCall;
    const answer = (): void => {
      new PromiseType<object>((resolve) => resolve(handle(call))).then(
        (reply) => port.postMessage(reply),
        (error: unknown) => port.postMessage({ refused: "the isolation application refused the call: " + String(error) }),
      );
    };
    if (loaded) answer();
    else waiting.push(answer);
  });
  // The author's scripts (and so the hook) are in place once the document has loaded.
  listen("load", () => {
    loaded = true;
    for (const answer of waiting.splice(0)) answer();
    // The parent is of one of these origins; a message for another origin is not delivered.
    for (const origin of APP_ORIGINS) parentWindow.postMessage({ rampartIsolation: "ready" }, origin);
  });
})();

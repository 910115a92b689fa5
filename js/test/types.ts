// Type tests of the public declarations, checked by `npm run check` (never run): what an app
// author writes must type-check, and the mistakes marked @ts-expect-error must not.
import {
  Channel,
  IpcError,
  type IpcErrorCode,
  type RampartApi,
  type RampartEvent,
  type UnlistenFn,
  channel,
  emit,
  invoke,
  listen,
} from "../src/index";
import * as fs from "../src/fs";
import { openPath, openUrl, revealItem } from "../src/opener";
import { appDataDir, join, normalize, resolve } from "../src/path";
import * as dialog from "../src/dialog";
import { fetch as httpFetch } from "../src/http";
import { type ProcessEvent, execute, spawn } from "../src/shell";
import { readImage, readText, writeImage, writeText } from "../src/clipboard";
import * as win from "../src/window";
import { isPermissionGranted, requestPermission, sendNotification } from "../src/notification";

declare function use(...values: unknown[]): void;

export async function examples(): Promise<void> {
  const api: RampartApi = window.__RAMPART__;
  const note = await invoke<{ title: string }>("read_note", { noteId: "42" });
  const bytes = await api.invoke<Uint8Array>("hash", new Uint8Array([1, 2, 3]));
  await invoke("hash", new ArrayBuffer(4));
  await invoke("ping");
  use(note.title, bytes.byteLength);

  const unlisten: UnlistenFn = await listen<{ id: number }>("note-saved", (event: RampartEvent<{ id: number }>) =>
    use(event.event, event.payload.id),
  );
  await unlisten();
  await emit("note-edited", { by: "page" });
  await openUrl("https://example.com/docs");
  await openPath("/home/me/report.pdf");
  await revealItem("/home/me/report.pdf");
  // @ts-expect-error: a URL is a string
  await openUrl(new URL("https://example.com/"));
  await emit("ping");

  await fs.mkdir("$APPDATA/notes", { recursive: true });
  await fs.writeTextFile("$APPDATA/notes/a.md", "text", { append: true });
  await fs.writeFile("$APPDATA/notes/b.bin", new Uint8Array([1]));
  await fs.appendFile("$APPDATA/notes/a.md", "more");
  const text: string = await fs.readTextFile("$APPDATA/notes/a.md");
  const data: Uint8Array = await fs.readFile("$APPDATA/notes/b.bin");
  const entries: fs.DirEntry[] = await fs.readDir("$APPDATA/notes");
  const info: fs.FileInfo = await fs.stat("$APPDATA/notes/a.md");
  const there: boolean = await fs.exists("$APPDATA/notes/c.md");
  const file: fs.FileHandle = await fs.open("$APPDATA/notes/b.bin", { write: true });
  await file.seek(0, "end");
  use(text, data.length, entries[0]?.isSymlink, info.modified, there, await file.write(new Uint8Array(2)));
  await file.close();
  const stop = await fs.watch("$APPDATA/notes", (event: fs.WatchEvent) => use(event.kind, event.path), { recursive: true });
  await stop();
  const notes: string = await resolve(await appDataDir(), "notes");
  use(notes, await join("$APPDATA", "a"), await normalize("$APPDATA/./a"));
  const output = await execute("git-status", ["status"], { cwd: "/home/me/src", timeoutMs: 1000 });
  use(output.code, output.stdout.length, output.timedOut);
  const child = await spawn("tail", ["-f", "/tmp/log"], (event: ProcessEvent) =>
    use(event.event === "exit" ? event.code : event.data),
  );
  await child.write("input\n");
  await child.kill();
  const controller = new AbortController();
  const response: Response = await httpFetch("https://api.example.com/v1", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ a: 1 }),
    signal: controller.signal,
    timeoutMs: 5000,
  });
  use(response.status, await response.text());
  // @ts-expect-error: the plugin takes no FormData
  await httpFetch("https://api.example.com/v1", { body: new FormData() });
  const one: string | null = await dialog.open({ filters: [{ name: "Images", extensions: ["png"] }] });
  const many: string[] | null = await dialog.open({ multiple: true, directory: true, recursive: true });
  const target: string | null = await dialog.save({ defaultPath: "/home/me/notes.md" });
  const yes: boolean = await dialog.ask("Delete?", { kind: "warning" });
  await dialog.message("Done");
  use(one, many, target, yes, await dialog.confirm("Sure?"));
  // @ts-expect-error: kinds are info, warning or error
  await dialog.message("x", { kind: "fatal" });
  // @ts-expect-error: arguments are strings, never one command line
  await execute("git-status", "status --short");
  // @ts-expect-error: resolve takes strings
  await resolve(["$APPDATA"]);
  // @ts-expect-error: writeFile takes bytes; text goes through writeTextFile
  await fs.writeFile("$APPDATA/notes/a.md", "text");
  // @ts-expect-error: seek counts from "start", "current" or "end"
  await file.seek(0, "middle");

  const progress = await Channel.open<number>((value) => use(value.toFixed(0)));
  const other: Channel<string> = await channel<string>((value) => use(value.length));
  await invoke("export", { progress, other });
  await progress.done;
  await other.close();
  use(progress.toJSON().__rampartChannel, progress.id);

  try {
    await invoke("secret");
  } catch (error) {
    if (error instanceof IpcError) {
      const code: IpcErrorCode = error.code;
      use(code, error.message, error.name);
    }
    if (error instanceof api.IpcError) use(error.code);
  }
  use(new IpcError("busy", "try later"));

  await writeText("copied");
  const pasted: string | null = await readText();
  await writeImage(new Uint8Array([137, 80, 78, 71]));
  const png: Uint8Array | null = await readImage();
  use(pasted, png);
  // @ts-expect-error: an image is bytes
  await writeImage("image.png");

  const state: win.WindowState = await win.state();
  const settings: win.WindowState = await win.state("settings");
  await win.setTitle("Notes", "note-7");
  await win.setSize({ width: 400, height: 300 });
  await win.setMinSize(null, "note-7");
  await win.open("note-7");
  await win.maximize();
  use(state.maximized, settings.title);
  // @ts-expect-error: a size has a width and a height
  await win.setSize({ width: 400 });

  const granted: boolean = await isPermissionGranted();
  const permission: "granted" | "denied" = await requestPermission();
  await sendNotification("Saved");
  await sendNotification({ title: "Export finished", body: "report.pdf" });
  use(granted, permission);
  // @ts-expect-error: a notification has a title
  await sendNotification({ body: "no title" });

  // @ts-expect-error: not one of the codes
  use(new IpcError("nope", "x"));
  // @ts-expect-error: arguments are an object or bytes
  await invoke("echo", "text");
  // @ts-expect-error: channels are opened with Channel.open
  use(new Channel("id", () => {}));
  // @ts-expect-error: the API is read-only
  api.invoke = invoke;
  // @ts-expect-error: so is its property of window
  window.__RAMPART__ = api;
  // @ts-expect-error: a listener takes an event object
  await listen("x", (payload: string) => use(payload));
}

/**
 * `@rampart/api/fs`: the fs plugin, which reads and writes files inside the calling window's
 * path scope. Every path is absolute (a `$APPDATA`-style variable may start it) and is checked
 * against the scope, then opened beneath the directory the matching rule allows, following no
 * symbolic link: a refusal rejects with an {@link IpcError} whose code is `denied`, and its
 * message names only the path you passed.
 *
 * Grant it in a capability, with the paths it may touch:
 *
 * ```toml
 * permissions = [
 *   "fs:read-all", "fs:write-all",
 *   { identifier = "fs:scope", allow = [{ path = "$APPDATA/notes/**" }] },
 * ]
 * ```
 *
 * ```ts
 * import { readTextFile, writeTextFile, readDir, mkdir } from "@rampart/api/fs";
 * await mkdir("$APPDATA/notes", { recursive: true });
 * await writeTextFile("$APPDATA/notes/todo.md", "- milk\n");
 * const entries = await readDir("$APPDATA/notes");
 * ```
 *
 * @module
 */

import { framed } from "./framed";
import { Channel, invoke } from "./index.js";

/** One entry of a directory, as it is: a symbolic link is listed as one and never followed. */
export interface DirEntry {
  /** The entry's name within its directory. */
  readonly name: string;
  /** Whether it is a regular file. */
  readonly isFile: boolean;
  /** Whether it is a directory. */
  readonly isDirectory: boolean;
  /** Whether it is a symbolic link (what it points to is not described). */
  readonly isSymlink: boolean;
}

/** What {@link stat} answers about an entry itself (a symbolic link is described, not followed). */
export interface FileInfo extends Omit<DirEntry, "name"> {
  /** The size in bytes. */
  readonly size: number;
  /** Whether the owner may not write it. */
  readonly readonly: boolean;
  /** The Unix mode bits. */
  readonly mode: number;
  /** Last modification, in milliseconds since the Unix epoch, or `null`. */
  readonly modified: number | null;
  /** Last access, in milliseconds since the Unix epoch, or `null`. */
  readonly accessed: number | null;
  /** Creation, in milliseconds since the Unix epoch, or `null` where the system does not record it. */
  readonly created: number | null;
}

/** How {@link writeFile} and {@link writeTextFile} open their file. */
export interface WriteFileOptions {
  /** Add to the end instead of replacing the contents (default `false`). */
  readonly append?: boolean;
  /** Create the file if it is missing (default `true`). */
  readonly create?: boolean;
  /** Fail if anything already exists at the path (default `false`). */
  readonly createNew?: boolean;
}

/** How {@link open} opens a file; with no flag, for reading. Writing needs `fs:allow-write`. */
export interface OpenOptions {
  /** Open for reading (default: `true` unless a writing flag is set). */
  readonly read?: boolean;
  /** Open for writing. */
  readonly write?: boolean;
  /** Every write goes to the end. */
  readonly append?: boolean;
  /** Empty the file first (needs `write`). */
  readonly truncate?: boolean;
  /** Create the file if it is missing (needs `write` or `append`). */
  readonly create?: boolean;
  /** Create the file, failing if anything exists at the path. */
  readonly createNew?: boolean;
}

/** Where {@link FileHandle.seek} counts from. */
export type SeekFrom = "start" | "current" | "end";

/**
 * The most bytes one framed call carries: larger contents are written through a handle, in
 * chunks of this size, so no call exceeds the app's request limit (16 MiB by default).
 */
const CHUNK = 4 * 1024 * 1024;

const encoder = new TextEncoder();


function fs<T>(command: string, args: object | Uint8Array): Promise<T> {
  return invoke<T>(`plugin:fs|${command}`, args as Parameters<typeof invoke>[1]);
}

function done(): undefined {
  return undefined;
}

/** The bytes of the file at `path` (at most 256 MiB; read larger files through {@link open}). */
export function readFile(path: string): Promise<Uint8Array> {
  return fs<Uint8Array>("read_file", { path });
}

/** The text of the file at `path`, which must be UTF-8. */
export function readTextFile(path: string): Promise<string> {
  return fs<string>("read_text_file", { path });
}

/**
 * Writes `data` to the file at `path` (created if missing, replaced unless `options.append`).
 * Contents larger than 4 MiB go through a handle in chunks (which needs `fs:allow-open`,
 * `fs:allow-write` and `fs:allow-close`, all in `fs:write-files`).
 */
export async function writeFile(
  path: string,
  data: Uint8Array,
  options: WriteFileOptions = {},
): Promise<void> {
  if (data.length <= CHUNK) {
    return fs<null>("write_file", framed({ path, options }, data)).then(done);
  }
  const file = await open(path, {
    write: true,
    append: options.append === true,
    truncate: options.append !== true,
    create: options.create !== false && options.createNew !== true,
    createNew: options.createNew === true,
  });
  try {
    for (let at = 0; at < data.length; at += CHUNK) {
      await file.write(data.subarray(at, at + CHUNK));
    }
  } finally {
    await file.close();
  }
}

/** Writes `text` (as UTF-8) to the file at `path`; see {@link writeFile}. */
export function writeTextFile(path: string, text: string, options: WriteFileOptions = {}): Promise<void> {
  return fs<null>("write_text_file", { path, contents: text, options }).then(done);
}

/** Adds `data` (bytes, or text as UTF-8) to the end of the file at `path`, created if missing. */
export function appendFile(path: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  if (bytes.length > CHUNK) return writeFile(path, bytes, { append: true });
  return fs<null>("append_file", framed({ path }, bytes)).then(done);
}

/** The entries of the directory at `path`; entries the scope denies are left out. */
export function readDir(path: string): Promise<DirEntry[]> {
  return fs<DirEntry[]>("read_dir", { path });
}

/** Creates the directory at `path`; with `recursive`, every missing directory on the way too. */
export function mkdir(path: string, options: { readonly recursive?: boolean } = {}): Promise<void> {
  return fs<null>("mkdir", { path, recursive: options.recursive === true }).then(done);
}

/**
 * Removes the file, symbolic link (itself) or empty directory at `path`; with `recursive`, a
 * directory and everything in it (refused whole if the scope denies anything inside).
 */
export function remove(path: string, options: { readonly recursive?: boolean } = {}): Promise<void> {
  return fs<null>("remove", { path, recursive: options.recursive === true }).then(done);
}

/** Renames `from` to `to`; the scope must allow both. */
export function rename(from: string, to: string): Promise<void> {
  return fs<null>("rename", { from, to }).then(done);
}

/** Copies the file `from` to `to` (replaced if it exists); the scope must allow both. */
export function copyFile(from: string, to: string): Promise<void> {
  return fs<null>("copy_file", { from, to }).then(done);
}

/** Whether there is an entry at `path` (a path outside the scope rejects rather than answering). */
export function exists(path: string): Promise<boolean> {
  return fs<boolean>("exists", { path });
}

/** What the entry at `path` is, itself. */
export function stat(path: string): Promise<FileInfo> {
  return fs<FileInfo>("stat", { path });
}

/**
 * An open file. It belongs to the page that opened it: another window cannot use it, and it is
 * closed when the page goes away. Close it when done: a page holds at most 64.
 */
export class FileHandle {
  /** The handle's id, as the fs plugin gave it. */
  readonly rid: string;

  /** @internal */
  constructor(rid: string) {
    this.rid = rid;
  }

  /** Up to `length` bytes (at most 16 MiB) from the current position; empty at the end. */
  read(length: number): Promise<Uint8Array> {
    return fs<Uint8Array>("read", { rid: this.rid, len: length });
  }

  /** Writes `data` at the current position; resolves to the number of bytes written. */
  write(data: Uint8Array): Promise<number> {
    return fs<number>("write", framed({ rid: this.rid }, data));
  }

  /** Moves the position by `offset` from `whence`; resolves to the new position. */
  seek(offset: number, whence: SeekFrom = "start"): Promise<number> {
    return fs<number>("seek", { rid: this.rid, offset, whence });
  }

  /** Closes the file. */
  close(): Promise<void> {
    return fs<null>("close", { rid: this.rid }).then(done);
  }
}

/** Opens the file at `path` as `options` say (for reading when none is given). */
export async function open(path: string, options: OpenOptions = {}): Promise<FileHandle> {
  return new FileHandle(await fs<string>("open", { path, options }));
}

/** A change under a watched directory. */
export interface WatchEvent {
  /** What happened to the entry. */
  readonly kind: "create" | "modify" | "remove";
  /** The entry's absolute path (only paths the scope allows are reported). */
  readonly path: string;
}

/**
 * Watches the directory at `path` (with `recursive`, its subdirectories too): `onEvent` hears
 * each change the scope lets this page see. Resolves to a function that stops the watch; the
 * watch also stops when the page goes away.
 */
export async function watch(
  path: string,
  onEvent: (event: WatchEvent) => void,
  options: { readonly recursive?: boolean } = {},
): Promise<() => Promise<void>> {
  const events = await Channel.open<WatchEvent>(onEvent);
  try {
    const id = await fs<string>("watch", { path, recursive: options.recursive === true, onEvent: events });
    return () => fs<null>("unwatch", { id }).then(() => events.close());
  } catch (error) {
    await events.close();
    throw error;
  }
}

// @rampart/api/fs as an ES module: the fs plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/framed.ts
var encoder = new TextEncoder();
var stringify = JSON.stringify;
var BytesType = Uint8Array;
var DataViewType = DataView;
function framed(head, data) {
  const headBytes = encoder.encode(stringify(head));
  const body = new BytesType(4 + headBytes.length + data.length);
  new DataViewType(body.buffer).setUint32(0, headBytes.length);
  body.set(headBytes, 4);
  body.set(data, 4 + headBytes.length);
  return body;
}

// src/fs.ts
import { Channel, invoke } from "./index.js";
var CHUNK = 4 * 1024 * 1024;
var encoder2 = new TextEncoder();
function fs(command, args) {
  return invoke(`plugin:fs|${command}`, args);
}
function done() {
  return void 0;
}
function readFile(path) {
  return fs("read_file", { path });
}
function readTextFile(path) {
  return fs("read_text_file", { path });
}
async function writeFile(path, data, options = {}) {
  if (data.length <= CHUNK) {
    return fs("write_file", framed({ path, options }, data)).then(done);
  }
  const file = await open(path, {
    write: true,
    append: options.append === true,
    truncate: options.append !== true,
    create: options.create !== false && options.createNew !== true,
    createNew: options.createNew === true
  });
  try {
    for (let at = 0; at < data.length; at += CHUNK) {
      await file.write(data.subarray(at, at + CHUNK));
    }
  } finally {
    await file.close();
  }
}
function writeTextFile(path, text, options = {}) {
  return fs("write_text_file", { path, contents: text, options }).then(done);
}
function appendFile(path, data) {
  const bytes = typeof data === "string" ? encoder2.encode(data) : data;
  if (bytes.length > CHUNK) return writeFile(path, bytes, { append: true });
  return fs("append_file", framed({ path }, bytes)).then(done);
}
function readDir(path) {
  return fs("read_dir", { path });
}
function mkdir(path, options = {}) {
  return fs("mkdir", { path, recursive: options.recursive === true }).then(done);
}
function remove(path, options = {}) {
  return fs("remove", { path, recursive: options.recursive === true }).then(done);
}
function rename(from, to) {
  return fs("rename", { from, to }).then(done);
}
function copyFile(from, to) {
  return fs("copy_file", { from, to }).then(done);
}
function exists(path) {
  return fs("exists", { path });
}
function stat(path) {
  return fs("stat", { path });
}
var FileHandle = class {
  /** @internal */
  constructor(rid) {
    this.rid = rid;
  }
  /** Up to `length` bytes (at most 16 MiB) from the current position; empty at the end. */
  read(length) {
    return fs("read", { rid: this.rid, len: length });
  }
  /** Writes `data` at the current position; resolves to the number of bytes written. */
  write(data) {
    return fs("write", framed({ rid: this.rid }, data));
  }
  /** Moves the position by `offset` from `whence`; resolves to the new position. */
  seek(offset, whence = "start") {
    return fs("seek", { rid: this.rid, offset, whence });
  }
  /** Closes the file. */
  close() {
    return fs("close", { rid: this.rid }).then(done);
  }
};
async function open(path, options = {}) {
  return new FileHandle(await fs("open", { path, options }));
}
async function watch(path, onEvent, options = {}) {
  const events = await Channel.open(onEvent);
  try {
    const id = await fs("watch", { path, recursive: options.recursive === true, onEvent: events });
    return () => fs("unwatch", { id }).then(() => events.close());
  } catch (error) {
    await events.close();
    throw error;
  }
}
export {
  FileHandle,
  appendFile,
  copyFile,
  exists,
  mkdir,
  open,
  readDir,
  readFile,
  readTextFile,
  remove,
  rename,
  stat,
  watch,
  writeFile,
  writeTextFile
};

// @rampart/api/shell as an ES module: the shell plugin's commands.
// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit
// js/dist (scripts/test.sh fails when it is stale).

// src/shell.ts
import { Channel, invoke } from "./index.js";
var Child = class {
  /** @internal */
  constructor(pid, done) {
    this.pid = pid;
    this.done = done;
  }
  /** Writes `data` to the program's standard input. */
  write(data) {
    return invoke("plugin:shell|write", { pid: this.pid, data }).then(() => void 0);
  }
  /** Kills the program; its `exit` event follows. */
  kill() {
    return invoke("plugin:shell|kill", { pid: this.pid }).then(() => void 0);
  }
};
function execute(program, args = [], options = {}) {
  return invoke("plugin:shell|execute", { program, args, ...options });
}
async function spawn(program, args, onEvent, options = {}) {
  const events = await Channel.open(onEvent);
  try {
    const pid = await invoke("plugin:shell|spawn", { program, args, onEvent: events, ...options });
    return new Child(pid, events.done);
  } catch (error) {
    await events.close();
    throw error;
  }
}
export {
  Child,
  execute,
  spawn
};

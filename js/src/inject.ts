/**
 * The entry of the script Rampart injects into every page of the app, before any page script
 * runs: defines the frozen `window.__RAMPART__` as a non-writable, non-configurable property.
 * It holds no secret: every call is authorized in Rust, from facts the engine reports.
 *
 * Importing `./captured` first (through the modules below) captures `fetch`, `JSON` and the rest
 * before anything else is evaluated.
 *
 * @module
 */

import type { RampartApi } from "./api";
import { defineProperty, freeze } from "./captured";
import { Channel, channel } from "./channel";
import { IpcError } from "./error";
import { dispatch, emit, listen } from "./events";
import { invoke } from "./invoke";

const api: RampartApi = freeze({
  invoke,
  listen,
  emit,
  channel,
  Channel,
  IpcError,
  __dispatch: dispatch,
});

defineProperty(window, "__RAMPART__", {
  value: api,
  writable: false,
  enumerable: false,
  configurable: false,
});

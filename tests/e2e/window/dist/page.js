// Through @rampart/api/window: the page reads its window's state, renames and resizes it, reads
// the change back, tries a change its capability does not grant, and asks to close the window,
// which the app's hook refuses. Reports the findings.
import * as win from "./window.js";

const R = window.__RAMPART__;
const outcome = (p) => p.then((value) => ({ ok: true, value: value ?? null }), (error) => ({ code: error.code }));
const findings = {};
const heard = [];
await R.listen("rampart:window", (event) => heard.push(event.payload));
findings.before = await outcome(win.state());
findings.setTitle = await outcome(win.setTitle("Renamed by the page"));
findings.setSize = await outcome(win.setSize({ width: 500, height: 400 }));
await new Promise((resolve) => setTimeout(resolve, 500));
findings.after = await outcome(win.state());
findings.maximize = await outcome(win.maximize());
// A note window from the template, by its exact label; another note (the scope names only
// note-7) and a label outside the scope are refused. Then the note window is renamed and read.
findings.openNote = await outcome(win.open("note-7"));
findings.openOtherNote = await outcome(win.open("note-8"));
findings.openOther = await outcome(win.open("other"));
// The app builds a window at run time under a label the helpers capability names: refused
// unless the app says the window may have it.
findings.buildDenied = await outcome(R.invoke("build_window", { label: "main-9", capabilities: false }));
findings.build = await outcome(R.invoke("build_window", { label: "main-9", capabilities: true }));
await new Promise((resolve) => setTimeout(resolve, 1500));
findings.renameNote = await outcome(win.setTitle("Note seven", "note-7"));
await new Promise((resolve) => setTimeout(resolve, 300));
findings.note = await outcome(win.state("note-7"));
findings.maximizeNote = await outcome(win.maximize("note-7"));
// The app's window hook keeps the window open (tests/window.rs sets E2E_VETO_CLOSE): the page
// is still here to report.
findings.close = await outcome(win.close());
await new Promise((resolve) => setTimeout(resolve, 300));
findings.heard = heard;
await R.invoke("report", findings);

// Through @rampart/api/window: the page reports the state its window opened with, then resizes
// and moves it, so that the next run opens it there (tests/window.rs runs the app twice). It
// also counts its runs in localStorage.
import * as win from "./window.js";

const R = window.__RAMPART__;
const findings = {};
// The page's storage lasts from run to run too, in the app's own folder.
findings.runsBefore = localStorage.getItem("runs");
localStorage.setItem("runs", String(Number(findings.runsBefore || 0) + 1));
findings.opened = await win.state();
await win.setSize({ width: 530, height: 420 });
await win.setPosition(40, 50);
await new Promise((resolve) => setTimeout(resolve, 400));
findings.left = await win.state();
await R.invoke("report", findings);

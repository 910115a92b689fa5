// Through @rampart/api/window: the page reports the state its window opened with, then resizes
// and moves it, so that the next run opens it there (tests/window.rs runs the app twice).
import * as win from "./window.js";

const R = window.__RAMPART__;
const findings = {};
findings.opened = await win.state();
await win.setSize({ width: 530, height: 420 });
await win.setPosition(40, 50);
await new Promise((resolve) => setTimeout(resolve, 400));
findings.left = await win.state();
await R.invoke("report", findings);

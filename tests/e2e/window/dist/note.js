// A window opened from the template `note-*`: it calls `whoami` (its capability's one grant),
// which the app counts; it may not report, which only the main window may.
const R = window.__RAMPART__;
await R.invoke("whoami");
await R.invoke("report", { from: "a note" }).catch(() => {});

// Through @rampart/api/notification: the page asks whether it may, shows a notification whose
// body is markup (it must arrive escaped), tries an empty title, an oversized body and an icon of
// its choosing, then shows four more and one past the rate limit. Reports the findings.
import { isPermissionGranted, requestPermission, sendNotification } from "./notification.js";

const R = window.__RAMPART__;
const outcome = (p) => p.then((value) => ({ ok: true, value: value ?? null }), (error) => ({ code: error.code }));
const findings = {};
findings.granted = await outcome(isPermissionGranted());
findings.permission = await outcome(requestPermission());
findings.markup = await outcome(
  sendNotification({ title: "Saved <b>", body: '<img src="https://tracker.example/p.png"> & <a href="https://evil.example">here</a>' }),
);
findings.emptyTitle = await outcome(sendNotification({ title: "" }));
findings.longBody = await outcome(sendNotification({ title: "long", body: "x".repeat(4097) }));
findings.icon = await outcome(R.invoke("plugin:notification|notify", { title: "icon", icon: "/etc/passwd" }));
findings.more = [];
for (let i = 2; i <= 6; i++) {
  findings.more.push(await outcome(sendNotification(`Note ${i}`)));
}
await R.invoke("report", findings);

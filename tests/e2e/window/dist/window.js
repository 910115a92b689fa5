"use strict";
(async function () {
  const R = window.__RAMPART__;
  const outcome = (p) => p.then((value) => ({ ok: true, value }), (error) => ({ code: error.code }));
  const findings = {};
  findings.before = await outcome(R.invoke("plugin:window|state"));
  findings.setTitle = await outcome(R.invoke("plugin:window|set_title", { title: "Renamed by the page" }));
  findings.setSize = await outcome(R.invoke("plugin:window|set_size", { width: 500, height: 400 }));
  await new Promise((resolve) => setTimeout(resolve, 500));
  findings.after = await outcome(R.invoke("plugin:window|state"));
  findings.maximize = await outcome(R.invoke("plugin:window|maximize"));
  await R.invoke("report", findings);
})();

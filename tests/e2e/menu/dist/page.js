// The page listens to `rampart:menu`, has "Save" chosen in the menu bar, then asks for the context
// menu and has "Rename" chosen there, then "Show notes" in the tray icon's menu; it reports the ids
// it heard, in order.
const R = window.__RAMPART__;
const heard = [];
const findings = { heard };
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (count) => {
  for (let i = 0; i < 50 && heard.length < count; i++) await wait(100);
};
try {
  await R.listen("rampart:menu", (event) => heard.push(event.payload.id));
  findings.save = await R.invoke("choose_menu_item", { label: "Save" });
  await until(1);
  await R.invoke("show_context_menu");
  await wait(300);
  findings.rename = await R.invoke("choose_menu_item", { label: "Rename" });
  await until(2);
  findings.tray = await R.invoke("choose_menu_item", { label: "Show notes" });
  await until(3);
  findings.missing = await R.invoke("choose_menu_item", { label: "Not an item" });
} catch (error) {
  findings.error = String(error && (error.code || error.message || error));
}
await R.invoke("report", findings);

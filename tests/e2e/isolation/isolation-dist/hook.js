// The author's isolation application: refuses `plugin:path|normalize`, rewrites the arguments of
// `plugin:path|join`, throws for `plugin:path|resolve`, and adds to the page's report what it can
// see of the key from here (nothing) and whether it can reach the network (it cannot).
"use strict";

const selfCheck = (() => {
  const names = Object.getOwnPropertyNames(window);
  const keys = names.filter((name) => {
    try {
      return window[name] instanceof CryptoKey;
    } catch {
      return false;
    }
  });
  const html = document.documentElement.outerHTML;
  const scripts = Array.from(document.scripts, (s) => s.text).join("\n");
  return {
    origin: self.origin,
    cryptoKeysInGlobals: keys.length,
    base64KeyInPage: /[A-Za-z0-9+/]{43}=/.test(html + scripts),
    placeholderInPage: (html + scripts).includes("RAMPART_ISOLATION_KEY"),
  };
})();

const network = fetch("https://example.com/").then(() => "reached", (e) => e.name);

window.__RAMPART_ISOLATION_HOOK__ = async (request) => {
  switch (request.command) {
    case "plugin:path|normalize":
      return null;
    case "plugin:path|resolve":
      throw new Error("the hook throws");
    case "plugin:path|join":
      return { ...request, args: { paths: ["/rewritten", ...request.args.paths] } };
    case "report":
      return { ...request, args: { ...request.args, isolationFrame: { ...selfCheck, network: await network } } };
    default:
      return request;
  }
};

// Loads images through asset:// (allowed, denied, outside, through a symlink, by encoded
// traversal), fetches ranges of a 1 GiB file, and reports what happened.
"use strict";
(async function () {
  const api = window.__RAMPART__;
  const findings = {};
  const asset = (path) => "asset://localhost" + path.split("/").map(encodeURIComponent).join("/");

  function image(src) {
    return new Promise((resolve) => {
      const img = new Image();
      const timer = setTimeout(() => resolve("timeout"), 5000);
      img.onload = () => { clearTimeout(timer); resolve(img.naturalWidth + "x" + img.naturalHeight); };
      img.onerror = () => { clearTimeout(timer); resolve("error"); };
      img.src = src;
    });
  }

  async function fetched(src, range) {
    try {
      const response = await fetch(src, range ? { headers: { Range: range } } : {});
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        range: response.headers.get("content-range"),
        length: bytes.length,
        text: new TextDecoder().decode(bytes.slice(0, 64)),
      };
    } catch (error) {
      return { failed: String(error) };
    }
  }

  try {
    const data = await api.invoke("plugin:path|app_data_dir");
    const pictures = data + "/pictures";
    findings.allowed = await image(asset(pictures + "/pixel one.png"));
    findings.denied = await image(asset(pictures + "/private/pixel.png"));
    findings.outside = await image(asset(data + "/pixel.png"));
    findings.symlink = await image(asset(pictures + "/link.png"));
    const raw = "asset://localhost" + encodeURI(pictures);
    findings.dot_dot = await image(raw + "/%2e%2e/pixel.png");
    findings.double_encoded = await image(raw + "/%252e%252e/pixel.png");
    findings.encoded_slash = await image(raw + "%2f..%2fpixel.png");
    findings.range = await fetched(asset(pictures + "/big.bin"), "bytes=1073741000-");
    findings.slice = await fetched(asset(pictures + "/pixel one.png"), "bytes=1-3");
    findings.whole_big = await fetched(asset(pictures + "/big.bin"));
    findings.denied_fetch = await fetched(asset(data + "/secret.txt"));
  } catch (error) {
    findings.crashed = String(error);
  }
  await api.invoke("report", findings);
})();

// Builds js/dist from js/src: `npm run build` (or `node build.mjs --outdir <dir>`, which the
// staleness check of scripts/js.sh uses to compare a fresh build with the checked-in one).
//
//   dist/inject.js   the script the runtime injects into every page (IIFE, ES2020, not minified)
//   dist/isolated.js the script the runtime injects into an isolated world of the top frame
//   dist/isolation.js the script the runtime injects into the isolation application's frame
//   dist/index.js    an ES module re-exporting window.__RAMPART__, for authors who bundle
//   dist/opener.js   an ES module of the opener plugin's commands (@rampart/api/opener)
//   dist/fs.js       an ES module of the fs plugin's commands (@rampart/api/fs)
//   dist/path.js     an ES module of the path plugin's commands (@rampart/api/path)
//   dist/shell.js    an ES module of the shell plugin's commands (@rampart/api/shell)
//   dist/http.js     an ES module of the http plugin's fetch (@rampart/api/http)
//   dist/dialog.js   an ES module of the dialog plugin's commands (@rampart/api/dialog)
//   dist/clipboard.js an ES module of the clipboard plugin's commands (@rampart/api/clipboard)
//   dist/window.js   an ES module of the window plugin's commands (@rampart/api/window)
//   dist/notification.js an ES module of the notification plugin's commands (@rampart/api/notification)
//   dist/types/      type declarations, from tsc (index.d.ts is the package's entry)
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf("--outdir");
const outdir = flag >= 0 ? resolve(process.argv[flag + 1]) : join(here, "dist");

const header = (what) =>
  `// ${what}\n` +
  "// Generated from js/src by esbuild: do not edit. Rebuild with `npm run build` in js/ and commit\n" +
  "// js/dist (scripts/test.sh fails when it is stale).";

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = {
  absWorkingDir: here,
  bundle: true,
  target: "es2020",
  platform: "browser",
  minify: false,
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
};

await esbuild.build({
  ...common,
  entryPoints: ["src/inject.ts"],
  outfile: join(outdir, "inject.js"),
  format: "iife",
  banner: {
    js: header(
      "The script Rampart injects into every page before any page script runs: window.__RAMPART__.",
    ),
  },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/isolated.ts"],
  outfile: join(outdir, "isolated.js"),
  format: "iife",
  banner: {
    js: header(
      "The script Rampart injects into an isolated world of the top frame: the message door's far end.",
    ),
  },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/isolation.ts"],
  outfile: join(outdir, "isolation.js"),
  format: "iife",
  banner: {
    js: header(
      "The script Rampart injects into the isolation application's frame: it runs the author's hook and seals calls.",
    ),
  },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/index.ts"],
  outfile: join(outdir, "index.js"),
  format: "esm",
  banner: { js: header("@rampart/api as an ES module: re-exports window.__RAMPART__.") },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/opener.ts"],
  outfile: join(outdir, "opener.js"),
  format: "esm",
  // It imports the package's entry, which stays one module: `invoke` is not copied here.
  external: ["./index.js"],
  banner: { js: header("@rampart/api/opener as an ES module: the opener plugin's commands.") },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/fs.ts"],
  outfile: join(outdir, "fs.js"),
  format: "esm",
  external: ["./index.js"],
  banner: { js: header("@rampart/api/fs as an ES module: the fs plugin's commands.") },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/path.ts"],
  outfile: join(outdir, "path.js"),
  format: "esm",
  external: ["./index.js"],
  banner: { js: header("@rampart/api/path as an ES module: the path plugin's commands.") },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/shell.ts"],
  outfile: join(outdir, "shell.js"),
  format: "esm",
  external: ["./index.js"],
  banner: { js: header("@rampart/api/shell as an ES module: the shell plugin's commands.") },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/http.ts"],
  outfile: join(outdir, "http.js"),
  format: "esm",
  external: ["./index.js"],
  banner: { js: header("@rampart/api/http as an ES module: the http plugin's fetch.") },
});

await esbuild.build({
  ...common,
  entryPoints: ["src/dialog.ts"],
  outfile: join(outdir, "dialog.js"),
  format: "esm",
  external: ["./index.js"],
  banner: { js: header("@rampart/api/dialog as an ES module: the dialog plugin's commands.") },
});

for (const [name, what] of [
  ["clipboard", "the clipboard plugin's commands"],
  ["window", "the window plugin's commands"],
  ["notification", "the notification plugin's commands"],
]) {
  await esbuild.build({
    ...common,
    entryPoints: [`src/${name}.ts`],
    outfile: join(outdir, `${name}.js`),
    format: "esm",
    external: ["./index.js"],
    banner: { js: header(`@rampart/api/${name} as an ES module: ${what}.`) },
  });
}

const tsc = join(here, "node_modules", ".bin", "tsc");
execFileSync(tsc, ["-p", "tsconfig.types.json", "--declarationDir", join(outdir, "types")], {
  cwd: here,
  stdio: "inherit",
});

#!/usr/bin/env bash
# Checks the JavaScript API (js/): installs its pinned tools (npm ci, only when js/node_modules
# is missing or was installed from another package-lock.json), type-checks the sources and the
# declarations' examples (npm run check), and fails when the checked-in js/dist differs from a
# fresh build. Run by test.sh; the runtime embeds js/dist/inject.js, so Rust builds need no Node.
set -euo pipefail
cd "$(dirname "$0")/../js"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "js: node and npm are missing: skipping the JavaScript checks (scripts/setup.sh installs them)" >&2
  exit 0
fi

npm_quiet() {
  npm --no-audit --no-fund --loglevel=error "$@"
}

# npm ci when the installed tools may not be those of package-lock.json: the lock's hash is kept
# in node_modules after each successful install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.rampart-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "js: npm ci"
  npm_quiet ci
  echo "$lock_hash" >"$stamp"
fi

echo "js: npm run check"
npm_quiet run --silent check

echo "js: js/dist matches a fresh build"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
node build.mjs --outdir "$fresh/dist"
if ! diff -r dist "$fresh/dist" >"$fresh/diff"; then
  head -n 40 "$fresh/diff" >&2
  echo "js/dist is stale: run \`npm run build\` in js/ and commit" >&2
  exit 1
fi

#!/usr/bin/env bash
# Runs every Rampart test: unit, property and integration tests of the whole workspace, the
# example-app expectations, a build check of the fuzz targets, and the supply-chain gate.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "== javascript"
scripts/js.sh

echo "== supply chain (cargo deny: advisories, bans, licenses, sources)"
scripts/deny.sh

echo "== rampart-core in its default build (no I/O: without the fs and app-dir features)"
cargo clippy --quiet -p rampart-core --lib --locked -- -D warnings

echo "== fuzz targets compile"
cargo check --quiet --manifest-path fuzz/Cargo.toml --locked

echo "== tests"
if cargo nextest --version >/dev/null 2>&1; then
  # Doc tests first: nextest does not run them, and its summary should close the run.
  cargo test --workspace --locked --doc --quiet
  cargo nextest run --workspace --locked --no-fail-fast
else
  cargo test --workspace --locked --no-fail-fast
fi

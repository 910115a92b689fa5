#!/usr/bin/env bash
# Runs every Rampart test: unit, property and integration tests of the whole workspace (the
# end-to-end suites in the real WebView, one of them against a release-like build), the
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

echo "== a release-like build of the folder app (tests/e2e/tests/lockdown.rs runs it)"
# Built here, before the tests run in parallel, rather than by the test itself (which would only
# find it up to date): release semantics, unoptimised, in <target>/lockdown.
cargo build --quiet --profile lockdown --locked -p rampart-e2e --bin rampart-e2e-dev

echo "== tests"
if cargo nextest --version >/dev/null 2>&1; then
  # Doc tests first: nextest does not run them, and its summary should close the run.
  cargo test --workspace --locked --doc --quiet
  cargo nextest run --workspace --locked --no-fail-fast
else
  cargo test --workspace --locked --no-fail-fast
fi

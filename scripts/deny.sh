#!/usr/bin/env bash
# The supply-chain gate: `cargo deny --locked check` (advisories, bans, licenses, sources) with
# the rules of deny.toml. With the RustSec advisory database snapshot beside the project
# (../shared/advisory-db, prepared by ../shared/tools/advisory-db) it runs offline against it;
# without one it lets cargo-deny fetch the database. Run by test.sh; installs cargo-deny (the
# pinned version) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
rampart_install_cargo_tool cargo-deny "$RAMPART_CARGO_DENY_VERSION"

snapshot=../shared/tools/advisory-db
if [ -x "$snapshot" ]; then
  db=$("$snapshot")
  config=$(mktemp)
  trap 'rm -f "$config"' EXIT
  # deny.toml with the snapshot as the database: the rest of the file is used as written.
  awk -v db="$db" '{ print } /^\[advisories\]$/ {
    print "db-path = \"" db "\""
    print "db-urls = [\"https://github.com/rustsec/advisory-db\"]"
  }' deny.toml >"$config"
  cargo deny --offline --locked --config "$config" check --hide-inclusion-graph
else
  echo "deny: no advisory snapshot at $snapshot: cargo-deny fetches the RustSec database" >&2
  cargo deny --locked check --hide-inclusion-graph
fi

#!/usr/bin/env bash
# The Rampart demo. Until the runtime lands, it shows the security core at work on the example
# notes app: what its configuration grants, and the decision for a few calls with the reasons.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --quiet --locked -p rampart-cli
rampart=target/debug/rampart
app=examples/acl-showcase

run() {
  echo
  echo "\$ rampart $*"
  local status=0
  "$rampart" "$@" || status=$?
  echo "(exit status $status: $([ $status -eq 0 ] && echo allowed || echo denied))"
}

echo "\$ rampart acl ls --dir $app"
"$rampart" acl ls --dir "$app"
run acl explain --dir "$app" --window main save_note
run acl explain --dir "$app" --window settings delete_note
run acl explain --dir "$app" --window main 'plugin:fs|write_text_file' --path '$APPDATA/notes/today.md'
run acl explain --dir "$app" --window main 'plugin:fs|write_text_file' --path '$APPDATA/notes/../../../.bashrc'
run acl explain --dir "$app" --window help --url https://docs.example.com.evil.com/ list_notes
echo
echo "demo finished: the example's capabilities are in $app/capabilities/"

#!/usr/bin/env bash
# The Rampart demo: Rampart Notes (examples/notes).
#
# With a display, it opens the app's window. Without one (or with --tour), it plays a scripted
# tour under Xvfb — create, edit and search notes, then one forbidden call that shows up in the
# security log — saves a screenshot, prints its path, and exits 0 when the tour passed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

tour=false
case "${1:-}" in
  "") ;;
  --tour) tour=true ;;
  *) echo "usage: scripts/demo.sh [--tour]" >&2; exit 2 ;;
esac

echo "demo: building Rampart Notes"
# Where cargo put the binary and where its target folder is, in cargo's own words (so that
# CARGO_TARGET_DIR and .cargo/config.toml are honoured).
app=$(cargo build --quiet --locked -p rampart-notes --message-format=json-render-diagnostics \
  | grep -o '"executable":"[^"]*/rampart-notes"' | tail -n 1 | sed 's/^"executable":"//; s/"$//')
target=$(cargo metadata --quiet --locked --format-version 1 --no-deps \
  | grep -o '"target_directory":"[^"]*"' | sed 's/^"target_directory":"//; s/"$//')
if [ ! -x "$app" ] || [ -z "$target" ]; then
  echo "demo: cargo built Rampart Notes but did not say where (binary: '$app', target: '$target')" >&2
  exit 1
fi

if [ "$tour" = false ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: opening Rampart Notes (notes are kept in your data folder)"
  exec "$app"
fi

screenshot="$target/demo/notes-tour.png"
mkdir -p "$(dirname "$screenshot")"
# The tour starts from no notes, in a folder of its own: it never touches your notes.
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: playing the scripted tour"
  XDG_DATA_HOME="$data" "$app" --tour "$screenshot"
else
  echo "demo: no display; playing the scripted tour under Xvfb"
  XDG_DATA_HOME="$data" xvfb-run -a "$app" --tour "$screenshot"
fi
echo "demo: passed; screenshot: $screenshot"

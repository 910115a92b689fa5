#!/usr/bin/env bash
# Installs what building and testing Rampart needs on a Debian/Ubuntu machine, when missing.
# Sourced by demo.sh and test.sh; safe to run again (it only installs what is not there).
set -euo pipefail

# Debian packages the build and the tests need: a C toolchain, the WebView stack (WebKitGTK 4.1,
# GTK 3, libsoup 3), bubblewrap and xdg-dbus-proxy (the web process's sandbox, on by default),
# Xvfb for running windows on machines without a display, openssl (the end-to-end test of a
# remote window serves its page over https with it), dbus-daemon (the notification test runs
# a notification service on a private session bus) and the AppIndicator library (tray icons).
RAMPART_APT_PACKAGES=(
  gcc g++ libc6-dev pkg-config
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
  bubblewrap xdg-dbus-proxy dbus-daemon
  xvfb xauth openssl libayatana-appindicator3-1
)

rampart_missing_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  echo "${missing[@]:-}"
}

rampart_install_packages() {
  local missing
  missing=$(rampart_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: $missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "setup: installing Debian packages with sudo: $missing"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "setup: these Debian packages are missing: $missing" >&2
    echo "setup: install them as root: sudo apt-get install $missing" >&2
    exit 1
  fi
}

# Cargo tools the scripts use, each at a pinned version.
RAMPART_CARGO_DENY_VERSION=0.20.2

# Installs the cargo tool NAME at VERSION (with its own lock file) unless that version is there.
rampart_install_cargo_tool() {
  local name=$1 version=$2
  if "$name" --version 2>/dev/null | grep -qx "$name $version"; then
    return 0
  fi
  echo "setup: installing $name $version (cargo install --locked)"
  cargo install --quiet --locked "$name" --version "$version"
}

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo is missing. Install Rust (stable) with rustup, then run this again." >&2
  exit 1
fi
# Node.js and npm build and check the JavaScript API (js/); any install on the PATH will do.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  RAMPART_APT_PACKAGES+=(nodejs npm)
fi
if command -v dpkg-query >/dev/null 2>&1; then
  rampart_install_packages "${RAMPART_APT_PACKAGES[@]}"
fi

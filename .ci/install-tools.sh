#!/usr/bin/env bash
# Installs what building and testing Vern needs, reusing whatever is there.
# Usage: .ci/install-tools.sh [build|test|lighthouse]   (test adds Chromium and
# PostgreSQL; lighthouse adds Lighthouse from npm to those)
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-build}
CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130

step() { printf '\n==> %s\n' "$*"; }
# The tools' own speed hardly matters here; the time to compile them on a
# fresh machine does. Their release profiles ask for LTO and one codegen
# unit, which only makes the install slower. `install_tool OPT_LEVEL ...`.
install_tool() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$1" CARGO_PROFILE_RELEASE_DEBUG=false CARGO_INCREMENTAL=0 \
    cargo install "${@:2}"
}

step "Rust wasm target and components"
rustup target add wasm32-unknown-unknown >/dev/null
rustup component add rustfmt clippy >/dev/null 2>&1 || true

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "cargo-leptos $CARGO_LEPTOS_VERSION (about 6 minutes, once per machine)"
  # Unoptimised: it mostly waits for cargo and runs wasm-bindgen (below) as
  # its own process; what it does itself (CSS, hashing names) is small.
  # This cut its install from 20 to 6 minutes on 2 cores.
  install_tool 0 cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2–3 minutes, once per machine)"
  # Optimised a little: it rewrites the whole debug wasm on every build.
  # Without --locked: its lock file pins a crate version the registry lacks.
  install_tool 1 wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

step "npm packages in end2end/ (Playwright, axe-core, wasm-opt from binaryen)"
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

if [ "$want" = test ] || [ "$want" = lighthouse ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  # The browser tests read the server's SQLite database (history, sessions).
  [ -x /usr/bin/sqlite3 ] || missing+=(sqlite3)
  # The PDF tests read the text back out of the round report's PDF.
  [ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    step "Debian packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
if [ "$want" = lighthouse ]; then
  step "Lighthouse in end2end/lighthouse/"
  (cd end2end/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi
step "tools ready"

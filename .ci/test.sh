#!/usr/bin/env bash
# The whole test suite (`make test`): formatting, clippy for the server and
# the browser builds, unit and API tests on SQLite and PostgreSQL, then the
# browser tests in Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The flags cargo-leptos uses for debug builds: the same flags for the
# tests let the browser tests reuse the server the API tests built.
export RUSTFLAGS="--cfg erase_components"
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

.ci/install-tools.sh test

step "rustfmt"
cargo fmt --all -- --check

# Clippy runs inside the builds the tests need: cargo compiles Vern's own
# crates with clippy-driver (rustc with Clippy's lints, what `cargo clippy`
# runs), and every warning is an error. `cargo clippy` would first check
# the whole dependency graph once more for the server and once more for the
# browser (about 15 of the 45 minutes this script took).
clippy_driver=$(rustup which clippy-driver)
lint() { RUSTC_WORKSPACE_WRAPPER="$clippy_driver" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" "$@"; }

step "PostgreSQL for the tests"
eval "$(.ci/postgres.sh start)"
trap '.ci/postgres.sh stop "$VERN_TEST_PG_DIR"' EXIT
export VERN_TEST_REQUIRE_POSTGRES=1

logs=$(mktemp -d)
step "build and clippy: the server, its tests and benchmarks (with the s3 photo store)"
# `--all-targets` is what `make clippy` lints; benchmarks are built, not run.
lint cargo test -p app -p server --all-targets --features server/s3 --no-run
step "unit and API tests (SQLite and PostgreSQL)"
lint cargo test -p app -p server --lib --bins --tests --features server/s3 2>&1 | tee "$logs/cargo.log"

step "build and clippy: the browser app (cargo leptos build --frontend-only)"
# The browser tests run the `vern` binary the API tests above built
# (target/debug/vern). cargo-leptos would build it again: it sets LEPTOS_*
# variables that leptos reads at compile time, so leptos and everything
# above it would be compiled a second time for the same server.
# cargo-leptos adds `--cfg erase_components` to RUSTFLAGS itself.
(unset RUSTFLAGS; lint cargo leptos build --frontend-only)

step "browser tests (Playwright, Chromium)"
(cd end2end && npx playwright test) 2>&1 | tee "$logs/playwright.log"

rust_passed=$(grep -o 'test result: ok\. [0-9]* passed' "$logs/cargo.log" | awk '{s += $4} END {print s + 0}')
browser_passed=$(grep -oE '^ *[0-9]+ passed' "$logs/playwright.log" | awk '{s += $1} END {print s + 0}')
step "all tests passed: $rust_passed Rust tests, $browser_passed browser tests"
echo "total: $((rust_passed + browser_passed)) passed, 0 failed"

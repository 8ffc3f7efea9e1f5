#!/usr/bin/env bash
# The whole test suite (`make test`): formatting, clippy for the server and
# the browser builds, unit and API tests on SQLite and PostgreSQL, then the
# browser tests in Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The flags cargo-leptos uses for debug builds: the same flags for clippy and
# the tests let every step reuse one set of compiled dependencies.
export RUSTFLAGS="--cfg erase_components"
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

.ci/install-tools.sh test

step "rustfmt"
cargo fmt --all -- --check

step "clippy (server build)"
cargo clippy -p app -p server --all-targets --features app/ssr -- -D warnings
step "clippy (browser build)"
cargo clippy -p frontend -p app --target wasm32-unknown-unknown --features app/hydrate -- -D warnings

step "PostgreSQL for the tests"
eval "$(.ci/postgres.sh start)"
trap '.ci/postgres.sh stop "$VERN_TEST_PG_DIR"' EXIT
export VERN_TEST_REQUIRE_POSTGRES=1

step "unit and API tests (SQLite and PostgreSQL)"
cargo test -p app -p server --features app/ssr

step "build the site (cargo leptos build)"
cargo leptos build

step "browser tests (Playwright, Chromium)"
(cd end2end && npx playwright test)

step "all tests passed"

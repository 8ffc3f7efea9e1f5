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

step "clippy (server build, with the s3 photo store)"
# With `s3` on, its code is linted too; the few lines that only exist
# without it are compiled and run by the tests below.
cargo clippy -p app -p server --all-targets --features server/s3 -- -D warnings
step "clippy (browser build)"
cargo clippy -p frontend -p app --target wasm32-unknown-unknown -- -D warnings

step "PostgreSQL for the tests"
eval "$(.ci/postgres.sh start)"
trap '.ci/postgres.sh stop "$VERN_TEST_PG_DIR"' EXIT
export VERN_TEST_REQUIRE_POSTGRES=1

logs=$(mktemp -d)
step "unit and API tests (SQLite and PostgreSQL)"
cargo test -p app -p server --lib --bins --tests 2>&1 | tee "$logs/cargo.log"

step "build the site (cargo leptos build)"
# cargo-leptos adds `--cfg erase_components` to RUSTFLAGS itself; with ours
# set too the flags would differ from the test build's and every dependency
# of the server would be compiled a second time.
env -u RUSTFLAGS cargo leptos build

step "browser tests (Playwright, Chromium)"
(cd end2end && npx playwright test) 2>&1 | tee "$logs/playwright.log"

rust_passed=$(grep -o 'test result: ok\. [0-9]* passed' "$logs/cargo.log" | awk '{s += $4} END {print s + 0}')
browser_passed=$(grep -oE '^ *[0-9]+ passed' "$logs/playwright.log" | awk '{s += $1} END {print s + 0}')
step "all tests passed: $rust_passed Rust tests, $browser_passed browser tests"
echo "total: $((rust_passed + browser_passed)) passed, 0 failed"

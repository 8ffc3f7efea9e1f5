# Vern: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test tools build release fmt clippy bench sizes lighthouse clean-data

## Build a release and serve Vern with the demo organisation at http://127.0.0.1:3000
run: tools release
	VERN_SITE_ROOT=target/site ./target/release/vern serve --demo

## Formatting, clippy, unit + API tests (SQLite and PostgreSQL), browser tests
test:
	.ci/test.sh

tools:
	.ci/install-tools.sh build

## Debug build of the server and the wasm app
build: tools
	cargo leptos build

## Release build: wasm optimised for size (opt-level z, LTO, wasm-opt), and brotli/gzip copies of the built files
release:
	cargo leptos build --release
	./target/release/vern precompress target/site/pkg

fmt:
	cargo fmt --all

clippy: export RUSTFLAGS = --cfg erase_components
clippy:
	cargo clippy -p app -p server --all-targets --features server/s3 -- -D warnings
	cargo clippy -p frontend -p app --target wasm32-unknown-unknown -- -D warnings

## Sync, photo, QR report, room import and leader page benchmarks and the load generator (100 and 1,000 phones) on SQLite (and PostgreSQL with VERN_TEST_POSTGRES_URL): prints figures
bench:
	cargo bench -p server --bench sync
	cargo bench -p server --bench reports
	cargo bench -p server --bench leaders
	cargo bench -p server --bench load

## Lighthouse (mobile preset) on /login, /runder and a QR report page of the release build: prints scores, keeps reports in target/lighthouse/
lighthouse: tools release
	.ci/install-tools.sh lighthouse
	cd end2end/lighthouse && node run.mjs

## Sizes of the release client (raw, gzip -9, brotli -q 11)
sizes: tools release
	@for f in target/site/pkg/*.wasm target/site/pkg/*.js target/site/pkg/*.css; do \
		printf '%-48s %9s raw %9s gzip %9s brotli\n' "$$(basename $$f)" "$$(stat -c %s $$f)" \
			"$$(gzip -9 -c $$f | wc -c)" "$$(brotli -c -q 11 $$f | wc -c)"; done

## Remove the local demo database
clean-data:
	rm -rf data

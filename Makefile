# The two commands of the README: `make run` and `make test`. Each installs what is missing first.
SHELL := /bin/bash
# cargo-leptos finds its tools on PATH, node_modules/.bin first: `wasm-opt` there is a link to
# scripts/wasm-opt (one long-lived optimiser for the ~240 files of a split build, npm's binaryen
# inside), made by scripts/install-tools.sh.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

SITE_ADDR ?= 127.0.0.1:3000
DATABASE_URL ?= sqlite://data/carte-orientation-28.db
# The demo holder's password (README, "Configuration"): `make run` is a demo, never production.
DEMO_PASSWORD ?= demo-carte-orientation-28

.PHONY: run test setup setup-test check-format check-lints build cluster-index release check-release fixtures test-rust test-e2e seed-demo dev bench bench-scale bench-load bench-map-page clean

## run: install what is missing, build for release, serve http://127.0.0.1:3000 with demo data
run: setup release
	LEPTOS_SITE_ADDR=$(SITE_ADDR) LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD \
	DATABASE_URL=$(DATABASE_URL) DEMO_PASSWORD=$(DEMO_PASSWORD) target/release/server

## test: install what is missing (Chromium included), then every test: Rust, HTTP, browser.
## The browser tests run the release build: what `make run` and a deployment serve.
test: setup-test check-format check-lints test-rust release check-release test-e2e

## check-format: the house style (rustfmt.toml), checked before anything is compiled
check-format:
	cargo fmt --all -- --check

## check-lints: clippy on both sides — the server (app's ssr feature, the server, their tests and
## examples) and the browser (app's hydrate feature and the WASM entry point) — any warning fails
check-lints:
	cargo clippy -p app -p server -p cluster-index --features app/ssr,app/fixtures,server/fixtures --all-targets -- -D warnings
	cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p cluster-index --target wasm32-unknown-unknown -- -D warnings

setup:
	scripts/install-tools.sh build

setup-test:
	scripts/install-tools.sh test

# --split in every build: the lazy pages (app/src/pages/mod.rs) import their chunks, which only a
# split build provides.
build:
	rm -f $(RELEASE_STAMP)
	cargo leptos build --split
	$(CLUSTER_INDEX)

## cluster-index: the clustering worker's WebAssembly (cluster-index/, Supercluster's index built
## in half the time: public/clustering-worker.js), into the site beside the worker. Its own
## profile, for speed rather than size: citizens who filter a large map download it, never the
## map's first visit. A site without it still clusters, in the worker's JavaScript (the same
## trees): so does `make dev`, whose `cargo leptos watch` empties the site's root of what it did
## not copy there (`make cluster-index` puts the module back, until the watch copies again).
## The module's compressed copies are the release's (minify-site.mjs): a new module drops them.
CLUSTER_INDEX := cargo build -p cluster-index --lib --target wasm32-unknown-unknown --profile cluster-index && \
	mkdir -p target/site && rm -f target/site/cluster-index.wasm.br target/site/cluster-index.wasm.gz && \
	cp target/wasm32-unknown-unknown/cluster-index/cluster_index.wasm target/site/cluster-index.wasm
cluster-index:
	$(CLUSTER_INDEX)

# --precompress writes .br and .gz beside every static file (brotli at its best quality): the
# server sends those instead of compressing the WASM on every request. --split cuts the WASM
# into the main file (the map) and chunks for every other page
# (app/src/pages/mod.rs): a citizen's first visit downloads only the main file.
#
# cargo-leptos regenerates, optimises and recompresses the WASM on every call (about 100 s) even
# when nothing changed, so the build runs only when a file it is made from is newer than the
# stamp it leaves in the site (dated when the build started: a file saved meanwhile counts), or
# when the site or the server is missing. `make build` and `make dev` write a debug site over it:
# they remove the stamp.
#
# The WASM is built with its own standard library (`-Zbuild-std`, from the toolchain's rust-src)
# so that a panic is a bare trap (`-Cpanic=immediate-abort`: no panic messages, no formatting
# machinery), no source locations are kept (`-Zlocation-detail=none`) and the library takes its
# smaller implementations (`optimize_for_size`: sorts and number formatting; the WASM sorts no
# large list): the map's first download is 29 kB lighter, 9 % of the main WASM
# (bench/RESULTS.md, fourteenth session). `-Zfmt-debug=none` makes every `{:?}` print nothing,
# taking `Debug`'s formatting code out: 3 kB less (twentieth session). Nothing the browser shows
# or decides comes from `Debug` (the maps' console errors log the error object itself:
# leaflet_map/base.rs, `log_error`); the server is built without it. These are
# unstable options: RUSTC_BOOTSTRAP=1 lets the stable toolchain take them, in a cargo-leptos call
# that builds the browser's side only: the server is built in a second call without it, since
# under it some crates' build scripts (proc-macro2, anyhow, thiserror) switch on nightly features
# of their own. cargo-leptos adds CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS to the RUSTFLAGS it
# sets for the WASM (where they override the `wasm-release` profile's `panic = "abort"`). A
# toolchain that changes them fails this build loudly; a change that loses their effect fails the
# first visit's byte budget (end2end/tests/first-visit.spec.ts). The page's notice of a stopped
# module catches the trap itself (app/src/broken_page.rs, `watch_traps`).
#
# Then the clustering worker's WebAssembly (`cluster-index`, above). Last,
# scripts/minify-site.mjs minifies what cargo-leptos copies or writes unminified (carte28.js, the
# stylesheets of public/, the split build's loader) and compresses them again: 6.1 kB less on
# the map's first visit (bench/RESULTS.md, fifteenth session); then the WASM files' brotli again,
# 0.9 kB less (twentieth session). It needs npm's esbuild (`make setup`), checked before the
# build rather than found missing after it.
RELEASE_WASM_FLAGS := -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none
RELEASE_WASM_CARGO_ARGS := --lib-cargo-args=-Zbuild-std=std,panic_abort --lib-cargo-args=-Zbuild-std-features=optimize_for_size
RELEASE_STAMP := target/site/.release-build
RELEASE_INPUTS := app cluster-index server frontend style public scripts/wasm-opt scripts/minify-site.mjs Makefile Cargo.toml Cargo.lock .cargo/config.toml package-lock.json rust-toolchain.toml
release:
	@if [ -f $(RELEASE_STAMP) ] && [ -x target/release/server ] && \
	  [ -z "$$(find $(wildcard $(RELEASE_INPUTS)) -newer $(RELEASE_STAMP) -type f -print -quit)" ]; then \
	  echo "release build up to date (nothing newer than $(RELEASE_STAMP))"; \
	else \
	  node -e "import('esbuild')" 2>/dev/null || { echo "esbuild is missing: run make setup (scripts/install-tools.sh build)"; exit 1; }; \
	  mkdir -p target && touch target/.release-build-started && \
	  RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(RELEASE_WASM_FLAGS)" \
	    cargo leptos build --release --split --precompress --frontend-only $(RELEASE_WASM_CARGO_ARGS) && \
	  cargo leptos build --release --split --precompress --server-only && \
	  $(CLUSTER_INDEX) && \
	  node scripts/minify-site.mjs target/site && \
	  mv target/.release-build-started $(RELEASE_STAMP); \
	fi

# `app`'s server functions and data layer need its `ssr` feature, which `cargo leptos test` skips.
# The same RUSTFLAGS as every `cargo leptos build` (type-erased views: Cargo.toml's
# `always-erase-components`), so the tests check the views the site serves and debug builds share
# their compiled dependencies.
# cargo-nextest (on every machine of this kind) runs each test in its own process and ends one
# that hangs (.config/nextest.toml) instead of letting it eat CI's 90 minutes; plain
# `cargo test` where it is missing.
test-rust: export RUSTFLAGS := --cfg erase_components
test-rust:
	if cargo nextest --version >/dev/null 2>&1; then \
	  cargo nextest run -p app -p server -p cluster-index --features $(TEST_FEATURES); \
	else \
	  cargo test -p app -p server -p cluster-index --features $(TEST_FEATURES); \
	fi

# The tests seed test data (app's and the server's `fixtures` feature); the same features and
# RUSTFLAGS as test-rust, so that after it `make fixtures` has nothing to compile.
TEST_FEATURES := app/ssr,app/fixtures,server/fixtures

## fixtures: target/debug/fixtures, the test-data commands (seed-synthetic, seed-hostile) and the
## address service's stand-in (geocoder) for the browser tests and the benchmarks; the release
## build never holds them. Built as the Rust tests
## build it (their dev-dependencies change some crates' features, so `cargo build --bin fixtures`
## would compile the app again): after `make test-rust` there is nothing left to do.
fixtures: export RUSTFLAGS := --cfg erase_components
fixtures:
	cargo test --no-run -p app -p server --features $(TEST_FEATURES)

## check-release: the release server holds no test data (fixtures are a feature it leaves out)
check-release:
	@if grep -a -q -e 'Structure synthétique' -e 'window.__xss' -e 'Quai du Port 13002 Marseille' target/release/server; then \
	  echo "target/release/server holds test data (app's fixtures feature)"; exit 1; fi
	@echo "target/release/server holds no test data"

test-e2e: fixtures
	cd end2end && npx playwright test

## seed-demo: replace the demo initiatives in $(DATABASE_URL) by a fresh copy
seed-demo:
	DATABASE_URL=$(DATABASE_URL) DEMO_PASSWORD=$(DEMO_PASSWORD) cargo run -p server -- seed-demo

## dev: rebuild and reload on every change
dev: setup
	rm -f $(RELEASE_STAMP)
	cargo leptos watch --split

bench: setup-test release fixtures
	bench/run.sh

## bench-scale: the map at 5 000 and 50 000 synthetic initiatives (issue 3's goals); prints Markdown
bench-scale: setup-test release fixtures
	cargo build --release -p server --example search_latency
	bench/scale.sh

## bench-load: 64 connections on the map, a page, the pins, a search and the CSV, plus one writer,
## for 20 s (issue 14's goals: p99 < 20 ms for pages and pins, no error); prints Markdown.
## Installs wrk with apt-get when it is missing.
bench-load: setup release
	bench/load.sh

## bench-map-page: the map page's server rendering at 64 connections (issue 15's goal); Markdown
bench-map-page: setup release
	bench/map-page.sh

clean:
	rm -rf target/site public/vendor

# Keyshift. `make` builds the installable extension into dist/; `make test` runs every
# test. Both install what they need (rustup target, wasm-bindgen CLI, npm packages,
# Debian chromium) when it is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VERSION := $(shell python3 tools/pack.py version)
# The CLI must be exactly the crate's pinned wasm-bindgen version.
WB_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
WASM := target/wasm32-unknown-unknown/release/keyshift.wasm
CHROME := dist/chrome
NODE_STAMP := e2e/node_modules/.installed
WASM_OPT := e2e/node_modules/.bin/wasm-opt
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: all chrome setup setup-rust setup-browser setup-fuzz test test-rust test-wasm test-e2e test-fuzz fuzz demo bench clean

all: chrome

# ---- setup -------------------------------------------------------------------------

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy rustfmt
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION) --force; \
	fi

$(NODE_STAMP): e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	touch $@

setup-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi

setup: setup-rust $(NODE_STAMP)

# ---- build -------------------------------------------------------------------------

$(WASM): setup-rust Cargo.toml $(wildcard src/*.rs)
	cargo build --release --lib --target wasm32-unknown-unknown

chrome: setup $(WASM)
	rm -rf $(CHROME) && mkdir -p $(CHROME)/pkg
	wasm-bindgen --target web --no-typescript --out-dir $(CHROME)/pkg $(WASM)
	$(WASM_OPT) -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	  --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  -o $(CHROME)/pkg/keyshift_bg.wasm $(CHROME)/pkg/keyshift_bg.wasm
	cp -r extension/. $(CHROME)/
	python3 tools/pack.py manifest chrome $(CHROME)/manifest.json
	rm -f dist/keyshift-chrome-$(VERSION).zip
	python3 tools/pack.py zip $(CHROME) dist/keyshift-chrome-$(VERSION).zip
	@echo "wasm: $$(wc -c < $(CHROME)/pkg/keyshift_bg.wasm) bytes raw, $$(gzip -9 -c $(CHROME)/pkg/keyshift_bg.wasm | wc -c) bytes gzipped"
	@echo "package: dist/keyshift-chrome-$(VERSION).zip, $$(wc -c < dist/keyshift-chrome-$(VERSION).zip) bytes"

# ---- tests -------------------------------------------------------------------------

# The end-to-end suite runs last: its summary closes the output.
test: test-rust test-wasm test-fuzz test-e2e

test-rust: setup-rust
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --tests --target wasm32-unknown-unknown -- -D warnings
	cargo test

# The same engine tests, compiled to wasm, in headless Debian Chromium.
test-wasm: setup-rust setup-browser
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --lib

test-e2e: chrome setup-browser
	cd e2e && node --test --test-concurrency=1 --test-timeout=120000

# Fuzzing (cargo-fuzz, libFuzzer). cargo-fuzz passes nightly flags; the machine's one
# stable toolchain accepts them with RUSTC_BOOTSTRAP. `make fuzz` runs each target for
# FUZZ_SECONDS (default ten minutes); `make test` runs each briefly so they keep building.
FUZZ_TARGETS := scan messages
FUZZ_SECONDS ?= 600
setup-fuzz: setup-rust
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

fuzz: setup-fuzz
	for t in $(FUZZ_TARGETS); do RUSTC_BOOTSTRAP=1 cargo fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

test-fuzz: setup-fuzz
	for t in $(FUZZ_TARGETS); do \
	  scratch=$$(mktemp -d); \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$t $$scratch fuzz/corpus/$$t -- -max_total_time=10 || exit 1; \
	  rm -rf $$scratch; \
	done

# Benchmarks (never part of `make test`): writes bench/REPORT.md and bench/report.json.
BENCH_WASM := target/bench-build/wasm32-unknown-unknown/release/keyshift.wasm
bench: chrome setup-browser
	cargo bench --bench scan
	cargo build --release --lib --target wasm32-unknown-unknown --features bench --target-dir target/bench-build
	wasm-bindgen --target web --no-typescript --out-dir target/bench/pkg $(BENCH_WASM)
	$(WASM_OPT) -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
	  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  -o target/bench/pkg/keyshift_bg.wasm target/bench/pkg/keyshift_bg.wasm
	cd e2e && node bench.mjs

demo: chrome setup-browser
	cd e2e && node demo.mjs

clean:
	rm -rf dist target/demo

# Keyshift. `make` builds the installable extension into dist/; `make test` runs every
# test. Both install what they need (rustup target, wasm-bindgen CLI, npm packages,
# Debian chromium and firefox-esr, geckodriver) when it is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VERSION := $(shell python3 tools/pack.py version)
# The CLI must be exactly the crate's pinned wasm-bindgen version.
WB_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
# The two wasm modules, one thin crate each over the engine (crates/worker, crates/pages).
WASM := target/wasm32-unknown-unknown/release/keyshift_worker.wasm
WASM_PAGES := target/wasm32-unknown-unknown/release/keyshift_pages.wasm
NODE_STAMP := e2e/node_modules/.installed
WASM_OPT := e2e/node_modules/.bin/wasm-opt
CARGO_BIN := $(HOME)/.cargo/bin
# Dependency sources are named by a fixed path in the wasm (panic locations), not by
# where this machine keeps them, so builds match across machines.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(or $(CARGO_HOME),$(HOME)/.cargo)=/cargo
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: all chrome firefox setup setup-rust setup-browser setup-firefox setup-fuzz test test-rust test-wasm test-package test-types test-e2e test-fuzz fuzz setup-fonts demo bench clean

all: chrome firefox

# ---- setup -------------------------------------------------------------------------

# rust-toolchain.toml pins the compiler. These machines cannot download a toolchain, so
# when the pinned version is the installed stable under another name, it is linked.
TOOLCHAIN := $(shell sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
setup-rust:
	@bash tools/toolchain.sh $(TOOLCHAIN)
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy rustfmt
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION) --locked --force; \
	fi

$(NODE_STAMP): e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# chromium-l10n: without its locale packs Chromium (and so chrome.i18n) is English only.
setup-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [ ! -e /usr/lib/chromium/locales/de.pak ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver chromium-l10n; \
	fi

# Firefox ESR from Debian with its German langpack (the German end-to-end case), and
# geckodriver built from crates.io (no binary downloads).
GECKODRIVER_VERSION := 0.37.1
setup-firefox:
	@if ! command -v firefox-esr >/dev/null || [ ! -e /usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr firefox-esr-l10n-de; \
	fi
	@if [ "$$(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$(GECKODRIVER_VERSION)" ]; then \
	  cargo install geckodriver --version $(GECKODRIVER_VERSION) --locked --force; \
	fi

setup: setup-rust $(NODE_STAMP)

# ---- build -------------------------------------------------------------------------

RUST_SOURCES := Cargo.toml Cargo.lock $(wildcard src/*.rs src/*/*.rs src/*/*/*.rs src/contract/*.d.ts crates/*/Cargo.toml crates/*/src/*.rs)
$(WASM) $(WASM_PAGES) &: setup-rust $(RUST_SOURCES)
	cargo build --locked --release --target wasm32-unknown-unknown -p keyshift-worker -p keyshift-pages

WASM_OPT_FLAGS := -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue

# Both, bound and shrunk once; each browser's folder copies them: pkg/keyshift.js and
# keyshift_bg.wasm (the background), pkg/keyshift_pages.js and keyshift_pages_bg.wasm.
PKG := target/pkg
$(PKG)/keyshift_bg.wasm: $(WASM) $(WASM_PAGES) $(NODE_STAMP)
	rm -rf $(PKG) && mkdir -p $(PKG)
	wasm-bindgen --target web --no-typescript --experimental-reset-state-function --out-name keyshift --out-dir $(PKG) $(WASM)
	wasm-bindgen --target web --no-typescript --out-name keyshift_pages --out-dir $(PKG) $(WASM_PAGES)
	for w in keyshift_bg keyshift_pages_bg; do $(WASM_OPT) $(WASM_OPT_FLAGS) -o $(PKG)/$$w.wasm $(PKG)/$$w.wasm; done

# The engine built with `fault-injection` (a request that panics), for the end-to-end test
# that the background recovers; never shipped.
PKG_FAULTS := target/pkg-faults
$(PKG_FAULTS)/keyshift_bg.wasm: setup-rust $(RUST_SOURCES)
	cargo build --locked --release --target wasm32-unknown-unknown -p keyshift-worker --features fault-injection --target-dir target/faults-build
	rm -rf $(PKG_FAULTS) && mkdir -p $(PKG_FAULTS)
	wasm-bindgen --target web --no-typescript --experimental-reset-state-function --out-name keyshift --out-dir $(PKG_FAULTS) target/faults-build/wasm32-unknown-unknown/release/keyshift_worker.wasm

# dist/<browser>/ and dist/keyshift-<browser>-<version>.zip, from the one manifest.
chrome firefox: %: setup $(PKG)/keyshift_bg.wasm
	rm -rf dist/$* && mkdir -p dist/$*
	cp -r extension/. dist/$*/
	cp -r $(PKG) dist/$*/pkg
	python3 tools/pack.py manifest $* dist/$*/manifest.json
	python3 tools/pack.py bundle dist/$*
	rm -f dist/keyshift-$*-$(VERSION).zip
	python3 tools/pack.py zip dist/$* dist/keyshift-$*-$(VERSION).zip
	@echo "wasm, background: $$(wc -c < dist/$*/pkg/keyshift_bg.wasm) bytes raw, $$(gzip -9 -c dist/$*/pkg/keyshift_bg.wasm | wc -c) bytes gzipped"
	@echo "wasm, pages: $$(wc -c < dist/$*/pkg/keyshift_pages_bg.wasm) bytes raw, $$(gzip -9 -c dist/$*/pkg/keyshift_pages_bg.wasm | wc -c) bytes gzipped"
	@echo "package: dist/keyshift-$*-$(VERSION).zip, $$(wc -c < dist/keyshift-$*-$(VERSION).zip) bytes"

# ---- tests -------------------------------------------------------------------------

# The end-to-end suite runs last: its summary closes the output.
test: test-rust test-wasm test-fuzz test-package test-types test-e2e

# The shell's scripts, as shipped in each package, type-checked (tsc --strict on the
# JavaScript, with @types/chrome) against the engine's published contract
# (keyshift.d.ts, whose message types come from src/contract/contract.d.ts).
TYPES := target/types/keyshift.d.ts
$(TYPES): $(WASM) $(WASM_PAGES)
	rm -rf target/types && wasm-bindgen --target web --experimental-reset-state-function --out-name keyshift --out-dir target/types $(WASM)
	wasm-bindgen --target web --out-name keyshift_pages --out-dir target/types $(WASM_PAGES)

# Each package is checked in a copy under target/types/, so dist/ ships no .d.ts.
test-types: chrome firefox $(TYPES) $(NODE_STAMP)
	for b in chrome firefox; do \
	  rm -rf target/types/$$b && cp -r dist/$$b target/types/$$b && cp target/types/keyshift.d.ts target/types/keyshift_pages.d.ts target/types/$$b/pkg/ && \
	  e2e/node_modules/.bin/tsc -p tools/tsconfig.$$b.json || exit 1; \
	done

# The Firefox package passes Mozilla's linter with nothing to report, every permission
# either package asks for is used and explained in the README, and two builds of the
# committed HEAD give byte-identical zips.
test-package: chrome firefox
	cd e2e && npx web-ext lint --source-dir ../dist/firefox --warnings-as-errors
	python3 tools/permissions.py dist/chrome dist/firefox
	python3 tools/psl.py --check
	python3 tools/icons.py --check extension/icons store
	python3 tools/enterprise.py
	bash tools/repro.sh

test-rust: setup-rust
	python3 tools/house.py --draw
	cargo fmt --all -- --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked --workspace --lib --tests --target wasm32-unknown-unknown -- -D warnings
	cargo test --locked --workspace

# The same engine tests, compiled to wasm, in headless Debian Chromium.
test-wasm: setup-rust setup-browser
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --locked --target wasm32-unknown-unknown --workspace --lib

test-e2e: chrome firefox setup-browser setup-firefox $(PKG_FAULTS)/keyshift_bg.wasm
	cd e2e && node --test --test-concurrency=1 --test-timeout=120000

# Fuzzing (cargo-fuzz, libFuzzer). cargo-fuzz passes nightly flags; the machine's one
# stable toolchain accepts them with RUSTC_BOOTSTRAP. `make fuzz` runs each target for
# FUZZ_SECONDS (default ten minutes); `make test` runs each briefly so they keep building.
FUZZ_TARGETS := scan messages
FUZZ_SECONDS ?= 600
setup-fuzz: setup-rust
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked

# cargo fuzz takes no --locked; checking the fuzz crate's lock file first has the same effect.
FUZZ_LOCKED := cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
fuzz: setup-fuzz
	$(FUZZ_LOCKED)
	for t in $(FUZZ_TARGETS); do RUSTC_BOOTSTRAP=1 cargo fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

test-fuzz: setup-fuzz
	$(FUZZ_LOCKED)
	for t in $(FUZZ_TARGETS); do \
	  scratch=$$(mktemp -d); \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$t $$scratch fuzz/corpus/$$t -- -max_total_time=10 || exit 1; \
	  rm -rf $$scratch; \
	done

# Benchmarks (never part of `make test`): writes bench/REPORT.md and bench/report.json.
BENCH_WASM := target/bench-build/wasm32-unknown-unknown/release/keyshift_worker.wasm
bench: chrome setup-browser
	cargo bench --locked --bench scan
	cargo build --locked --release --target wasm32-unknown-unknown -p keyshift-worker --features bench --target-dir target/bench-build
	wasm-bindgen --target web --no-typescript --out-name keyshift --out-dir target/bench/pkg $(BENCH_WASM)
	$(WASM_OPT) -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
	  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  -o target/bench/pkg/keyshift_bg.wasm target/bench/pkg/keyshift_bg.wasm
	cd e2e && node bench.mjs

# Without a display, also refreshes the committed pictures: the README's (docs/) and the
# stores' 1280×800 screenshots, English and German (store/screenshots/en/, de/).
# The notes' glyphs are emoji (⛔ ⏳ 🔑): users' systems draw them; a bare Debian needs
# Noto Color Emoji for the pictures to show them.
setup-fonts:
	@fc-list | grep -q 'Noto Color Emoji' || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-color-emoji; }

demo: chrome setup-browser setup-fonts
	cd e2e && node demo.mjs
	@if [ -z "$${DISPLAY:-}" ]; then \
	  cp target/demo/*.png docs/ && rm -f store/screenshots/*.png && cp -r target/demo/store/. store/screenshots/ && \
	  echo "copied into docs/ and store/screenshots/"; \
	fi

clean:
	rm -rf dist target/demo

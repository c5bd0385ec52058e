# Two commands on a fresh Debian machine with Rust:  `make serve`  and  `make test`.
# Each installs what is missing first (scripts/setup.sh, idempotent).
SHELL := /bin/bash
ENV := source scripts/env.sh &&
PORT ?= 8080
NIGHTLY := $(shell cat scripts/nightly-toolchain)

.PHONY: bench-anchor setup-bench bench-catalogs bench-server serve server test-server test-postgres test-e2e-postgres test setup setup-test dist dist-only test-native test-scripts test-data test-deny test-fuzz fuzz test-wasm test-e2e budget bench clean

## serve: build the release bundle and the sign-up server, and run both: the app at
## http://127.0.0.1:8080 with the sample catalog, its sign-ups landing in target/serve/signups.db
serve: dist server
	node scripts/serve.mjs dist $(PORT)

server:
	$(ENV) cargo build --release --locked -p tak-server

## test: every tier: native unit tests, data checks, wasm component tests in headless Chromium,
## the release build with its size budget, and the end-to-end suite against it
test: setup-test
	$(MAKE) --no-print-directory test-native test-server test-postgres test-scripts test-data test-deny test-fuzz test-wasm dist-only budget test-e2e test-e2e-postgres

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh test

setup-bench:
	bash scripts/setup.sh bench

dist: setup dist-only

# The release toolchain (scripts/setup.sh step 5: the pinned nightly, build-std) applies to this
# build only. `make dist STABLE=1` builds with plain stable Rust instead (a larger first-load
# wasm: README.md, "Building without the nightly"). `make dist-only UNSPLIT=1` builds the residents'
# app as one wasm, the build the split is measured against (BENCHMARKS.md, "Every way in").
DIST ?= dist
# The coordinators' desk is a build of its own (the feature `desk`, src/desk/mod.rs) in $(DIST)/desk/,
# after the residents' (whose trunk build empties $(DIST) first).
dist-only:
	$(ENV) { [ -n "$(STABLE)" ] || [ ! -f target/release-toolchain.env ] || . target/release-toolchain.env; } && TAK_STABLE=$(STABLE) TAK_UNSPLIT=$(UNSPLIT) trunk build --release --dist $(DIST)
	python3 scripts/postbuild.py $(DIST)
	$(ENV) { [ -n "$(STABLE)" ] || [ ! -f target/release-toolchain.env ] || . target/release-toolchain.env; } && TAK_STABLE=$(STABLE) TAK_DESK=1 trunk build --release --dist $(DIST)/desk
	python3 scripts/postbuild.py $(DIST)/desk

test-native:
	$(ENV) cargo test -p tak-core --locked

# The sign-up server against the real binary on SQLite (this also builds target/debug/tak-server,
# which the e2e suite runs)...
test-server:
	$(ENV) cargo test -p tak-server --locked

# ...and the same contract, SMS and durability tests on a throwaway PostgreSQL cluster.
test-postgres:
	$(ENV) bash scripts/with-postgres.sh cargo test -p tak-server --locked --test api --test sms --test durability --test desk

# The build's own steps (scripts/tests), and the scripts that only `make bench` runs, which CI
# does not, at least parse.
test-scripts:
	python3 -m unittest discover -s scripts/tests
	for f in scripts/*.sh; do bash -n "$$f" || exit 1; done
	python3 -c 'import ast, sys; [ast.parse(open(f).read(), f) for f in sys.argv[1:]]' scripts/*.py
	for f in bench/*.mjs; do node --check "$$f" || exit 1; done

# The sample catalog and the map geometry are generated: fail when the committed files are stale,
# and validate the sample with the office's own tool.
test-data:
	$(ENV) cargo run -q -p tak-core --locked --bin map-gen -- --check
	$(ENV) cargo run -q -p tak-core --locked --bin catalog-gen -- --sample --check
	$(ENV) cargo run -q -p tak-core --locked --bin catalog-check -- public/catalog.json

# Licences and bans of every dependency, offline (deny.toml). cargo-deny reads the metadata of
# every target's crates (windows-sys too), which a build for this machine never downloads:
# `cargo fetch` brings them all first, so a fresh machine passes as a warm one does.
test-deny:
	$(ENV) cargo fetch --locked -q
	$(ENV) cargo deny --offline check licenses bans

# A short run of each fuzz target (nightly, libFuzzer) with a fixed seed, so CI is repeatable;
# `make fuzz` runs them for 10 minutes each with a random seed, to find new inputs.
FUZZ_SECONDS ?= 20
FUZZ_SEED ?= 1
test-fuzz:
	$(ENV) cd fuzz && cargo +$(NIGHTLY) fuzz run normalizers corpus/normalizers regressions/normalizers -- -max_total_time=$(FUZZ_SECONDS) -seed=$(FUZZ_SEED) 2>&1 | grep -E "^Done|SUMMARY|panicked" ; test $${PIPESTATUS[0]} -eq 0
	$(ENV) cd fuzz && cargo +$(NIGHTLY) fuzz run catalog corpus/catalog -- -max_total_time=$(FUZZ_SECONDS) -seed=$(FUZZ_SEED) -max_len=300000 2>&1 | grep -E "^Done|SUMMARY|panicked" ; test $${PIPESTATUS[0]} -eq 0

fuzz:
	$(MAKE) test-fuzz FUZZ_SECONDS=600 FUZZ_SEED=0

test-wasm:
	$(ENV) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p khuzestan-app --locked --target wasm32-unknown-unknown --test components

budget:
	python3 scripts/budget.py dist

test-e2e:
	node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/

# The sign-up suites again, with the real server on a throwaway PostgreSQL cluster.
E2E_SIGNUPS := tests/e2e/tak.test.mjs tests/e2e/server.test.mjs tests/e2e/promises.test.mjs tests/e2e/desk.test.mjs
test-e2e-postgres:
	bash scripts/with-postgres.sh node --test --test-concurrency=1 --test-timeout=180000 $(E2E_SIGNUPS)

## bench: pure-logic benchmarks and browser figures, written into BENCHMARKS.md; the sign-up
## server's figures on SQLite and PostgreSQL (bench-server) are printed
bench: setup-bench dist-only bench-anchor bench-catalogs bench-server
	$(ENV) bash scripts/bench.sh

# The benchmark's anchor, measured in the same run as the app: TodoMVC in Leptos (bench/todomvc),
# built by Trunk's own pipeline with the app's release toolchain, with .br files as dist/ has.
bench-anchor: setup-bench
	$(ENV) { [ ! -f target/release-toolchain.env ] || . target/release-toolchain.env; } && cd bench/todomvc && trunk build --release
	for f in target/todomvc/dist/*.html target/todomvc/dist/*.js target/todomvc/dist/*.wasm target/todomvc/dist/*.css; do brotli -f -k -q 11 "$$f"; done

bench-server: setup-bench
	$(ENV) bash scripts/bench-server.sh

# The deterministic synthetic catalogs of the in-browser benchmark (bench/browser.mjs).
bench-catalogs:
	mkdir -p target/bench
	$(ENV) cargo run -q --release -p tak-core --locked --bin catalog-gen -- --services 10000 --departments 500 --seed 7 --out target/bench/catalog-10k.json
	$(ENV) cargo run -q --release -p tak-core --locked --bin catalog-gen -- --services 1000 --departments 50 --seed 7 --out target/bench/catalog-2k-places.json

clean:
	rm -rf dist target/wasm32-unknown-unknown

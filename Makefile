# The README's two commands: `make run` (set up, build, start parley) and `make test`
# (set up, build, run every test). Both install missing system packages first.
SWIFT ?= swift
ARGS ?=

.PHONY: run test bench deps

deps:
	@scripts/install-deps.sh

# Release builds link the Swift runtime and Foundation in: the binary starts ~15 ms sooner (no
# symbol lookups across a dozen shared libraries) and keeps ~4 MB less resident.
RELEASE = -c release --static-swift-stdlib

run: deps
	$(SWIFT) build $(RELEASE) --product parley
	.build/release/parley $(ARGS)

test: deps
	scripts/check-architecture.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/fuzz.sh --replay
	scripts/e2e-tmux.sh
	scripts/e2e-pool.sh
	scripts/e2e-branches.sh
	scripts/e2e-shared-store.sh
	scripts/fault-matrix.sh

bench: deps
	$(SWIFT) build $(RELEASE) --product parley-sim
	$(SWIFT) build $(RELEASE) --product parley
	$(SWIFT) build $(RELEASE) --product parley-bench
	.build/release/parley-bench all
	scripts/bench-tui.sh

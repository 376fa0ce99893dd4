# The README's two commands: `make run` (set up, build, start parley) and `make test`
# (set up, build, run every test). Both install missing system packages first.
SWIFT ?= swift
ARGS ?=

.PHONY: run test bench deps

deps:
	@scripts/install-deps.sh

run: deps
	$(SWIFT) build -c release --product parley
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
	$(SWIFT) build -c release --product parley-sim
	$(SWIFT) build -c release --product parley
	$(SWIFT) build -c release --product parley-bench
	.build/release/parley-bench all
	scripts/bench-tui.sh

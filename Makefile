# The two commands of the README:
#   make tutor   set up what is missing, build, open the course
#   make test    set up what is missing, run the whole test suite
#   make fuzz    run each libFuzzer harness of fuzz/ for FUZZ_SECONDS (fuzz/README.md)
SWIFT ?= swift
ARGS ?=
FUZZ_SECONDS ?= 60
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.PHONY: tutor test deps release workspace-library bench fuzz clean

deps:
	@scripts/install-deps.sh

release: deps
	$(SWIFT) build -c release --product tutor

# The library exercise workspaces compile against, built once (a check rebuilds it when stale).
# Without it the lessons still open, and code checks build each workspace with `swift build`.
workspace-library: release
	.build/release/tutor build-library || echo "tutor: going on without the library for workspaces (see above)"

tutor: workspace-library
	.build/release/tutor $(ARGS)

# One debug build serves the tests, lint and verify (D2L is optimised in debug builds too, so the
# training runs take as long as in the release tutor). The tests run on the BLAS kernels the tutor
# runs on: OpenBLAS names its core as it loads, and the last name is the one the tutor kept or
# restarted with (a core set in the environment stays).
test: deps
	$(SWIFT) build --build-tests
	@# Lint (which fills the run cache the tests judge through), then the tests in four processes
	@# beside the ThreadSanitizer build, then its test (scripts/run-tests.sh).
	core=$${OPENBLAS_CORETYPE:-$$(OPENBLAS_VERBOSE=2 .build/debug/tutor --version 2>&1 >/dev/null | sed -n 's/^Core: //p' | tail -1)}; \
	env $${core:+OPENBLAS_CORETYPE=$$core} scripts/run-tests.sh 2>&1 | tee .build/test-output.txt
	.build/debug/tutor verify --blank
	.build/debug/tutor verify --solutions Tests/TutorTests/Fixtures/CodeCheck/solution
	@# One closing line for whoever reads the end of the log (the swift tests' own count).
	@sed -n 's/^All \([0-9]*\) tests passed.*/\1 passed, 0 failed/p' .build/test-output.txt | tail -1

bench: deps
	benchmarks/run.sh
	benchmarks/code-check.sh

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

clean:
	rm -rf .build

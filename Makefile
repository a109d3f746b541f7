# The two commands of the README:
#   make tutor   set up what is missing, build, open the course
#   make test    set up what is missing, run the whole test suite
SWIFT ?= swift
ARGS ?=
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.PHONY: tutor test deps release bench clean

deps:
	@scripts/install-deps.sh

release: deps
	$(SWIFT) build -c release --product tutor

tutor: release
	.build/release/tutor $(ARGS)

test: release
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | tee .build/test-output.txt
	@# Grading shares one judge between threads: the parallel grading test under ThreadSanitizer.
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan \
		--filter parallelGradingGivesTheSameReportAsOneByOne
	.build/release/tutor lint lessons
	.build/release/tutor verify --blank
	.build/release/tutor verify --solutions Tests/TutorTests/Fixtures/CodeCheck/solution
	@# One closing line for whoever reads the end of the log (the swift tests' own count).
	@sed -n 's/.*Test run with \([0-9]*\) tests.* passed after.*/\1 passed, 0 failed/p' .build/test-output.txt | tail -1

bench: deps
	benchmarks/run.sh

clean:
	rm -rf .build

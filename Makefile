# The two commands of the README:
#   make tutor   set up what is missing, build, open the course
#   make test    set up what is missing, run the whole test suite
SWIFT ?= swift
ARGS ?=

.PHONY: tutor test deps release bench clean

deps:
	@scripts/install-deps.sh

release: deps
	$(SWIFT) build -c release --product tutor

tutor: release
	.build/release/tutor $(ARGS)

test: release
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/release/tutor lint lessons
	.build/release/tutor verify --blank
	.build/release/tutor verify --solutions Tests/TutorCoreTests/Fixtures/CodeCheck/solution

bench: deps
	benchmarks/run.sh

clean:
	rm -rf .build

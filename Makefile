# Two commands on a fresh machine: `make serve` (the site, live) and `make test` (every test).
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean check-servers check bench lighthouse translations

$(STAMP): requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $(STAMP)

venv: $(STAMP)

## Serve the site on http://127.0.0.1:8000 with live reload.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Strict build into site/; the old site/ stays until the new build has succeeded.
build: $(STAMP)
	$(BIN)/python -m tools.build_site

## The editors' checks, in seconds, no browser: strict build, translation parity, drift,
## markers and data, front matter, Markdown lint, spelling (CONTRIBUTING.md, "Checks").
## One check alone: .venv/bin/python -m tools.checks parity
check: $(STAMP)
	$(BIN)/python -m tools.checks all

## Every test.
test: $(STAMP)
	$(BIN)/python -m pytest

## What is left to translate: per language, the pages translated, missing and out of date (from
## git history; without it, it says so). A report: exits 0 (README: "Languages").
translations: $(STAMP)
	$(BIN)/python -m tools.translations

## Prove every published server setting against the real servers (README: "Checking the real servers").
check-servers: $(STAMP)
	$(BIN)/python -m tools.check_servers

## Benchmark: build, page size and live-reload time of help centers with PAGES generated
## articles per language, median of RUNS runs; prints one table (README: "Performance").
PAGES ?= 100 500 1000
RUNS ?= 3
bench: $(STAMP)
	$(BIN)/python -m tools.bench --pages $(PAGES) --runs $(RUNS)

## Lighthouse (pinned in tools/lighthouse/, installed with npm ci) on the overview and a guide in
## every language, mobile preset, in Debian's Chromium; prints the four scores per page. Not in
## `make test`: it takes about a minute.
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE_STAMP)

lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python -m tools.lighthouse

clean:
	rm -rf site .pytest_cache

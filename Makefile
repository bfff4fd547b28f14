# Two commands on a fresh machine: `make serve` (the site, live) and `make test` (every test).
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean check-servers

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

## Every test.
test: $(STAMP)
	$(BIN)/python -m pytest

## Prove every published server setting against the real servers (README: "Checking the real servers").
check-servers: $(STAMP)
	$(BIN)/python -m tools.check_servers

clean:
	rm -rf site .pytest_cache

# Two commands: `make site` builds everything from plans/; `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SYS_STAMP := .cache/.system-deps
PYTHON ?= python3

.PHONY: site test test-fast check serve lint deps clean benchmark benchmark-pdf

site: deps
	$(BIN)/site-builder check
	$(BIN)/site-builder build

test: deps
	$(BIN)/ruff check site_builder tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 -q

# The unit tests alone (no MkDocs, WeasyPrint, Chromium or git builds): seconds, for the edit-test loop.
test-fast: deps
	$(BIN)/pytest -n 2 -q -m "not e2e"

check: deps
	$(BIN)/site-builder check

serve: deps
	$(BIN)/site-builder serve

lint: deps
	$(BIN)/ruff check site_builder tests benchmarks

# The scale benchmark: N varied plans in a temporary git repository, one table, benchmarks/results/<date>-<N>.json.
N ?= 200
benchmark: deps
	$(PY) benchmarks/scale.py --plans $(N)

benchmark-pdf: deps
	$(PY) benchmarks/pdf_render.py
	$(PY) benchmarks/search_size.py

# MkDocs and Zensical on the same 200 plans: build times, peak memory, link counts (README, Zensical).
.PHONY: benchmark-generators
benchmark-generators: deps
	$(PY) benchmarks/generators.py --plans 200

deps: $(SYS_STAMP) $(PY_STAMP) $(NODE_STAMP)

$(SYS_STAMP): scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@mkdir -p $(dir $@) && touch $@

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	# npm ci installs exactly what package-lock.json says and never rewrites it (npm install may, and a
	# school would then commit the change). The lock lists pagefind's optional per-platform packages.
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf build site .cache

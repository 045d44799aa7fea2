# Two entry points for a fresh machine: `make run` (the daemon on the shipped config, SQLite)
# and `make test` (lint, types, the test suite). Both create the virtualenv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install run poll test lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/monitor run

poll: install
	$(BIN)/monitor poll

lint: install
	$(BIN)/ruff check monitor tests bench
	$(BIN)/ruff format --check monitor tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# Every benchmark once (about 10 minutes); see bench/README.md and docs/benchmarks.md.
BENCHES = dates_corpus dates_speed parse_speed false_alarms assess_eval extract_eval ingest_speed \
	match_scale fetch_concurrency deliver_speed soak

bench: install
	for b in $(BENCHES); do $(BIN)/python -m bench.$$b || exit 1; done

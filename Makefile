# Lapor Sosial — `make run` starts everything on SQLite; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
CATALOGUE := triage/i18n/locales

.PHONY: run test lint typecheck unit install install-dev catalogue extract-messages bench bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(DEV_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP) $@

install: $(STAMP) catalogue
install-dev: $(DEV_STAMP) catalogue

catalogue: | $(BIN)/python
	$(BIN)/pybabel compile --use-fuzzy -d $(CATALOGUE) -D messages --statistics >/dev/null

extract-messages: $(DEV_STAMP)
	$(BIN)/pybabel extract -F triage/i18n/babel.cfg -k N_ --project lapor-sosial --version 0.1.0 -o $(CATALOGUE)/messages.pot --no-location --sort-output triage bot admin app
	$(BIN)/pybabel update -i $(CATALOGUE)/messages.pot -d $(CATALOGUE) -D messages --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date

run: install
	$(BIN)/lapor-sosial run

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy triage bot admin app

unit: install-dev
	$(BIN)/pytest -m "not slow and not postgres"

test: install-dev lint typecheck
	$(BIN)/pytest

bench: install-dev
	$(BIN)/python -m bench.bench_assess
	$(BIN)/python -m bench.bench_sla_sweep
	$(BIN)/python -m bench.bench_transport
	$(BIN)/python -m bench.bench_conversation
	$(BIN)/python -m bench.bench_dashboard
	$(BIN)/python -m bench.bench_queue
	$(BIN)/python -m bench.bench_webhook
	$(BIN)/python -m bench.bench_flood
	$(BIN)/python -m bench.bench_retention
	$(BIN)/python -m bench.bench_notify

bench-quick: install-dev
	$(BIN)/python -m bench.bench_notify --quick

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts

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
	$(BIN)/mypy triage bot admin app bench

unit: install-dev
	$(BIN)/pytest -m "not slow and not postgres"

test: install-dev lint typecheck
	$(BIN)/pytest

# Every benchmark at full size (under 15 minutes on 2 cores), or at a small size with the same
# ratios (`bench-quick`, about a minute). PostgreSQL too when TEST_POSTGRES_URL is set.
BENCHES := assess sla_sweep memory intake notify admin dashboard queue webhook flood \
	retention encryption transport conversation statistics partner_api referrals
BENCH_RUN = failed=""; took=""; began=$$(date +%s); for name in $(BENCHES); do \
	  if [ ! -f bench/bench_$$name.py ]; then echo "== bench_$$name: not here yet"; continue; fi; \
	  echo "== bench_$$name"; start=$$(date +%s); \
	  $(BIN)/python -m bench.bench_$$name $(1) || failed="$$failed $$name"; \
	  echo "== bench_$$name took $$(( $$(date +%s) - start )) s"; \
	  took="$$took bench_$$name:$$(( $$(date +%s) - start ))"; \
	done; echo "== wall time per script (load average at the end: $$(cut -d' ' -f1-3 /proc/loadavg))"; \
	for entry in $$took; do echo "$$entry"; done | awk -F: '{ printf "   %-22s %5d s\n", $$1, $$2 }'; \
	echo "== all took $$(( $$(date +%s) - began )) s"; \
	[ -z "$$failed" ] || { echo "failed:$$failed"; exit 1; }

bench: install-dev
	@$(call BENCH_RUN,)

bench-quick: install-dev
	@$(call BENCH_RUN,--quick)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts

# Two commands on a fresh machine: `make run` and `make test`. Each sets itself up
# (a .venv in the checkout with the package installed) and is safe to run again.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db
PYTEST_ARGS ?=

.PHONY: run test demo bench lint clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "tracker needs Python 3.11 or newer (python3.11+ not found on PATH)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,encrypted]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/tracker

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

demo: $(STAMP)
	@test -f $(DEMO_DB) || $(BIN)/tracker --db $(DEMO_DB) demo
	$(BIN)/tracker --db $(DEMO_DB)

# jrnl, the peer CLI journal the log benchmark compares against, lives in its own venv
# so it never becomes part of the test environment.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/bin/jrnl:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet jrnl

bench: $(STAMP) $(BENCH_VENV)/bin/jrnl
	$(BIN)/python bench/run_all.py --jrnl $(BENCH_VENV)/bin/jrnl
	$(BIN)/python bench/bench_backups.py --write

lint: $(STAMP)
	$(BIN)/ruff check tracker tests bench migrations
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(BENCH_VENV) build dist *.egg-info .pytest_cache

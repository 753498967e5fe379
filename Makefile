# One command to serve the bundled archive, one to run every test (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
LINTED := src tests bench scripts wsgi.py

.PHONY: serve test lint bench bench-smoke accuracy eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,test,bench,serve]'
	touch $@

serve: $(VENV)/.installed
	bash scripts/ensure-dictionaries
	$(BIN)/releasesearch serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed lint
	bash scripts/ensure-chromium
	bash scripts/ensure-dictionaries
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

bench-smoke: $(VENV)/.installed
	$(BIN)/python bench/run.py --smoke

accuracy: $(VENV)/.installed
	$(BIN)/python scripts/accuracy_ingest.py
	$(BIN)/python scripts/accuracy_analysis.py
	$(BIN)/python scripts/accuracy_places.py --facets
	$(BIN)/python scripts/accuracy_sectors.py --split dev
	$(BIN)/python scripts/accuracy_sectors.py --split held-out

eval: $(VENV)/.installed
	$(BIN)/python scripts/eval_ranking.py $(EVAL_ARGS)

clean:
	rm -rf $(VENV) index/*.tmp

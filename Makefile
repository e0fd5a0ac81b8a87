# Every target does its own set-up: a fresh machine needs only python3 (>= 3.10) and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest bench accuracy fit wheel-check clean

# The runtime alone (the package and its dependencies, no extra): all `make demo` needs.
$(BIN)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

# Everything else on top (the dev extra: PDF/DOCX/pandas/parquet/dask extras, pytest, mypy, ruff,
# playwright, build): what the tests, the linters and the benchmarks need.
$(BIN)/.installed: $(BIN)/.runtime
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: $(BIN)/.runtime  ## compare the bundled report's review with its plan, write reportdiff-demo.html
	$(BIN)/reportdiff demo

test: lint typecheck pytest  ## ruff, mypy --strict, pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check reportdiff tests benchmarks

typecheck: $(BIN)/.installed
	$(BIN)/mypy

pytest: $(BIN)/.installed
	$(BIN)/pytest -q

bench: $(BIN)/.installed  ## every benchmark: stages, compare and track vs difflib (whole processes), scale 1-64x, panel, assign vs scipy
	$(BIN)/python benchmarks/bench_stages.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_track.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_panel.py
	$(BIN)/python benchmarks/bench_assign.py

accuracy: $(BIN)/.installed  ## regenerate docs/accuracy.md: dev, leave-one-file-out and blind scores
	$(BIN)/python benchmarks/accuracy.py

fit: $(BIN)/.installed  ## refit the pair model (reportdiff/data/match_model.json) leave-one-file-out
	$(BIN)/python benchmarks/fit_matcher.py --write

wheel-check: $(BIN)/.installed  ## build the wheel, install it in a fresh venv, run the CLI from there
	bash .ci/wheel-check

clean:
	rm -rf $(VENV) build dist *.egg-info reportdiff-demo.html

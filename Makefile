# Two entry points, each doing its own set-up on a fresh machine with Python 3.11:
#   make demo   create .venv, install weightclear, check examples/demo-app
#   make test   install the development tools, run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_OUT := build/demo

.PHONY: demo test lint typecheck fingerprints docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

# The full check with the demo's deployment facts (examples/demo-app/weightclear.toml): every model,
# its licence version, and each obligation met or not, with the clause and the evidence. The demo has
# unmet obligations on purpose, so exit 1 (findings) is expected; exit 2 (could not check) fails.
demo: $(VENV)/.installed
	@mkdir -p $(DEMO_OUT)
	$(BIN)/weightclear scan examples/demo-app --config examples/demo-app/weightclear.toml || test $$? -eq 1
	$(BIN)/weightclear report evidence examples/demo-app --config examples/demo-app/weightclear.toml \
		--product "Acme Support" --format pdf -o $(DEMO_OUT)/evidence-pack.pdf
	@echo "Evidence pack: $(DEMO_OUT)/evidence-pack.pdf"

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

fingerprints: $(VENV)/.installed
	$(BIN)/python scripts/build_fingerprints.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache

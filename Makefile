# Two commands for a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export LITELLM_LOCAL_MODEL_COST_MAP := True

.PHONY: demo test check bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamps record which extras are installed; pyproject.toml changes reinstall.
$(VENV)/.local-installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[local]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.local-installed
	$(VENV)/bin/plume run --models local

test: $(VENV)/.dev-installed
	$(PY) -m pytest

check: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check harness tests benchmarks
	$(VENV)/bin/ruff format --check harness tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache

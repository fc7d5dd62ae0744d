#!/usr/bin/env bash
# The benchmark environment: Plume (without the local extra) plus inspect-ai, in a venv of its
# own so the comparison tool never reaches Plume's own .venv.
# Idempotent: a stamp file records the last successful install; pyproject.toml or this script
# changing reinstalls.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${BENCH_VENV:-$ROOT/.venv-bench}"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
STAMP="$VENV/.bench-installed"

if [[ -f "$STAMP" && "$STAMP" -nt "$ROOT/pyproject.toml" && "$STAMP" -nt "${BASH_SOURCE[0]}" ]]; then
  exit 0
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
# Versions pinned so that figures from different days compare the same code.
"$VENV/bin/python" -m pip install --quiet -e "$ROOT" 'inspect-ai==0.3.*'
touch "$STAMP"

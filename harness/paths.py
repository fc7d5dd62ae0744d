"""The one place that knows where Plume's data folders are.

Plume is installed editable from its repository, so the data folders (gold sets, prompts, style
guide, model specs) sit beside the package. ``PLUME_ROOT`` points elsewhere, for tests and for
teams that keep their own data.
"""

import os
from pathlib import Path


def root() -> Path:
    """The folder holding ``models.yaml``, ``gold/``, ``prompts/`` and ``styleguide/``."""
    override = os.environ.get("PLUME_ROOT")
    return Path(override) if override else Path(__file__).resolve().parents[1]


def gold_dir() -> Path:
    """Bundled gold sets."""
    return root() / "gold"


def prompts_dir() -> Path:
    """Prompt templates, one folder per prompt id."""
    return root() / "prompts"


def styleguide_dir() -> Path:
    """The style guide: rules and lexicons."""
    return root() / "styleguide"


def models_file() -> Path:
    """Candidate models and judges."""
    return root() / "models.yaml"


def runs_dir() -> Path:
    """Where ``plume run`` writes run directories unless told otherwise."""
    return Path(os.environ.get("PLUME_RUNS_DIR", root() / "runs"))


def cache_dir() -> Path:
    """The completion cache, per project."""
    return Path(os.environ.get("PLUME_CACHE_DIR", root() / ".plume-cache"))


def regex_cache_file() -> Path:
    """spaCy's compiled regular expressions (``harness.regex_cache``), shared by every checkout."""
    return Path.home() / ".cache" / "plume" / "spacy-regex.marshal"


def weights_dir() -> Path:
    """Local model weights assembled from chunked packages: large, shared by every checkout."""
    default = Path.home() / ".cache" / "plume" / "models"
    return Path(os.environ.get("PLUME_WEIGHTS_DIR", default))

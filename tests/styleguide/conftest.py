"""Fixtures for the style guide tests: the shipped guide, and a private copy to break."""

import shutil
from pathlib import Path

import pytest

from harness.styleguide import StyleGuide, load_styleguide

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "styleguide"


@pytest.fixture(scope="session")
def guide() -> StyleGuide:
    """The style guide shipped in the repository."""
    return load_styleguide(SHIPPED)


@pytest.fixture
def guide_copy(tmp_path: Path) -> Path:
    """A copy of the shipped style guide folder that a test may edit."""
    folder = tmp_path / "styleguide"
    shutil.copytree(SHIPPED, folder)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a file of a guide copy, failing loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The line (from 1) where ``needle`` first appears in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")

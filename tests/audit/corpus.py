"""The generated Services Publics+ export the benchmark audits, made small for tests."""

import importlib.util
import re
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "benchmarks/make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _generator()


def write_corpus(path: Path, replies: int) -> Path:
    """A CSV export of ``replies`` experiences, as published."""
    make_corpus.write_corpus(path, replies)
    return path


def planted(text: str) -> list[str]:
    """The made-up identifiers the generator plants that are still in ``text``."""
    names = [
        word for word in (*make_corpus.FIRST, *make_corpus.LAST) if re.search(rf"\b{word}\b", text)
    ]
    numbers = re.findall(r"@exemple\.fr|\b0[67](?: \d\d){4}\b|\bFR\d\d(?: \d{4})+", text)
    return names + numbers

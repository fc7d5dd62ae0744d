"""Compiled patterns kept on disk give the same pattern objects as ``re`` compiling afresh."""

import os
import re
from pathlib import Path

import pytest

from harness.regex_cache import cached_regex

PATTERNS = [
    (r"^(?P<prefix>anti|contre)[-‐](?P<rest>[a-zàâçéèêëîïôûùüÿñæœ]+)$", re.IGNORECASE),
    (r"(?:\d{2}[ .-]?){5}", 0),
    (r"[^\W\d_]+(?:'[^\W\d_]+)*", re.UNICODE),
    (r"(a)(b)?(?(2)c|d)", 0),
]
TEXTS = ["Anti-gaspillage", "contre‐ATTAQUE", "01 23 45 67 89", "aujourd'hui", "abc", "ad", "x"]


def _compiled(folder: Path) -> list[re.Pattern[str]]:
    # Distinct text makes each pattern new to re's in-memory cache, so compilation really runs.
    with cached_regex(folder / "regex.marshal", version="test"):
        return [re.compile(pattern + f"(?#{folder.name})", flags) for pattern, flags in PATTERNS]


Found = tuple[tuple[int, int], tuple[str | None, ...]] | None
"""What a search of one text finds: the match's span and groups, or nothing."""


def _behaviour(compiled: re.Pattern[str]) -> tuple[int, int, dict[str, int], list[Found]]:
    return (
        compiled.flags,
        compiled.groups,
        dict(compiled.groupindex),
        [(m.span(), m.groups()) if (m := compiled.search(text)) else None for text in TEXTS],
    )


def test_patterns_read_back_behave_as_freshly_compiled(tmp_path: Path) -> None:
    first = _compiled(tmp_path)
    written = (tmp_path / "regex.marshal").stat().st_ino
    second = _compiled(tmp_path)
    # The second block found every pattern in the file: it did not write a new one.
    assert (tmp_path / "regex.marshal").stat().st_ino == written
    fresh = [re.compile(p.pattern, p.flags) for p in first]
    for cached, again, plain in zip(first, second, fresh, strict=True):
        assert _behaviour(cached) == _behaviour(again) == _behaviour(plain)
    assert _behaviour(second[0])[3][1] == ((0, 14), ("contre", "ATTAQUE"))


def test_a_file_from_another_version_or_damaged_is_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "regex.marshal"
    _compiled(tmp_path)
    with cached_regex(cache, version="another spaCy"):
        pattern = re.compile(r"\bdélai[s]?\b(?#other)")
    assert pattern.search("les délais sont longs")
    cache.write_bytes(b"not marshal data")
    compiled = _compiled(tmp_path)
    assert [p.pattern for p in compiled] == [p + f"(?#{tmp_path.name})" for p, _ in PATTERNS]
    assert _compiled(tmp_path)[1].fullmatch("01.23.45.67.89")


def test_compilation_is_ordinary_outside_the_block(tmp_path: Path) -> None:
    with cached_regex(tmp_path / "regex.marshal"):
        pass
    assert not (tmp_path / "regex.marshal").exists()
    assert re.compile(r"(?#outside)x+").fullmatch("xxx")
    assert not (tmp_path / "regex.marshal").exists()


def test_a_cache_that_cannot_be_replaced_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(source: object, target: object) -> None:  # a read-only or full cache folder
        raise PermissionError("refused")

    monkeypatch.setattr(os, "replace", refused)
    compiled = _compiled(tmp_path)  # the patterns still compile
    assert compiled[1].fullmatch("01 23 45 67 89")
    assert list(tmp_path.iterdir()) == []

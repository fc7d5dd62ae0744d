"""Hostile files: every loader, fed valid files that hypothesis has damaged.

For each malformed input the loader either accepts it (the damage left it valid) or raises a
``PlumeError`` whose one-line message names the file, and the line when it gives one that is in
the file. Through the CLI, the same input ends with exit code 1 or 2, that message, no traceback,
and no output file (or none half-written).
"""

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.errors import InputError, PlumeError
from harness.gold import import_evalap, import_spp_export, load_gold
from harness.models import load_models
from harness.prompts import load_manifest, load_prompt
from harness.scoring import read_ratings, read_replies
from harness.styleguide import load_styleguide
from tests.reliability.conftest import REPO, assert_clean_failure, plume

MINI_GOLD = REPO / "tests" / "data" / "mini_gold.jsonl"
IMPORTS = REPO / "tests" / "gold" / "data"
IDS = ("caf-001", "ants-002", "cpam-003")

# Bytes that matter to JSON, YAML, CSV, TSV and Jinja, and some that should never be there.
SYNTAX = [*b"{}[]\":,;\t\n\r\\'#-&*!|>%", 0, 0xFF, 0xFE, 0xC3]
SPECIAL = ["\u2028", "\u0085", "\ufeff", "\u202e", "{{", "{%", "}}", "é", "null", "1e999", "- "]


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with one kind of damage: cut, insertion, deletion, a line replaced, or noise."""
    size = len(original)
    at = draw(st.integers(0, size))
    noise = draw(
        st.lists(
            st.one_of(
                st.sampled_from(SYNTAX).map(lambda b: bytes([b])),
                st.sampled_from(SPECIAL).map(lambda s: s.encode()),
                st.binary(min_size=1, max_size=3),
                st.text(max_size=8).map(lambda s: s.encode("utf-8", "surrogatepass")),
            ),
            min_size=1,
            max_size=6,
        ).map(b"".join)
    )
    kind = draw(st.sampled_from(["cut", "insert", "delete", "line", "noise", "empty"]))
    if kind == "cut":
        return original[:at]
    if kind == "insert":
        return original[:at] + noise + original[at:]
    if kind == "delete":
        return original[:at] + original[at + draw(st.integers(1, 40)) :]
    if kind == "line":
        lines = original.split(b"\n")
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = noise
        return b"\n".join(lines)
    if kind == "noise":
        return noise
    return b""


@dataclass(frozen=True)
class Loader:
    """One loader: where its file lives, how to load it, and the command that reads it."""

    name: str
    original: Callable[[Path], bytes]
    target: Callable[[Path], Path]
    load: Callable[[Path], object]
    command: Callable[[Path, Path], list[str]] | None
    examples: int = 30
    """Damaged files tried; fewer where each costs more (a prompt rendered, a guide's lexicons
    compiled, an import anonymised)."""
    text_only: bool = False
    """Damage that keeps the file UTF-8 (bytes that are not are tested apart, see below)."""


def _replies(_: Path) -> bytes:
    rows = [{"id": i, "model": "agent", "reply": f"Bonjour, réponse à {i}."} for i in IDS]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def _ratings(_: Path) -> bytes:
    rows = [{"id": i, "reply": "Bonjour.", "tone": 4, "accuracy": 3, "rater": "a"} for i in IDS]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def _copy(path: Path) -> Callable[[Path], bytes]:
    return lambda root: path.read_bytes()


def _in_root(relative: str) -> Callable[[Path], bytes]:
    return lambda root: (REPO / relative).read_bytes()


def _text_file(root: Path) -> Path:
    path = root / "reply.txt"
    path.write_text("Bonjour, votre dossier est complet.\n", encoding="utf-8")
    return path


LOADERS = [
    Loader(
        "gold",
        _copy(MINI_GOLD),
        lambda root: root / "in" / "gold.jsonl",
        load_gold,
        lambda path, out: ["data", "export", str(path), "--out", str(out / "evalap.jsonl")],
    ),
    Loader(
        "replies",
        _replies,
        lambda root: root / "in" / "replies.jsonl",
        lambda path: read_replies(path, IDS),
        lambda path, out: [
            "score",
            "--gold",
            str(MINI_GOLD),
            "--replies",
            str(path),
            "--out",
            str(out / "scores.jsonl"),
        ],
    ),
    Loader(
        "ratings",
        _ratings,
        lambda root: root / "in" / "ratings.jsonl",
        lambda path: read_ratings(path, IDS),
        None,  # no command reads ratings yet; the loader is what calibration uses
    ),
    Loader(
        "styleguide-rules",
        _in_root("styleguide/rules.yaml"),
        lambda root: root / "styleguide" / "rules.yaml",
        lambda path: load_styleguide(path.parent),
        lambda path, out: ["lint", "--styleguide", str(path.parent), str(_text_file(out))],
        examples=15,
    ),
    Loader(
        "styleguide-lexicon",
        _in_root("styleguide/lexicons/jargon.tsv"),
        lambda root: root / "styleguide" / "lexicons" / "jargon.tsv",
        lambda path: load_styleguide(path.parent.parent),
        lambda path, out: ["lint", "--styleguide", str(path.parent.parent), str(_text_file(out))],
        examples=10,
    ),
    Loader(
        "prompt-manifest",
        _in_root("prompts/reply/manifest.yaml"),
        lambda root: root / "prompts" / "reply" / "manifest.yaml",
        lambda path: (load_manifest("reply"), load_prompt("reply@1.1.0")),
        lambda path, out: ["prompts", "show", "reply@1.1.0"],
    ),
    Loader(
        "prompt-template",
        _in_root("prompts/reply/1.1.0/user.j2"),
        lambda root: root / "prompts" / "reply" / "1.1.0" / "user.j2",
        lambda path: load_prompt("reply@1.1.0"),
        lambda path, out: [
            "prompts",
            "render",
            "reply@1.1.0",
            "--item",
            "caf-001",
            "--gold",
            str(MINI_GOLD),
        ],
        examples=15,
    ),
    Loader(
        "models",
        _in_root("models.yaml"),
        lambda root: root / "models.yaml",
        load_models,
        lambda path, out: ["models", "list"],
        text_only=True,
    ),
    Loader(
        "import-spp-csv",
        _copy(IMPORTS / "spp_export.csv"),
        lambda root: root / "in" / "spp.csv",
        import_spp_export,
        lambda path, out: [
            "data",
            "import",
            str(path),
            "--from",
            "spp",
            "--out",
            str(out / "g.jsonl"),
        ],
        examples=15,
    ),
    Loader(
        "import-spp-json",
        _copy(IMPORTS / "spp_export.json"),
        lambda root: root / "in" / "spp.json",
        import_spp_export,
        lambda path, out: [
            "data",
            "import",
            str(path),
            "--from",
            "spp",
            "--out",
            str(out / "g.jsonl"),
        ],
        examples=15,
    ),
    Loader(
        "import-evalap-csv",
        _copy(IMPORTS / "evalap.csv"),
        lambda root: root / "in" / "evalap.csv",
        lambda path: import_evalap(path, service="Caf"),
        lambda path, out: [
            "data",
            "import",
            str(path),
            "--from",
            "evalap",
            "--service",
            "Caf",
            "--out",
            str(out / "g.jsonl"),
        ],
        examples=15,
    ),
    Loader(
        "import-evalap-jsonl",
        _copy(IMPORTS / "evalap.jsonl"),
        lambda root: root / "in" / "evalap.jsonl",
        lambda path: import_evalap(path, service="Caf"),
        lambda path, out: [
            "data",
            "import",
            str(path),
            "--from",
            "evalap",
            "--service",
            "Caf",
            "--out",
            str(out / "g.jsonl"),
        ],
        examples=15,
    ),
]


@pytest.fixture
def out_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "out"


def _check_message(error: PlumeError, path: Path, data: bytes) -> None:
    message = str(error)
    assert "\n" not in message.rstrip("\n"), f"more than one line: {message!r}"
    assert path.name in message, f"the file is not named: {message!r}"
    if isinstance(error, InputError) and error.line is not None:
        # YAML also breaks lines at U+2028, U+0085…: count lines the most generous way.
        lines = len(data.decode("utf-8", "replace").splitlines()) + 1
        assert 1 <= error.line <= lines, f"line {error.line} is not in the file"
        assert message.startswith(f"{error.path}:{error.line}: "), message


@pytest.mark.parametrize("loader", LOADERS, ids=[loader.name for loader in LOADERS])
def test_every_loader_turns_damage_into_one_clear_message(
    loader: Loader, plume_root: Path, tmp_path: Path
) -> None:
    original = loader.original(plume_root)
    target = loader.target(plume_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    restore = target.read_bytes() if target.exists() else None
    out = tmp_path / "out"

    @settings(
        max_examples=loader.examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=damaged(original))
    def check(data: bytes) -> None:
        if loader.text_only:
            data = data.decode("utf-8", "replace").encode()
        target.write_bytes(data)
        if out.exists():
            shutil.rmtree(out)
        out.mkdir()
        try:
            try:
                loader.load(target)
            except PlumeError as error:
                _check_message(error, target, data)
            else:
                return  # the damage left a valid file
            if loader.command is None:
                return
            result = plume(*loader.command(target, out))
            assert_clean_failure(result, target.name)
            left = [p.name for p in out.iterdir() if p.name != "reply.txt"]
            assert left == [], f"output written despite the error: {left}"
        finally:
            if restore is not None:
                target.write_bytes(restore)

    check()


def test_an_unreadable_or_missing_file_is_one_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.jsonl"
    folder.mkdir()
    missing = tmp_path / "missing.jsonl"
    for path in (folder, missing):
        for load in (load_gold, lambda p: read_replies(p, IDS), lambda p: read_ratings(p, IDS)):
            with pytest.raises(PlumeError) as raised:
                load(path)
            _check_message(raised.value, path, b"")
        assert_clean_failure(plume("data", "validate", str(path)), path.name)
        assert_clean_failure(
            plume("score", "--gold", str(MINI_GOLD), "--replies", str(path)), path.name
        )
        assert_clean_failure(
            plume("data", "import", str(path), "--from", "spp", "--out", str(tmp_path / "g.jsonl")),
            path.name,
        )
    assert not (tmp_path / "g.jsonl").exists()


def test_a_models_file_that_is_not_utf8_is_one_clear_message(plume_root: Path) -> None:
    path = plume_root / "models.yaml"
    path.write_bytes(b"\x80" + path.read_bytes())
    with pytest.raises(PlumeError) as raised:
        load_models(path)
    _check_message(raised.value, path, path.read_bytes())
    assert_clean_failure(plume("models", "list"), path.name)

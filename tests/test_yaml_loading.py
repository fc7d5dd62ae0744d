"""YAML loading: libyaml's speed, with PyYAML's data, error messages and line numbers."""

import datetime
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from harness.errors import InputError
from harness.files import compose_yaml, load_yaml, load_yaml_with_node
from harness.models import load_models
from harness.prompts import load_manifest
from harness.scoring import load_scoring_config
from harness.styleguide import load_styleguide, parse_yaml

REPO = Path(__file__).resolve().parents[1]
YAML_FILES = sorted(
    str(path.relative_to(REPO))
    for pattern in ("*.yaml", "prompts/*/manifest.yaml", "styleguide/*.yaml")
    for path in REPO.glob(pattern)
)

needs_libyaml = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML was built without libyaml"
)

HELPERS: list[Callable[[str], object]] = [load_yaml, compose_yaml, load_yaml_with_node]

# Every kind of value our files use or could slip into them, in YAML 1.1 as both loaders read it.
SAMPLE = """\
text: plain words, with a comma
quoted: "« guillemets » and \\u00e9"
single: 'it''s'
folded: >-
  one
  line
literal: |
  two
  lines
ints: [0, -3, 017, 0x1F, 1_000]
floats: [0.5, -1.0, 1e3, .inf, -.inf]
bools: [true, false, yes, no, on, off, True]
nulls: [null, ~, Null]
date: 2024-01-01
stamp: 2024-01-01 10:30:00
version: 1.0.0
anchor: &shared {type: string, minLength: 1}
alias: *shared
merged:
  <<: *shared
  minLength: 2
"""


def _shape(value: Any, seen: dict[int, int] | None = None) -> Any:
    """``value`` spelled out with its types, and which containers are shared (YAML aliases)."""
    seen = {} if seen is None else seen
    if isinstance(value, dict | list):
        if id(value) in seen:
            return ("alias", seen[id(value)])
        seen[id(value)] = len(seen)
        if isinstance(value, dict):
            return ("dict", [(_shape(k, seen), _shape(v, seen)) for k, v in value.items()])
        return ("list", [_shape(item, seen) for item in value])
    # repr tells 1 from 1.0 and True, a date from its text, and matches nan with nan.
    return (type(value).__name__, repr(value))


def _lines(node: yaml.Node | None) -> list[tuple[str, str, int, int]]:
    """Every node's kind, tag and first and last line, in document order."""
    found: list[tuple[str, str, int, int]] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        found.append(
            (type(current).__name__, current.tag, current.start_mark.line, current.end_mark.line)
        )
        if isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in reversed(current.value) for part in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return found


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make the helpers parse as before libyaml: PyYAML's pure-Python loader only."""
    return lambda: monkeypatch.setattr(yaml, "__with_libyaml__", False)


def test_every_yaml_file_of_the_repository_is_compared() -> None:
    assert {
        "models.yaml",
        "scoring.yaml",
        "styleguide/rules.yaml",
        "prompts/reply/manifest.yaml",
    } <= set(YAML_FILES)


@needs_libyaml
@pytest.mark.parametrize("name", [*YAML_FILES, "SAMPLE"])
def test_both_loaders_give_the_same_data_and_lines(name: str) -> None:
    text = SAMPLE if name == "SAMPLE" else (REPO / name).read_text(encoding="utf-8")
    expected = _shape(yaml.load(text, Loader=yaml.SafeLoader))
    assert _shape(yaml.load(text, Loader=yaml.CSafeLoader)) == expected
    assert _shape(load_yaml(text)) == expected
    data, node = load_yaml_with_node(text)
    assert _shape(data) == expected
    expected_lines = _lines(yaml.compose(text, Loader=yaml.SafeLoader))
    assert expected_lines
    assert _lines(node) == expected_lines
    assert _lines(compose_yaml(text)) == expected_lines


def test_the_sample_reads_as_yaml_1_1() -> None:
    data = load_yaml(SAMPLE)
    assert data["ints"] == [0, -3, 15, 31, 1000]
    assert data["bools"] == [True, False, True, False, True, False, True]
    assert data["nulls"] == [None, None, None]
    assert type(data["date"]) is datetime.date and data["date"] == datetime.date(2024, 1, 1)
    assert data["stamp"].isoformat() == "2024-01-01T10:30:00"  # naive, as PyYAML gives it
    assert data["version"] == "1.0.0"
    assert data["alias"] is data["anchor"]
    assert data["merged"] == {"type": "string", "minLength": 2}


def test_an_empty_document_is_none() -> None:
    assert load_yaml("# nothing\n") is None
    assert compose_yaml("") is None
    assert load_yaml_with_node("\n") == (None, None)


@needs_libyaml
def test_valid_text_never_reaches_the_pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refused(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            raise AssertionError("the slow loader parsed a valid document")

    monkeypatch.setattr(yaml, "SafeLoader", Refused)
    assert load_yaml("a: [1, 2]\n") == {"a": [1, 2]}
    assert isinstance(compose_yaml("a: 1\n"), yaml.MappingNode)
    assert load_yaml_with_node("- x\n")[0] == ["x"]


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\nb: 3\n",  # libyaml: "did not find expected ',' or ']'"
        "a: b: c\n",  # libyaml: "... not allowed in this context"
        "- a\nb: c\n",
        "models:\n  - name: x\noops",  # libyaml points one line further
        "a:\tb\n",  # libyaml accepts a tab after the colon
        "a: \ud800\n",  # libyaml fails on the encoding, not with a YAMLError
        "--- 1\n--- 2\n",
    ],
)
def test_an_error_is_the_one_pyyaml_raised(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.safe_load(text)
    for helper in HELPERS:
        with pytest.raises(yaml.YAMLError) as caught:
            helper(text)
        assert type(caught.value) is type(expected.value), helper
        assert str(caught.value) == str(expected.value), helper


def test_unsafe_tags_are_refused_as_before() -> None:
    text = "a: !!python/name:os.system x\n"
    with pytest.raises(yaml.constructor.ConstructorError) as expected:
        yaml.safe_load(text)
    for helper in (load_yaml, load_yaml_with_node):
        with pytest.raises(yaml.constructor.ConstructorError) as caught:
            helper(text)
        assert str(caught.value) == str(expected.value)
    assert isinstance(compose_yaml(text), yaml.MappingNode)  # composing builds no object


def test_what_pyyaml_accepts_and_libyaml_refuses_still_loads() -> None:
    assert load_yaml("a: [b:]\n") == {"a": [{"b": None}]}
    data, node = load_yaml_with_node("a: [b:]\n")
    assert data == {"a": [{"b": None}]} and isinstance(node, yaml.MappingNode)


def test_a_byte_order_mark_inside_the_text_is_read_as_before() -> None:
    text = "# a\n\ufeff# b: c\nd: 1\n"
    assert load_yaml(text) == yaml.safe_load(text) == {"\ufeff# b": "c", "d": 1}
    text = "a: 1\n\ufeffb: 2\n"
    assert load_yaml(text) == yaml.safe_load(text) == {"a": 1, "\ufeffb": 2}


# The public loaders: a broken file gives the message and line it gave before libyaml.


def _error(load: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        load()
    return caught.value


def _same_error_as_before(
    load: Callable[[], object], pure_python: Callable[[], None]
) -> InputError:
    error = _error(load)
    pure_python()
    before = _error(load)
    assert (str(error), error.line) == (str(before), before.line)
    return error


def _append_line(path: Path, line: str) -> int:
    """Add ``line`` at the end of ``path``, with no final newline; the number of that line."""
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    path.write_text(text + line, encoding="utf-8")
    return text.count("\n") + 1


def _line_of(path: Path, needle: str) -> int:
    """The line (from 1) where ``needle`` first appears in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {path}"
    return text[: text.index(needle)].count("\n") + 1


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture
def guide_copy(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "styleguide"
    shutil.copytree(REPO / "styleguide", folder)
    yield folder


def test_models_yaml_syntax_error(plume_root: Path, pure_python: Callable[[], None]) -> None:
    path = plume_root / "models.yaml"
    line = _append_line(path, "oops")
    error = _same_error_as_before(lambda: load_models(path), pure_python)
    assert str(error) == f"{path}:{line}: not valid YAML"


def test_models_yaml_duplicate_name(plume_root: Path, pure_python: Callable[[], None]) -> None:
    path = plume_root / "models.yaml"
    line = _replace(path, "  - name: mistral", "  - name: claude")
    error = _same_error_as_before(lambda: load_models(path), pure_python)
    assert str(error) == f"{path}:{line}: duplicate model name 'claude'"


def test_manifest_syntax_error(plume_root: Path, pure_python: Callable[[], None]) -> None:
    path = plume_root / "prompts" / "reply" / "manifest.yaml"
    line = _append_line(path, "oops")
    error = _same_error_as_before(lambda: load_manifest("reply"), pure_python)
    assert str(error) == f"{path}:{line}: not valid YAML"


def test_manifest_validation_error(plume_root: Path, pure_python: Callable[[], None]) -> None:
    path = plume_root / "prompts" / "reply" / "manifest.yaml"
    line = _replace(path, "status: released", "status: publié")
    error = _same_error_as_before(lambda: load_manifest("reply"), pure_python)
    assert error.path == path and error.line == line
    assert "status" in str(error)


def test_styleguide_syntax_error(guide_copy: Path, pure_python: Callable[[], None]) -> None:
    path = guide_copy / "rules.yaml"
    line = _replace(path, "lexicons: [anglicisms]", "lexicons: [anglicisms")
    error = _same_error_as_before(lambda: load_styleguide(guide_copy), pure_python)
    assert str(error) == f"{path}:{line + 1}: not valid YAML (expected ',' or ']', but got ':')"


def test_styleguide_validation_error(guide_copy: Path, pure_python: Callable[[], None]) -> None:
    path = guide_copy / "rules.yaml"
    line = _replace(path, "checker: sentence_length", "checker: sentence_lenght")
    error = _same_error_as_before(lambda: load_styleguide(guide_copy), pure_python)
    assert error.path == path and error.line == line
    assert "unknown checker 'sentence_lenght'" in str(error)


def test_styleguide_lines_are_the_same(pure_python: Callable[[], None]) -> None:
    path = REPO / "styleguide" / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    data, lines = parse_yaml(path, text)
    pure_python()
    assert parse_yaml(path, text) == (data, lines)
    assert len(lines) > 100


def test_scoring_yaml_syntax_error(plume_root: Path, pure_python: Callable[[], None]) -> None:
    path = plume_root / "scoring.yaml"
    _replace(path, "tone, commitment]", "tone, commitment")
    line = _line_of(path, "severity_weights:")
    error = _same_error_as_before(lambda: load_scoring_config(path), pure_python)
    assert str(error) == f"{path}:{line}: not valid YAML (expected ',' or ']', but got '?')"


DEEP = "x: " + "[" * 20_000 + "]" * 20_000 + "\n"


def test_deep_nesting_is_a_yaml_error_not_a_crash(pure_python: Callable[[], None]) -> None:
    for parse in (load_yaml, compose_yaml, load_yaml_with_node):
        with pytest.raises(yaml.YAMLError, match="nests lists or mappings too deeply"):
            parse(DEEP)
    pure_python()
    with pytest.raises(yaml.YAMLError, match="too deeply"):
        load_yaml(DEEP)


def test_deep_nesting_in_each_file_gets_one_clear_message(
    plume_root: Path, guide_copy: Path
) -> None:
    models = plume_root / "models.yaml"
    models.write_text(DEEP, encoding="utf-8")
    assert str(_error(lambda: load_models(models))) == f"{models}: not valid YAML"
    manifest = plume_root / "prompts" / "reply" / "manifest.yaml"
    manifest.write_text(DEEP, encoding="utf-8")
    assert "not valid YAML" in str(_error(lambda: load_manifest("reply")))
    scoring = plume_root / "scoring.yaml"
    scoring.write_text(DEEP, encoding="utf-8")
    message = str(_error(lambda: load_scoring_config(scoring)))
    assert message == f"{scoring}: not valid YAML (it nests lists or mappings too deeply)"
    rules = guide_copy / "rules.yaml"
    rules.write_text(DEEP, encoding="utf-8")
    message = str(_error(lambda: load_styleguide(guide_copy)))
    assert message == f"{rules}: not valid YAML (it nests lists or mappings too deeply)"

"""YAML loading: the data YAML 1.1 gives, safe constructors only, and messages with their line."""

import datetime
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from harness.errors import InputError
from harness.files import compose_yaml, load_yaml
from harness.models import load_models
from harness.prompts import load_manifest
from harness.scoring import load_scoring_config
from harness.styleguide import load_styleguide, parse_yaml

REPO = Path(__file__).resolve().parents[1]

# Every kind of value our files use or could slip into them, as YAML 1.1 reads it.
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
    assert compose_yaml("\n") is None


def test_unsafe_tags_are_refused() -> None:
    text = "a: !!python/name:os.system x\n"
    with pytest.raises(yaml.constructor.ConstructorError, match=r"python/name:os\.system"):
        load_yaml(text)
    assert isinstance(compose_yaml(text), yaml.MappingNode)  # composing builds no object


# The public loaders: a broken file gets one message naming the file and the line.


def _error(load: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        load()
    return caught.value


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


def test_models_yaml_syntax_error(plume_root: Path) -> None:
    path = plume_root / "models.yaml"
    line = _append_line(path, "oops")
    error = _error(lambda: load_models(path))
    assert str(error) == f"{path}:{line}: not valid YAML"


def test_models_yaml_duplicate_name(plume_root: Path) -> None:
    path = plume_root / "models.yaml"
    line = _replace(path, "  - name: mistral", "  - name: claude")
    error = _error(lambda: load_models(path))
    assert str(error) == f"{path}:{line}: duplicate model name 'claude'"


def test_manifest_syntax_error(plume_root: Path) -> None:
    path = plume_root / "prompts" / "reply" / "manifest.yaml"
    line = _append_line(path, "oops")
    error = _error(lambda: load_manifest("reply"))
    assert str(error) == f"{path}:{line}: not valid YAML"


def test_manifest_validation_error(plume_root: Path) -> None:
    path = plume_root / "prompts" / "reply" / "manifest.yaml"
    line = _replace(path, "status: released", "status: publié")
    error = _error(lambda: load_manifest("reply"))
    assert error.path == path and error.line == line
    assert "status" in str(error)


def test_styleguide_syntax_error(guide_copy: Path) -> None:
    path = guide_copy / "rules.yaml"
    line = _replace(path, "lexicons: [anglicisms]", "lexicons: [anglicisms")
    error = _error(lambda: load_styleguide(guide_copy))
    assert str(error) == f"{path}:{line + 1}: not valid YAML (expected ',' or ']', but got ':')"


def test_styleguide_validation_error(guide_copy: Path) -> None:
    path = guide_copy / "rules.yaml"
    line = _replace(path, "checker: sentence_length", "checker: sentence_lenght")
    error = _error(lambda: load_styleguide(guide_copy))
    assert error.path == path and error.line == line
    assert "unknown checker 'sentence_lenght'" in str(error)


def test_styleguide_lines_point_at_each_rule() -> None:
    path = REPO / "styleguide" / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    data, lines = parse_yaml(path, text)
    assert len(data["rules"]) > 5
    for index, rule in enumerate(data["rules"]):
        assert lines[("rules", index, "id")] == _line_of(path, f"id: {rule['id']}\n")


def test_scoring_yaml_syntax_error(plume_root: Path) -> None:
    path = plume_root / "scoring.yaml"
    _replace(path, "tone, commitment]", "tone, commitment")
    line = _line_of(path, "severity_weights:")
    error = _error(lambda: load_scoring_config(path))
    assert str(error) == f"{path}:{line}: not valid YAML (expected ',' or ']', but got '?')"


# Twenty thousand lists, one opening bracket a line: on a single line PyYAML's scanner rechecks
# every bracket still open on it at each token, which takes seconds before the recursion limit.
DEEP = "x:\n" + " [\n" * 20_000 + " " + "]" * 20_000 + "\n"


def test_deep_nesting_is_a_yaml_error_not_a_crash() -> None:
    for parse in (load_yaml, compose_yaml):
        with pytest.raises(yaml.YAMLError, match="nests lists or mappings too deeply"):
            parse(DEEP)


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

"""Loading the guide: schema, lexicons, hash, and errors that name the file and line."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from harness.errors import InputError
from harness.styleguide import lint_report_schema, load_styleguide, rules_schema
from tests.styleguide.conftest import SHIPPED, line_of, replace_in

LEXICONS = [
    "jargon",
    "ceremonial",
    "intensifiers",
    "hedges",
    "impersonal",
    "anglicisms",
    "vague_promises",
    "acronyms",
    "short_numbers",
]


@pytest.mark.parametrize(
    ("file", "generate"),
    [("rules.schema.json", rules_schema), ("lint-report.schema.json", lint_report_schema)],
)
def test_shipped_schemas_are_the_ones_the_models_generate(
    file: str, generate: Callable[[], dict[str, Any]]
) -> None:
    shipped = json.loads((SHIPPED / file).read_text(encoding="utf-8"))
    command = f"json.dumps(harness.styleguide.{generate.__name__}(), ensure_ascii=False, indent=2)"
    assert shipped == generate(), (
        f"styleguide/{file} is stale; regenerate it with:"
        f" python -c 'import json, harness.styleguide; print({command})' > styleguide/{file}"
    )


def test_shipped_schema_validates_the_rules_file() -> None:
    schema = json.loads((SHIPPED / "rules.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((SHIPPED / "rules.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    data["rules"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError, match="'fatal' is not one of"):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_shipped_schema_spells_out_each_checkers_parameters() -> None:
    schema = json.loads((SHIPPED / "rules.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((SHIPPED / "rules.yaml").read_text(encoding="utf-8"))
    length = next(rule for rule in data["rules"] if rule["checker"] == "sentence_length")
    length["params"] = {"max_word": 25}
    with pytest.raises(jsonschema.ValidationError, match="'max_word' was unexpected"):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_the_shipped_guide_loads_with_its_lexicons() -> None:
    guide = load_styleguide(SHIPPED)
    assert guide.version == guide.changelog[0].version
    assert set(LEXICONS) <= set(guide.lexicon_names)
    jargon = guide.lexicon("jargon")
    assert len(jargon) == 94
    assert all(entry.source and (entry.replacement or entry.instruction) for entry in jargon)
    assert [rule.id for rule in guide.rules][:2] == ["SPP-STRUCT-01", "SPP-STRUCT-05"]
    with pytest.raises(KeyError, match="no lexicon"):
        guide.lexicon("nope")


def test_the_default_folder_comes_from_plume_root(
    guide_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLUME_ROOT", str(guide_copy.parent))
    assert load_styleguide().folder == guide_copy


def test_any_edit_changes_the_hash_and_reloads(guide_copy: Path) -> None:
    before = load_styleguide(guide_copy)
    assert load_styleguide(guide_copy) is before
    with (guide_copy / "lexicons" / "hedges.tsv").open("a", encoding="utf-8") as stream:
        stream.write("peut-être\t\ttest\t\taffirmer\n")
    after = load_styleguide(guide_copy)
    assert after.sha256 != before.sha256
    assert after.lexicon("hedges")[-1].term == "peut-être"
    replace_in(guide_copy / "rules.yaml", "Commencer par", "Commencez par")
    assert load_styleguide(guide_copy).sha256 != after.sha256


def test_an_unknown_checker_names_the_line_and_suggests(guide_copy: Path) -> None:
    rules = guide_copy / "rules.yaml"
    replace_in(rules, "checker: greeting", "checker: greting")
    with pytest.raises(InputError) as caught:
        load_styleguide(guide_copy)
    assert caught.value.line == line_of(rules, "checker: greting")
    assert "did you mean 'greeting'?" in str(caught.value)
    assert str(caught.value).startswith(f"{rules}:")


def test_bad_checker_parameters_name_the_line(guide_copy: Path) -> None:
    rules = guide_copy / "rules.yaml"
    replace_in(rules, "max_words: 25", "max_words: -3")
    with pytest.raises(InputError, match=r"SPP-LEN-02: params\.max_words") as caught:
        load_styleguide(guide_copy)
    assert caught.value.line == line_of(rules, "max_words: -3")


def test_an_unknown_parameter_is_refused(guide_copy: Path) -> None:
    rules = guide_copy / "rules.yaml"
    replace_in(rules, "max_sentences: 3", "max_sentence: 3")
    with pytest.raises(InputError, match="unknown field") as caught:
        load_styleguide(guide_copy)
    assert caught.value.line == line_of(rules, "max_sentence: 3")


def test_an_invalid_regular_expression_is_refused(guide_copy: Path) -> None:
    replace_in(guide_copy / "rules.yaml", "patterns: [';']", "patterns: ['(;']")
    with pytest.raises(InputError, match="invalid regular expression"):
        load_styleguide(guide_copy)


def test_a_missing_field_names_the_rule_line(guide_copy: Path) -> None:
    rules = guide_copy / "rules.yaml"
    replace_in(rules, "    severity: info\n", "")
    with pytest.raises(InputError, match="severity: is required") as caught:
        load_styleguide(guide_copy)
    assert caught.value.line == line_of(rules, "id: SPP-LEN-04")


def test_broken_yaml_names_the_line(guide_copy: Path) -> None:
    rules = guide_copy / "rules.yaml"
    replace_in(rules, "    title: Vouvoyer", "    title: [Vouvoyer")
    with pytest.raises(InputError, match="not valid YAML") as caught:
        load_styleguide(guide_copy)
    assert caught.value.line is not None
    assert caught.value.line >= line_of(rules, "title: [Vouvoyer")


def test_an_unknown_lexicon_is_refused(guide_copy: Path) -> None:
    replace_in(guide_copy / "rules.yaml", "lexicons: [anglicisms]", "lexicons: [anglicism]")
    with pytest.raises(InputError, match="no lexicon 'anglicism'"):
        load_styleguide(guide_copy)


def test_duplicate_rule_ids_are_refused(guide_copy: Path) -> None:
    rules = guide_copy / "rules.yaml"
    second = line_of(rules, "id: SPP-LEN-04")
    replace_in(rules, "id: SPP-LEN-04", "id: SPP-LEN-03")
    with pytest.raises(InputError, match="duplicate rule id SPP-LEN-03") as caught:
        load_styleguide(guide_copy)
    assert caught.value.line == second


def test_the_version_needs_a_changelog_entry(guide_copy: Path) -> None:
    replace_in(guide_copy / "rules.yaml", "version: 1.2.0\ntitle", "version: 1.3.0\ntitle")
    with pytest.raises(InputError, match=r"add a changelog entry for 1\.3\.0"):
        load_styleguide(guide_copy)


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("term\treplacement\tsource\tnote\nun\tdeux\ttrois\tquatre\tcinq\n", "5 tab-separated", 2),
        ("term\treplacement\tsource\tnote\n\tvide\t\t\n", r"term \(first column\) is empty", 2),
        ("term\treplacement\n", "first line must be the header", 1),
        ("term\treplacement\tsource\tnote\nA\t\t\t\n# c\na\t\t\t\n", "duplicate term 'a'", 4),
        # A writer's slips that used to match nothing, silently:
        (
            "term\treplacement\tsource\tnote\nsous huitaine   dans 8 jours\n",
            "no tab on this line",
            2,
        ),
        ("term\treplacement\tsource\tnote\nsous huitaine\tdans  8 jours\n", "several spaces", 2),
        ("term\treplacement\tsource\tnote\nsusdit\t(supprimer)\n", "instruction column", 2),
        (
            "term\treplacement\tsource\tnote\tinstruction\na\tb\tc\td\te\tf\n",
            "6 tab-separated columns; at most 5",
            2,
        ),
    ],
)
def test_a_malformed_lexicon_names_the_file_and_line(
    guide_copy: Path, content: str, message: str, line: int
) -> None:
    path = guide_copy / "lexicons" / "hedges.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_styleguide(guide_copy)
    assert caught.value.path == path
    assert caught.value.line == line


def test_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="rules file is missing"):
        load_styleguide(tmp_path)
    shutil.copy(SHIPPED / "rules.yaml", tmp_path / "rules.yaml")
    with pytest.raises(InputError, match="needs a lexicons folder"):
        load_styleguide(tmp_path)

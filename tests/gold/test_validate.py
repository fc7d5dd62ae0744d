"""Validation: every problem, with its line number and field path; the CLI's exit codes."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.errors import InputError
from harness.gold import check_gold, load_gold

runner = CliRunner()


def _item(item_id: str = "caf-001", **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": item_id,
        "service": "Caf",
        "experience": {"title": "Attente", "text": "J'attends.", "sentiment": "negative"},
        "context": ["Le numéro de la Caf est le 3230."],
        "reply": "Bonjour,\n\nAppelez le 3230.",
        "key_facts": ["Le numéro est le 3230."],
    }
    item.update(changes)
    return item


def _write(path: Path, *lines: Any) -> Path:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _messages(path: Path) -> list[str]:
    return [str(problem) for problem in check_gold(path).problems]


def test_a_valid_file_has_no_problem(tmp_path: Path) -> None:
    check = check_gold(_write(tmp_path / "g.jsonl", _item("a"), _item("b")))
    assert check.ok
    assert [item.id for item in check.items] == ["a", "b"]


def test_every_problem_is_listed_with_line_and_field_path(tmp_path: Path) -> None:
    bad = _item("b", key_facts=["ok", ""], colour="blue")
    bad["experience"] = {"title": " ", "sentiment": "negatif", "date": "12/03/2024", "x": 1}
    path = _write(tmp_path / "g.jsonl", _item("a"), "", bad)
    assert sorted(_messages(path)) == sorted(
        [
            "line 3: colour is an unknown field",
            "line 3: experience.text is required",
            "line 3: experience.x is an unknown field",
            "line 3: experience.title is empty",
            "line 3: experience.sentiment must be one of positive, neutral, negative"
            " (got 'negatif')",
            "line 3: experience.date must be a date written YYYY-MM-DD (got '12/03/2024')",
            "line 3: key_facts[1] is empty",
        ]
    )


def test_types_and_nullable_fields_are_explained(tmp_path: Path) -> None:
    bad = _item(context="one fact", tags=[1])
    bad["experience"]["pseudonym"] = 7
    assert sorted(_messages(_write(tmp_path / "g.jsonl", bad))) == [
        "line 1: context must be a list",
        "line 1: experience.pseudonym must be a string or null",
        "line 1: tags[0] must be a string",
    ]


def test_duplicate_ids_name_the_first_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", _item("a"), _item("b"), _item("a"))
    assert _messages(path) == ["line 3: id 'a' is a duplicate (first on line 1)"]


def test_bad_json_bad_utf8_and_non_objects_are_problems_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_bytes(json.dumps(_item("a")).encode() + b"\n{not json\n[1, 2]\n\xff\xfe\n")
    assert _messages(path) == [
        "line 2: is not valid JSON (Expecting property name enclosed in double quotes, column 2)",
        "line 3: is not a JSON object",
        "line 4: is not UTF-8 text; save the file as UTF-8",
    ]


def test_an_empty_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert _messages(path) == ["holds no gold item (the file is empty)"]


def test_a_bom_and_a_line_separator_inside_a_string_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    item = _item("a", reply="Bonjour,\u2028Appelez le 3230.")
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(item, ensure_ascii=False).encode() + b"\r\n")
    check = check_gold(path)
    assert check.ok
    assert check.items[0].reply == "Bonjour,\u2028Appelez le 3230."


def test_load_gold_raises_the_first_problem_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", _item("a"), _item("a", key_facts=[""]), _item("a"))
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{path}:2: key_facts[0] is empty (and 1 more problem")


def test_load_gold_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")


def test_cli_validate_prints_every_problem_and_exits_1(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", _item("a", key_facts=["", ""]), _item("a"))
    result = runner.invoke(app, ["data", "validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"{path}: line 1: key_facts[0] is empty",
        f"{path}: line 1: key_facts[1] is empty",
        f"{path}: 2 problems",
    ]


def test_cli_validate_prints_one_summary_line_when_valid(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", _item("a"), _item("b", service="CPAM"))
    result = runner.invoke(app, ["data", "validate", str(path)])
    assert result.exit_code == 0
    assert result.output.strip() == f"{path}: valid, 2 items, 2 services"


def test_cli_validate_counts_the_items_accuracy_cannot_be_scored_on(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", _item("a"), _item("b", context=[], key_facts=[]))
    result = runner.invoke(app, ["data", "validate", str(path)])
    assert result.exit_code == 0
    assert "1 item without key facts or context cannot be scored on accuracy" in result.output


def test_cli_validate_of_a_folder_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["data", "validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a folder" in result.output
    assert "Traceback" not in result.output


def test_key_facts_giving_numbers_or_sites_absent_from_context_are_warnings(tmp_path: Path) -> None:
    item = _item(key_facts=["Appelez le 3646.", "Le numéro est le 3230.", "Allez sur ameli.fr."])
    path = _write(tmp_path / "g.jsonl", item)
    check = check_gold(path)
    assert check.ok
    assert [str(w) for w in check.warnings] == [
        "line 1: key_facts[0] gives '3646', which no context fact has",
        "line 1: key_facts[2] gives 'ameli.fr', which no context fact has",
    ]
    result = runner.invoke(app, ["data", "validate", str(path)])
    assert result.exit_code == 0
    assert f"{path}: warning: line 1: key_facts[0] gives '3646'" in result.output
    assert result.output.strip().endswith("valid, 1 item, 1 service, 2 warnings")

"""`plume score`: replies made elsewhere, checked line by line, scored and summarised."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from tests.scoring.cases import CAF, CPAM

runner = CliRunner()


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "".join(item.model_dump_json() + "\n" for item in (CAF.item, CPAM.item)), encoding="utf-8"
    )
    return path


def write_replies(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def test_scores_are_written_per_reply_and_summarised_per_model(gold: Path, tmp_path: Path) -> None:
    replies = write_replies(
        tmp_path / "replies.jsonl",
        [
            {"id": "caf-prime", "model": "plain", "reply": CAF.good},
            {"id": "caf-prime", "model": "local", "reply": CAF.invented},
            {"id": "cpam-vitale", "model": "plain", "reply": CPAM.good},
            {"id": "cpam-vitale", "model": "local", "reply": CPAM.invented},
        ],
    )
    out = tmp_path / "scores.jsonl"
    result = runner.invoke(
        app, ["score", "--gold", str(gold), "--replies", str(replies), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["model"]) for r in lines] == [
        ("caf-prime", "plain"),
        ("caf-prime", "local"),
        ("cpam-vitale", "plain"),
        ("cpam-vitale", "local"),
    ]
    assert set(lines[0]["scores"]) == {"tone", "accuracy", "conciseness", "overall"}
    invented = lines[1]["details"]["accuracy"]["evidence"]
    assert any(CAF.invented[e["start"] : e["end"]] == "02 864 15 79" for e in invented)
    assert "plain" in result.output and "local" in result.output
    assert "Paired differences" in result.output


def test_an_unknown_id_names_the_file_and_line_and_writes_nothing(
    gold: Path, tmp_path: Path
) -> None:
    replies = write_replies(
        tmp_path / "replies.jsonl",
        [
            {"id": "caf-prime", "model": "m", "reply": "x"},
            {"id": "nope", "model": "m", "reply": "x"},
        ],
    )
    out = tmp_path / "scores.jsonl"
    result = runner.invoke(
        app, ["score", "--gold", str(gold), "--replies", str(replies), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert f"{replies}:2" in result.output and "nope" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".scores.jsonl*"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "caf-prime", "model": "m"}', "reply: is required"),
        ('{"id": "caf-prime", "model": "m", "reply": "x", "extra": 1}', "extra: unknown field"),
        ('{"id": "caf-prime", "model": "m", "reply": null}', "reply"),
    ],
)
def test_malformed_lines_give_the_file_and_line(
    gold: Path, tmp_path: Path, line: str, message: str
) -> None:
    replies = tmp_path / "replies.jsonl"
    replies.write_text(
        '{"id": "cpam-vitale", "model": "m", "reply": "x"}\n' + line + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["score", "--gold", str(gold), "--replies", str(replies)])
    assert result.exit_code == 1
    assert f"{replies}:2" in result.output and message in result.output


def test_a_second_reply_of_one_model_to_one_item_is_refused(gold: Path, tmp_path: Path) -> None:
    row = {"id": "caf-prime", "model": "m", "reply": "x"}
    replies = write_replies(tmp_path / "replies.jsonl", [row, row])
    result = runner.invoke(app, ["score", "--gold", str(gold), "--replies", str(replies)])
    assert result.exit_code == 1 and "first on line 1" in result.output


def test_models_that_replied_to_different_items_are_not_compared_unless_asked(
    gold: Path, tmp_path: Path
) -> None:
    replies = write_replies(
        tmp_path / "replies.jsonl",
        [
            {"id": "caf-prime", "model": "a", "reply": CAF.good},
            {"id": "cpam-vitale", "model": "a", "reply": CPAM.good},
            {"id": "caf-prime", "model": "b", "reply": CAF.pompous},
        ],
    )
    result = runner.invoke(app, ["score", "--gold", str(gold), "--replies", str(replies)])
    assert result.exit_code == 0
    assert "not compared" in result.output and "--intersect" in result.output
    shared = runner.invoke(
        app, ["score", "--gold", str(gold), "--replies", str(replies), "--intersect"]
    )
    assert "Paired differences" in shared.output and "(shared)" in shared.output

"""Calibration against agents' ratings: the file format and the agreement it reports."""

import json
from pathlib import Path

import pytest

from harness.errors import InputError
from harness.scoring import agreement, read_ratings
from tests.scoring.cases import CASES

ITEMS = {case.item.id: case.item for case in CASES}


def test_ratings_read_from_jsonl_and_csv_alike(tmp_path: Path) -> None:
    jsonl = tmp_path / "ratings.jsonl"
    jsonl.write_text(json.dumps({"id": "caf-prime", "reply": "Bonjour", "tone": 4}) + "\n")
    csv = tmp_path / "ratings.csv"
    csv.write_text("id,reply,tone,accuracy,conciseness\ncaf-prime,Bonjour,4,,\n", encoding="utf-8")
    assert read_ratings(jsonl, ITEMS) == read_ratings(csv, ITEMS)
    assert read_ratings(csv, ITEMS)[0].accuracy is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "nope", "reply": "x", "tone": 3}, "unknown id 'nope'"),
        ({"id": "caf-prime", "reply": "x", "tone": 7}, "tone"),
        ({"id": "caf-prime", "reply": "x", "colour": 3}, "colour: unknown field"),
    ],
)
def test_a_bad_rating_names_the_file_and_line(
    tmp_path: Path, row: dict[str, object], message: str
) -> None:
    path = tmp_path / "ratings.jsonl"
    path.write_text(json.dumps({"id": "caf-prime", "reply": "x"}) + "\n" + json.dumps(row) + "\n")
    with pytest.raises(InputError, match=f"{path.name}:2") as error:
        read_ratings(path, ITEMS)
    assert message in str(error.value)


def test_ratings_that_follow_the_contrastive_order_agree_with_the_scores(tmp_path: Path) -> None:
    # An agent rating the good replies 5, jargon 3 and pompous or rude ones 1-2 on tone.
    grades = {"good": 5, "jargon": 3, "pompous": 2, "rude": 1}
    path = tmp_path / "ratings.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": case.item.id, "reply": getattr(case, v), "tone": g}) + "\n"
            for case in CASES
            for v, g in grades.items()
        ),
        encoding="utf-8",
    )
    found = {a.criterion: a for a in agreement(read_ratings(path, ITEMS), ITEMS)}
    tone = found["tone"]
    assert tone.n == len(CASES) * len(grades)
    assert tone.spearman is not None and tone.spearman > 0.7
    assert tone.weighted_kappa is not None and tone.weighted_kappa > 0.3
    assert found["accuracy"].n == 0 and found["accuracy"].spearman is None

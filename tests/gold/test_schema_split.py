"""The published JSON Schema matches the model; the split is a function of the id alone."""

import json
import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from harness import paths
from harness.cli import app
from harness.gold import (
    SCHEMA_VERSION,
    GoldItem,
    gold_schema,
    gold_schema_json,
    split_items,
    split_of,
)

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def test_the_published_schema_is_the_one_generated_from_the_model() -> None:
    assert (REPO / "gold" / "schema.json").read_text(encoding="utf-8") == gold_schema_json()


def test_the_schema_is_versioned_and_documents_every_field() -> None:
    schema = gold_schema()
    assert schema["version"] == SCHEMA_VERSION
    assert schema["$id"].endswith(SCHEMA_VERSION)
    assert schema["additionalProperties"] is False
    assert all("description" in field for field in schema["properties"].values())
    Draft202012Validator.check_schema(schema)


def test_schema_check_fails_when_the_published_file_is_stale(plume_root: Path) -> None:
    assert runner.invoke(app, ["data", "schema", "--check"]).exit_code == 0
    (paths.gold_dir() / "schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["data", "schema", "--check"])
    assert result.exit_code == 2
    assert "out of date" in result.output


def test_schema_prints_and_writes(tmp_path: Path) -> None:
    printed = runner.invoke(app, ["data", "schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.output) == gold_schema()
    out = tmp_path / "schema.json"
    assert runner.invoke(app, ["data", "schema", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == gold_schema_json()


ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)


def _item(item_id: str) -> GoldItem:
    return GoldItem.model_validate(
        {
            "id": item_id,
            "service": "Caf",
            "experience": {"title": "t", "text": "x", "sentiment": "neutral"},
            "reply": "r",
        }
    )


@given(st.lists(ids, unique=True, max_size=30), st.lists(ids, max_size=30), st.randoms())
def test_adding_items_never_moves_existing_ones(
    existing: list[str], added: list[str], shuffle: random.Random
) -> None:
    before = split_items(_item(i) for i in existing)
    everything = list(dict.fromkeys(existing + added))
    shuffle.shuffle(everything)
    after = split_items(_item(i) for i in everything)
    for name, group in before.items():
        assert {i.id for i in group} <= {i.id for i in after[name]}


def test_the_split_is_about_60_20_20() -> None:
    counts = {"train": 0, "dev": 0, "test": 0}
    for number in range(5000):
        counts[split_of(f"item-{number}")] += 1
    assert abs(counts["train"] / 5000 - 0.6) < 0.03
    assert abs(counts["dev"] / 5000 - 0.2) < 0.03
    assert abs(counts["test"] / 5000 - 0.2) < 0.03


def test_the_split_is_pinned() -> None:
    # Changing the hash or its salt would silently reshuffle every published split.
    assert [split_of(i) for i in ("caf-001", "cpam-001", "ft-001", "msa-001")] == [
        "train",
        "test",
        "train",
        "test",
    ]


def test_cli_split_prints_counts(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["data", "split", str(REPO / "gold" / "services-publics-plus.jsonl")]
    )
    assert result.exit_code == 0
    counts = dict(line.split(": ") for line in result.output.strip().splitlines())
    assert set(counts) == {"train", "dev", "test"}
    assert sum(int(c) for c in counts.values()) >= 60

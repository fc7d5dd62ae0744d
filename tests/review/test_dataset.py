"""Agents' verdicts as candidate gold items and as SFT / DPO data, anonymised, test split out."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.gold import load_gold, split_of
from harness.review import Edit, VerdictStore, load_plan
from tests.review.panel import make_plan, simulate
from tests.scoring.cases import CAF, CPAM

runner = CliRunner()
SIGNED = "Bonjour, c’est réglé. Jean Dupont, jean.dupont@example.fr"
MODELS = ("run-a/alpha", "run-b/beta")


@pytest.fixture
def review_dir(tmp_path: Path) -> Path:
    path = tmp_path / "revue"
    make_plan(path, models=MODELS, items=10, per_pair=1, panel=1)
    plan = load_plan(path)
    with VerdictStore(path) as store:
        for position, verdict in simulate(plan, {MODELS[0]: 2.0, MODELS[1]: 0.0}):
            edit = Edit(of="right" if verdict.right == MODELS[1] else "left", text=SIGNED, size=10)
            store.add(position, verdict.model_copy(update={"edit": edit}))
    return path


def _rows(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_edited_replies_become_candidate_items_for_a_writer(
    review_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "candidats.jsonl"
    result = runner.invoke(
        app, ["data", "import", str(review_dir), "--from", "review", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    items = load_gold(out).items
    assert len(items) == 10
    for item in items:
        assert "à-vérifier" in item.tags
        assert "jean.dupont@example.fr" not in item.reply and "Dupont" not in item.reply
        assert item.reply.startswith("Bonjour, c’est réglé.")
        assert item.key_facts  # the item's own facts come along


def test_dpo_pairs_the_preferred_reply_and_the_edit(review_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "dpo.jsonl"
    result = runner.invoke(
        app, ["data", "export", str(review_dir), "--format", "dpo", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    plan = load_plan(review_dir)
    kept = [i.id for i in plan.items if split_of(i.id) != "test"]
    assert 0 < len(kept) < 10  # the fixture holds test items, and they are left out
    assert {r["metadata"]["id"] for r in rows} == set(kept)
    for row in rows:
        assert row["prompt"][0]["role"] == "system" and row["prompt"][-1]["role"] == "user"
        assert row["metadata"]["prompt"] == "reply@1.0.0"
        chosen = row["chosen"][0]["content"]
        assert "example.fr" not in chosen
        if row["metadata"]["kind"] == "edit":
            assert chosen.startswith("Bonjour, c’est réglé.")
            assert (
                row["rejected"][0]["content"]
                == plan.candidate(MODELS[1]).replies[row["metadata"]["id"]]
            )


def test_sft_holds_gold_and_edits_without_the_test_split(review_dir: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(CAF.item.model_dump_json() + "\n" + CPAM.item.model_dump_json() + "\n")
    out = tmp_path / "sft.jsonl"
    result = runner.invoke(
        app,
        [
            "data",
            "export",
            str(gold),
            "--to",
            "sft",
            "--review",
            str(review_dir),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    sources = {(r["metadata"]["source"], r["metadata"]["id"]) for r in rows}
    expected_gold = {("gold", i.id) for i in (CAF.item, CPAM.item) if split_of(i.id) != "test"}
    assert {s for s in sources if s[0] == "gold"} == expected_gold
    assert all(split_of(r["metadata"]["id"]) != "test" for r in rows)
    edits = [r for r in rows if r["metadata"]["source"] == "revue revue"]
    assert edits and all(r["metadata"]["prompt"] == "reply@1.0.0" for r in edits)
    for row in rows:
        assert [m["role"] for m in row["messages"]][-1] == "assistant"
        assert "example.fr" not in row["messages"][-1]["content"]

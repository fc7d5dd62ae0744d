"""`plume review create|results` and `plume calibrate` over real run directories."""

import json
import re
import subprocess
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from harness.cli import app
from harness.report import write_report
from harness.review import VerdictStore, assign, load_plan, review_of
from harness.web import create_app
from tests.report.conftest import build_run
from tests.review.panel import make_plan, simulate
from tests.scoring.cases import CAF, CPAM

runner = CliRunner()


@pytest.fixture
def runs(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(CAF.item.model_dump_json() + "\n" + CPAM.item.model_dump_json() + "\n")
    first = build_run(
        tmp_path / "runs" / "run-1",
        gold,
        {
            ("caf-prime", "plain"): CAF.good,
            ("caf-prime", "pompous"): CAF.pompous,
            ("cpam-vitale", "plain"): CPAM.good,
            ("cpam-vitale", "pompous"): CPAM.pompous,
        },
    )
    second = build_run(
        tmp_path / "runs" / "run-2",
        gold,
        {("caf-prime", "padded"): CAF.padded, ("cpam-vitale", "padded"): None},
    )
    return first, second


def test_every_pair_on_every_item_is_seen_by_n_distinct_reviewers() -> None:
    items = [f"i{n}" for n in range(7)]
    models = ["a", "b", "c", "d"]
    queues = assign(items, models, per_pair=3, panel=10, seed=5)
    seen: Counter[tuple[str, frozenset[str]]] = Counter()
    for queue in queues:
        mine = [(t.item, frozenset((t.left, t.right))) for t in queue]
        assert len(mine) == len(set(mine))  # never the same comparison twice to one reviewer
        seen.update(mine)
    assert set(seen.values()) == {3}
    assert len(seen) == len(items) * len(list(combinations(models, 2)))
    sizes = [len(q) for q in queues]
    assert max(sizes) - min(sizes) <= 1
    lefts = Counter(t.left for q in queues for t in q)
    assert min(lefts.values()) > 0.3 * sum(lefts.values()) / len(models)  # positions drawn
    assert assign(items, models, per_pair=3, panel=10, seed=5) == queues  # seeded


def test_more_reviewers_per_pair_than_the_panel_is_refused(runs: tuple[Path, Path]) -> None:
    result = runner.invoke(
        app, ["review", "create", str(runs[0]), "--out", "x", "--reviewers", "3", "--panel", "2"]
    )
    assert result.exit_code == 2
    assert "--panel" in result.output


def test_a_review_from_create_to_calibrate(runs: tuple[Path, Path], tmp_path: Path) -> None:
    review_dir = tmp_path / "revue"
    result = runner.invoke(
        app,
        ["review", "create", *map(str, runs), "--out", str(review_dir), "--panel", "3"],
    )
    assert result.exit_code == 0, result.output
    # run-2 has no reply on cpam-vitale: only caf-prime is shared by the three models.
    assert "1 items, 3 models, 6 comparisons for 3 reviewers" in result.output
    links = re.findall(
        r"(r\d\d) \(\d+ comparisons\): (http://127\.0\.0\.1:\d+/entrer\?jeton=\S+)", result.output
    )
    assert [r for r, _ in links] == ["r01", "r02", "r03"]
    saved = (review_dir / "plan.json").read_text()
    assert all(link.split("=")[1] not in saved for _, link in links)  # only hashes are kept
    plan = load_plan(review_dir)
    assert {c.name for c in plan.candidates} == {"run-1/plain", "run-1/pompous", "run-2/padded"}

    strengths = {"run-1/plain": 1.0, "run-1/pompous": 0.0, "run-2/padded": -1.0}
    with VerdictStore(review_dir) as store:
        for position, verdict in simulate(plan, strengths):
            store.add(position, verdict)
    for fmt in ("json", "md", "html"):
        result = runner.invoke(app, ["review", "results", str(review_dir), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "6 verdicts of 6 planned" in result.output
    found = json.loads((review_dir / "results.json").read_text())
    assert {p["a"] + " " + p["b"] for p in found["pairs"]} >= {"run-1/plain run-1/pompous"}
    assert "#item-caf-prime" not in (review_dir / "results.html").read_text()
    assert 'id="item-caf-prime"' in (review_dir / "results.html").read_text()

    exported = tmp_path / "verdicts.jsonl"
    result = runner.invoke(app, ["review", "export", str(review_dir), "--out", str(exported)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in exported.read_text().splitlines()]
    assert len(rows) == 6
    assert set(rows[0]) == {
        "review",
        "item",
        "reviewer",
        "left",
        "right",
        "choice",
        "ratings",
        "send",
        "at",
    }  # no edit or comment in this panel
    assert set(rows[0]["ratings"]["left"]) == {"tone", "accuracy", "conciseness"}

    result = runner.invoke(app, ["calibrate", str(review_dir)])
    assert result.exit_code == 0, result.output
    calibration = json.loads((review_dir / "calibration.json").read_text())
    criteria = {c["criterion"]: c for c in calibration["criteria"]}
    assert {"tone", "accuracy", "conciseness", "overall"} <= set(criteria)
    assert criteria["tone"]["rating"] == "tone" and criteria["overall"]["rating"] == "mean"
    assert criteria["overall"]["prefers_as_agents"]["n"] == 6

    addresses, shown = review_of(runs[0])
    assert addresses["caf-prime"].endswith("results.html#item-caf-prime")
    assert shown is not None and shown.review == "revue"
    report = write_report(runs[0]).read_text()
    assert f'href="{addresses["caf-prime"]}"' in report
    assert "How far each score agrees with the agents (review revue)" in report


def test_results_before_any_verdict_says_what_to_do(
    runs: tuple[Path, Path], tmp_path: Path
) -> None:
    review_dir = tmp_path / "revue"
    created = runner.invoke(app, ["review", "create", str(runs[0]), "--out", str(review_dir)])
    assert created.exit_code == 0, created.output
    result = runner.invoke(app, ["review", "results", str(review_dir)])
    assert result.exit_code == 2
    assert "no verdict yet" in result.output
    again = runner.invoke(app, ["review", "create", str(runs[0]), "--out", str(review_dir)])
    assert again.exit_code == 2 and "exists" in again.output


def test_a_lost_link_is_replaced_and_the_old_one_stops_working(tmp_path: Path) -> None:
    review_dir = tmp_path / "revue"
    tokens = make_plan(review_dir)
    result = runner.invoke(app, ["review", "link", str(review_dir), "r02"])
    assert result.exit_code == 0, result.output
    new = re.findall(r"jeton=(\S+)", result.output)[0]
    client = TestClient(create_app(review_dir), base_url="http://127.0.0.1")
    assert client.get(f"/entrer?jeton={tokens['r02']}").status_code == 403
    assert client.get(f"/entrer?jeton={new}").status_code == 200  # redirected to its page
    assert client.get(f"/entrer?jeton={tokens['r01']}").status_code == 200
    unknown = runner.invoke(app, ["review", "link", str(review_dir), "r09"])
    assert unknown.exit_code == 2 and "r01, r02, r03" in unknown.output


def test_bad_input_gets_one_line(tmp_path: Path, runs: tuple[Path, Path]) -> None:
    not_a_run = runner.invoke(app, ["review", "create", str(tmp_path), "--out", "x"])
    assert not_a_run.exit_code == 1 and "is not a run directory" in not_a_run.output
    unknown = runner.invoke(
        app, ["review", "create", str(runs[0]), "--out", "x", "--items", "nope"]
    )
    assert unknown.exit_code == 2 and "nope" in unknown.output
    for command in (["review", "serve"], ["review", "results"], ["calibrate"]):
        result = runner.invoke(app, [*command, str(tmp_path)])
        assert result.exit_code == 1 and "plan.json is missing" in result.output
        assert "Traceback" not in result.output


def test_plume_help_imports_no_web_framework() -> None:
    code = (
        "import sys; from harness.cli import app; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'fastapi', 'krippendorff') "
        "if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"

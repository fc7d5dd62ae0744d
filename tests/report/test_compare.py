"""`plume compare`: any runs on the same items, paired on item ids, as a page a team can send."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.report import compare_runs
from tests.report.conftest import SCRIPT, build_run
from tests.scoring.cases import CASES

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def six_items(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(c.item.model_dump_json() + "\n" for c in CASES), encoding="utf-8")
    return path


def _with_prompt(run_dir: Path, prompt: str) -> Path:
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    manifest["prompt"] = prompt
    (run_dir / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


@pytest.fixture
def three_runs(tmp_path: Path, six_items: Path) -> list[Path]:
    """A plain model, a pompous one run another day, and the plain one under prompt 1.1.0."""
    runs = tmp_path / "runs"
    return [
        build_run(
            runs / "20261201-090000", six_items, {(c.item.id, "plain"): c.good for c in CASES}
        ),
        build_run(
            runs / "20261202-090000", six_items, {(c.item.id, "pompous"): c.pompous for c in CASES}
        ),
        _with_prompt(
            build_run(
                runs / "20261203-090000",
                six_items,
                {(c.item.id, "plain"): c.paraphrase for c in CASES},
            ),
            "reply@1.1.0",
        ),
    ]


def test_runs_with_other_models_and_prompts_are_compared_into_html_and_markdown(
    tmp_path: Path, three_runs: list[Path]
) -> None:
    html_path, md_path = tmp_path / "decision.html", tmp_path / "decision.md"
    for out in (html_path, md_path):
        result = runner.invoke(app, ["compare", *map(str, three_runs), "--out", str(out)])
        assert result.exit_code == 0, result.output
    names = ("plain · reply@1.0.0", "pompous · reply@1.0.0", "plain · reply@1.1.0")
    page = html_path.read_text(encoding="utf-8")
    assert "<script" not in page and "default-src 'none'" in page
    assert not re.search(r"(src|href)=\"https?:", page)
    verdict = page[page.index('id="verdict"') : page.index('id="candidates"')]
    assert "Overall:" in verdict and "€ per 1,000 replies" in verdict
    for name in names:
        assert name in verdict
    md = md_path.read_text(encoding="utf-8")
    assert md.index("## Verdict") < md.index("## Leaderboard")
    for name in names:
        assert f"| {name} |" in md
    assert "| 20261203-090000 | 2026-11-28 12:00 | completed |" in md  # run and when it started
    # Every candidate is paired with every other on the six items, per criterion.
    found = compare_runs(*three_runs)
    overall = [c for c in found.comparisons if c.criterion == "overall"]
    assert len(overall) == 3 and all(c.n == len(CASES) for c in overall)
    assert list(found.results.models)[-1] == "pompous · reply@1.0.0"


def test_a_clear_winner_is_named_with_its_margin_and_significance(
    tmp_path: Path, six_items: Path
) -> None:
    plain = build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES})
    pompous = build_run(tmp_path / "b", six_items, {(c.item.id, "m"): c.pompous for c in CASES})
    result = runner.invoke(app, ["compare", str(pompous), str(plain)])
    assert result.exit_code == 0, result.output
    # Same model and prompt in both runs: the run tells the candidates apart.
    assert re.search(
        r"Tone: m · reply@1\.0\.0 · a is best, [\d.]+ against [\d.]+ for m · reply@1\.0\.0 · b "
        r"\(\+0\.\d+ \[\+0\.\d+, \+0\.\d+\] on 6 items\), significant after Holm correction",
        " ".join(result.output.split()),
    )


def test_runs_on_another_version_of_the_gold_set_are_refused_in_one_sentence(
    tmp_path: Path, six_items: Path
) -> None:
    a = build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES})
    edited = six_items.read_text(encoding="utf-8").replace("Caf", "CAF", 1)
    other_gold = tmp_path / "gold-v2.jsonl"
    other_gold.write_text(edited, encoding="utf-8")
    b = build_run(tmp_path / "b", other_gold, {(c.item.id, "n"): c.good for c in CASES})
    result = runner.invoke(app, ["compare", str(a), str(b)])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "runs a and b used different gold sets" in message
    assert "run both on the same gold file" in message
    assert "Traceback" not in result.output and "{" not in message


def test_other_scorer_versions_are_named_not_printed_as_a_python_dict(
    tmp_path: Path, six_items: Path
) -> None:
    a = build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES})
    b = build_run(tmp_path / "b", six_items, {(c.item.id, "n"): c.good for c in CASES})
    manifest = json.loads((b / "run.json").read_text(encoding="utf-8"))
    manifest["scorers"]["tone"] = "0.9.0"
    (b / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = runner.invoke(app, ["compare", str(a), str(b)])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert re.search(r"different scorers \(tone [^ ]+ in a but 0\.9\.0 in b\)", message)
    assert "{" not in message


def test_different_item_sets_are_refused_or_intersected_explicitly(
    tmp_path: Path, six_items: Path
) -> None:
    a = build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES})
    b = build_run(tmp_path / "b", six_items, {(c.item.id, "n"): c.good for c in CASES[:4]})
    refused = runner.invoke(app, ["compare", str(a), str(b)])
    assert refused.exit_code == 2
    assert "m · reply@1.0.0 has 6, n · reply@1.0.0 has 4; 4 shared by all" in " ".join(
        refused.output.split()
    )
    out = tmp_path / "shared.md"
    result = runner.invoke(app, ["compare", str(a), str(b), "--intersect", "--out", str(out)])
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert "compared on the 4 items they all share, 2 left out" in md
    assert "| 1 | " in md and "0 / 4" in md
    page = tmp_path / "shared.html"
    assert (
        runner.invoke(app, ["compare", str(a), str(b), "--intersect", "--out", str(page)]).exit_code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert html.count("2 items only in m · reply@1.0.0, 0 only in n · reply@1.0.0") == 1


def test_plume_report_compare_is_an_alias_that_writes_a_page(
    tmp_path: Path, three_runs: list[Path]
) -> None:
    a, b, _ = three_runs
    result = runner.invoke(app, ["report", str(a), "--compare", str(b), "--format", "md"])
    assert result.exit_code == 0, result.output
    page = a / f"compare-{b.name}.md"
    assert "## Verdict" in page.read_text(encoding="utf-8")
    assert "Comparison:" in result.output and page.name in result.output


def test_json_and_unknown_suffixes(tmp_path: Path, three_runs: list[Path]) -> None:
    out = tmp_path / "decision.json"
    assert runner.invoke(app, ["compare", *map(str, three_runs), "--out", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["prompt"] for c in data["candidates"]] == [
        "reply@1.0.0",
        "reply@1.0.0",
        "reply@1.1.0",
    ]
    assert data["items"] == len(CASES)
    result = runner.invoke(
        app, ["compare", *map(str, three_runs), "--out", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 2 and "name a .html, .md or .json file" in result.output


def test_one_model_alone_is_not_a_comparison(tmp_path: Path, six_items: Path) -> None:
    a = build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES})
    result = runner.invoke(app, ["compare", str(a)])
    assert result.exit_code == 2 and "name at least two runs" in " ".join(result.output.split())


def test_a_hostile_prompt_name_is_escaped_in_the_comparison(
    tmp_path: Path, six_items: Path
) -> None:
    a = _with_prompt(
        build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES}), SCRIPT
    )
    b = build_run(tmp_path / "b", six_items, {(c.item.id, "n"): c.pompous for c in CASES})
    for suffix in ("html", "md"):
        out = tmp_path / f"page.{suffix}"
        assert runner.invoke(app, ["compare", str(a), str(b), "--out", str(out)]).exit_code == 0
        assert "<script" not in out.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_headless_chromium_shows_the_verdict_and_the_candidates(
    tmp_path: Path, three_runs: list[Path]
) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "decision.html"
    assert runner.invoke(app, ["compare", *map(str, three_runs), "--out", str(page)]).exit_code == 0
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    verdict = dom[dom.index('id="verdict"') : dom.index('id="candidates"')]
    assert "Overall:" in verdict
    candidates = dom[dom.index('id="candidates"') : dom.index('id="leaderboard"')]
    for name in ("plain · reply@1.0.0", "pompous · reply@1.0.0", "plain · reply@1.1.0"):
        assert name in verdict and name in candidates


def test_an_edited_style_guide_under_the_same_version_is_refused_by_its_hash(
    tmp_path: Path, six_items: Path
) -> None:
    a = build_run(tmp_path / "a", six_items, {(c.item.id, "m"): c.good for c in CASES})
    b = build_run(tmp_path / "b", six_items, {(c.item.id, "n"): c.good for c in CASES})
    for run, sha in ((a, "1" * 64), (b, "2" * 64)):
        manifest = json.loads((run / "run.json").read_text(encoding="utf-8"))
        manifest["styleguide"] = {"version": "1.2.0", "sha256": sha}
        (run / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = runner.invoke(app, ["compare", str(a), str(b)])
    assert result.exit_code == 2
    assert (
        "different style guides (version 1.2.0, sha256 111111111111 in a, version 1.2.0, "
        "sha256 222222222222 in b)" in " ".join(result.output.split())
    )

"""The report: what a team decides from, with every citizen or model text escaped."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.errors import UsageError
from harness.report import (
    compare_runs,
    escape_markdown,
    read_run,
    render_markdown,
    render_report,
    write_report,
)
from harness.report._view import segments
from harness.scoring import Evidence
from harness.stats import ItemSetMismatch
from tests.report.conftest import build_run
from tests.scoring.cases import CAF, CPAM

runner = CliRunner()


def test_script_in_replies_and_experiences_is_escaped(run_dir: Path) -> None:
    html = write_report(run_dir).read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert html.count("&lt;script&gt;") >= 2  # the reply and the citizen's experience
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"(src|href)=\"https?:", html)


def test_the_report_shows_the_leaderboard_errors_unscored_and_comparisons(run_dir: Path) -> None:
    html = write_report(run_dir).read_text(encoding="utf-8")
    leaderboard = html[html.index('id="leaderboard"') : html.index('id="charts"')]
    assert leaderboard.index("plain") < leaderboard.index("local")
    for criterion in ("tone", "accuracy", "conciseness", "overall"):
        assert f"<th>{criterion}</th>" in leaderboard
    assert '<span class="error">1</span> / 2' in leaderboard
    assert "1 unscored" in leaderboard
    assert html.count("<svg") == 4
    assert "row − column" in html
    assert "Overall by service" in html and "Overall by sentiment" in html


def test_invented_facts_are_highlighted_and_flagged_items_come_first(run_dir: Path) -> None:
    html = write_report(run_dir).read_text(encoding="utf-8")
    replies = html[html.index('id="replies"') :]
    assert re.search(
        r'<mark class="ev-invented" title="[^"]*phone[^"]*">02 864 15 79</mark>', replies
    )
    assert replies.index("caf-prime") < replies.index("cpam-vitale")
    assert "failed: HTTP 500 from the endpoint" in replies
    assert "missing: " in replies  # the key fact the invented reply dropped


def test_the_report_works_without_the_gold_set(run_dir: Path, gold_path: Path) -> None:
    gold_path.unlink()
    manifest, results, records, items = read_run(run_dir)
    assert items is None
    html = render_report(manifest, results, records, items)
    assert "experiences and gold replies are not shown" in html


def test_items_are_anonymised_once_and_kept_with_the_run(tmp_path: Path) -> None:
    phone = "06 12 34 56 78"
    item = CAF.item.model_copy(
        update={
            "experience": CAF.item.experience.model_copy(
                update={"text": f"{CAF.item.experience.text} Rappelez-moi au {phone}."}
            )
        }
    )
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(item.model_dump_json() + "\n", encoding="utf-8")
    run_dir = build_run(tmp_path / "run", gold_path, {(item.id, "plain"): CAF.good})
    first = write_report(run_dir).read_text(encoding="utf-8")
    gold_path.unlink()  # from now on the run directory is the only source of the items
    again = write_report(run_dir).read_text(encoding="utf-8")
    for html in (first, again):
        assert "Rappelez-moi au [TÉLÉPHONE]" in html
        assert phone not in html


def test_segments_cut_at_every_boundary_and_clip_bad_offsets() -> None:
    text = "abcdefghij"
    found = segments(
        text,
        [
            Evidence(start=2, end=6, note="style", kind="violation"),
            Evidence(start=4, end=8, note="made up", kind="invented"),
            Evidence(start=9, end=99, note="past the end", kind="filler"),
        ],
    )
    assert "".join(s.text for s in found) == text
    assert [(s.text, s.kind) for s in found] == [
        ("ab", None),
        ("cd", "violation"),
        ("ef", "invented"),
        ("gh", "invented"),
        ("i", None),
        ("j", "filler"),
    ]
    assert found[2].notes == ("style", "made up")


def test_markdown_report_escapes_text_and_lists_comparisons(run_dir: Path) -> None:
    manifest, results, records, _ = read_run(run_dir)
    md = render_markdown(manifest, results, records)
    assert "<script" not in md
    assert "| 1 | plain |" in md
    assert "## Paired differences" in md and "## Invented or contradicted facts" in md
    assert escape_markdown("a | b\n<i>*x*</i>") == "a \\| b &lt;i&gt;\\*x\\*&lt;/i&gt;"


def test_plume_report_rebuilds_html_and_markdown(run_dir: Path) -> None:
    (run_dir / "report.html").unlink(missing_ok=True)
    result = runner.invoke(app, ["report", str(run_dir)])
    assert result.exit_code == 0, result.output
    assert (run_dir / "report.html").exists()
    result = runner.invoke(app, ["report", str(run_dir), "--format", "md"])
    assert result.exit_code == 0 and (run_dir / "report.md").exists()


def test_plume_report_on_a_folder_without_results_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 1
    assert "run.json is missing" in result.output and "Traceback" not in result.output


def test_results_hold_paired_comparisons_weights_and_breakdowns(run_dir: Path) -> None:
    results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    assert results["criteria"] == ["accuracy", "conciseness", "tone", "overall"]
    assert results["weights"] == {"accuracy": 0.5, "tone": 0.3, "conciseness": 0.2}
    overall = [c for c in results["comparisons"] if c["criterion"] == "overall"]
    assert len(overall) == 1 and overall[0]["n"] == 1 and overall[0]["unscored"] == 1
    assert set(results["breakdowns"]["service"]) == {"Caf", "CPAM"}
    assert results["models"]["local"]["scores"]["overall"]["unscored"] == 1


def test_runs_on_different_items_are_compared_only_on_request(
    tmp_path: Path, gold_path: Path
) -> None:
    a = build_run(
        tmp_path / "a", gold_path, {("caf-prime", "m"): CAF.good, ("cpam-vitale", "m"): CPAM.good}
    )
    b = build_run(tmp_path / "b", gold_path, {("caf-prime", "m"): CAF.pompous})
    with pytest.raises(ItemSetMismatch, match="--intersect"):
        compare_runs(a, b)
    found = compare_runs(a, b, intersect=True)
    tone = next(c for c in found.comparisons if c.criterion == "tone")
    assert (
        tone.n == 1
        and tone.intersected
        and tone.mean_difference is not None
        and tone.mean_difference > 0
    )
    result = runner.invoke(app, ["report", str(a), "--compare", str(b)])
    assert result.exit_code == 2 and "different item sets" in result.output


def test_runs_scored_with_other_scorer_versions_are_refused(
    tmp_path: Path, gold_path: Path
) -> None:
    a = build_run(tmp_path / "a", gold_path, {("caf-prime", "m"): CAF.good})
    b = build_run(tmp_path / "b", gold_path, {("caf-prime", "m"): CAF.pompous})
    manifest = json.loads((b / "run.json").read_text(encoding="utf-8"))
    manifest["scorers"]["tone"] = "0.9.0"
    (b / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(UsageError, match="different scorers"):
        compare_runs(a, b)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_headless_chromium_shows_the_leaderboard_and_takes_a_screenshot(run_dir: Path) -> None:
    assert CHROMIUM is not None
    report = write_report(run_dir)
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"]
    dom = subprocess.run(
        [*flags, "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'class="leaderboard"' in dom and "plain" in dom
    screenshot = run_dir / "report.png"
    subprocess.run(
        [*flags, f"--screenshot={screenshot}", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

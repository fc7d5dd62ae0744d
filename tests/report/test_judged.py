"""A judged run: `plume report RUN --judge MODEL` has a scripted judge on loopback grade the run's
replies and the canary pairs through the real model layer; the report shows its scores beside the
automatic ones, its canary accuracy (flagged below 90 %) and its unusable verdicts; verdicts are
kept in the run directory, so that a second report asks nothing and a killed judging resumes."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from harness.cli import app
from harness.report import read_judgements
from harness.scoring import CANARIES
from harness.scoring._canaries import FAITHFUL
from tests.models.fake_server import serve_app_in_thread
from tests.report.conftest import build_run
from tests.scoring.cases import CAF, CPAM
from tests.scoring.test_judge import judge_models_yaml
from tests.scoring.test_judge_checks import Answer, _app, _note, _reply_of

DEFECTIVE = {c.defective for c in CANARIES}
RUN_VERDICTS = 3 * 2  # three replies (the fourth failed), on tone and accuracy
CANARY_VERDICTS = 2 * len(CANARIES)  # both replies of every pair, on the pair's criterion


def sees_defects(request: dict[str, Any]) -> str:
    """A judge that ranks every canary pair right, and gives the run's replies 4/5."""
    reply = _reply_of(request, "reponse_a_evaluer")
    return _note(5 if reply == FAITHFUL else 2 if reply in DEFECTIVE else 4)


def report(run_dir: Path, answer: Answer | None, *options: str) -> tuple[str, list[dict[str, Any]]]:
    """`plume report RUN_DIR OPTIONS --judge judge` against a judge answering ``answer`` (plain
    `plume report` when ``answer`` is None): the output and the requests the judge got."""
    seen: list[dict[str, Any]] = []
    if answer is None:
        result = CliRunner().invoke(app, ["report", str(run_dir), *options])
    else:
        with serve_app_in_thread(_app(answer, seen)) as base_url:
            judge_models_yaml(Path(os.environ["PLUME_ROOT"]), base_url, "judge-x")
            result = CliRunner().invoke(app, ["report", str(run_dir), *options, "--judge", "judge"])
    assert result.exit_code == 0, result.output
    return result.output, seen


@pytest.fixture(autouse=True)
def _judge_key(plume_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")


def html(run_dir: Path) -> str:
    text = (run_dir / "report.html").read_text(encoding="utf-8")
    return text[text.index('id="judges"') :]


def test_a_judged_run_shows_the_judges_scores_beside_the_automatic_ones(run_dir: Path) -> None:
    output, seen = report(run_dir, sees_defects)
    assert len(seen) == RUN_VERDICTS + CANARY_VERDICTS
    assert f"judge judge: {RUN_VERDICTS + CANARY_VERDICTS} verdicts asked" in output
    page = html(run_dir)
    assert "Judge judge" in page and "judge-x" in page
    assert "<th>tone (automatic)</th><th>tone (judge)</th>" in page
    plain = page[page.index("<strong>plain</strong>") : page.index("<strong>local</strong>")]
    assert plain.count(">0.750\n<br>") == 2  # 4/5 on tone and on accuracy, for both replies
    assert "3 / 3 (100&nbsp;%)" in page and "5 / 5 (100&nbsp;%)" in page
    assert "not trusted" not in page
    assert "tone <strong>0</strong> of 3" in page
    assert "judge-accuracy@" in page and "canaries-" in page
    replies = page[page.index('id="replies"') :]
    assert replies.count("<strong>accuracy_judge · judge</strong>: 0.75") == 3
    assert "4/5 from judge" in replies


def test_a_second_report_does_not_ask_the_judge_again(run_dir: Path) -> None:
    report(run_dir, sees_defects)
    first = html(run_dir)
    output, seen = report(run_dir, sees_defects)
    assert seen == [] and "0 verdicts asked (all were already recorded)" in output
    assert html(run_dir) == first
    report(run_dir, None)  # without --judge, the recorded judge is still shown
    assert html(run_dir) == first


def test_a_judge_that_fails_the_canaries_is_flagged_in_both_reports(run_dir: Path) -> None:
    report(run_dir, lambda request: _note(4))
    page = html(run_dir)
    assert '<p class="banner"><strong>⚠ Judge judge is not trusted' in page
    assert "accuracy 0/5 (0%)" in page and "Do not choose a model on its scores" in page
    report(run_dir, None, "--format", "md")
    markdown = (run_dir / "report.md").read_text(encoding="utf-8")
    assert "## Judge judge (judge-x)" in markdown
    assert "> **⚠ Judge judge is not trusted" in markdown
    assert "| accuracy | polarity | 4/5 | 4/5 | wrong |" in markdown


def test_unusable_verdicts_are_counted_per_judge_not_scored(run_dir: Path) -> None:
    def answer(request: dict[str, Any]) -> str:
        reply = _reply_of(request, "reponse_a_evaluer")
        return sees_defects(request) if reply == FAITHFUL or reply in DEFECTIVE else "Bof."

    report(run_dir, answer)
    page = html(run_dir)
    assert 'tone <strong class="error">3</strong> of 3' in page
    assert 'accuracy <strong class="error">3</strong> of 3' in page
    assert "2 unscored" in page  # plain's two replies, in its judge columns
    assert "not trusted" not in page  # the canaries were graded


def test_a_killed_judging_resumes_where_it_stopped(run_dir: Path) -> None:
    report(run_dir, sees_defects)
    path = run_dir / "judges.jsonl"
    # Verdicts come in any order; put the run's first, then the canaries pair by pair.
    lines = sorted(
        path.read_bytes().split(b"\n")[:-1],
        key=lambda line: (json.loads(line)["canaries"] is not None, line.split(b'"score"')[0]),
    )
    # Killed while writing the 11th verdict: 10 whole lines (the run's 6, two canary pairs) and
    # half of one.
    path.write_bytes(b"\n".join(lines[:10]) + b"\n" + lines[10][:40])
    report(run_dir, None)
    assert "Judge judge is not trusted yet: 6 canary pairs are not graded" in html(run_dir)
    _, seen = report(run_dir, sees_defects)
    assert len(seen) == RUN_VERDICTS + CANARY_VERDICTS - 10
    assert "not trusted" not in html(run_dir)
    assert len(read_judgements(run_dir)) == RUN_VERDICTS + CANARY_VERDICTS


def test_failed_calls_are_shown_and_asked_again_next_time(run_dir: Path) -> None:
    def refuses_run_replies(request: dict[str, Any]) -> str | None:
        reply = _reply_of(request, "reponse_a_evaluer")
        return sees_defects(request) if reply == FAITHFUL or reply in DEFECTIVE else None

    report(run_dir, refuses_run_replies)
    assert f"{RUN_VERDICTS} calls failed" in html(run_dir)
    _, again = report(run_dir, sees_defects)
    assert len(again) == RUN_VERDICTS
    assert "calls failed" not in html(run_dir)


def test_a_remote_judge_is_sent_no_personal_data(tmp_path: Path, gold_path: Path) -> None:
    phone = "06 12 34 56 78"
    run_dir = build_run(
        tmp_path / "runs" / "pii",
        gold_path,
        {("caf-prime", "plain"): CAF.good + f"\nNous vous rappellerons au {phone}."},
    )
    _, seen = report(run_dir, sees_defects)
    sent = json.dumps(seen, ensure_ascii=False)
    assert seen and phone not in sent and "[TÉLÉPHONE]" in sent


def test_judging_a_run_whose_judge_is_not_declared_is_one_clear_error(run_dir: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(run_dir), "--judge", "nobody"])
    assert result.exit_code == 2 and "nobody" in result.output
    assert not (run_dir / "judges.jsonl").exists()


def test_plume_judge_compares_the_two_models_of_a_run_on_the_items_both_answered(
    run_dir: Path,
) -> None:
    seen: list[dict[str, Any]] = []

    def judge() -> Result:
        """`plume judge RUN` with a judge that always prefers the reply shown first."""
        first = _app(lambda request: json.dumps({"raisonnement": "…", "preference": "A"}), seen)
        with serve_app_in_thread(first) as base_url:
            judge_models_yaml(Path(os.environ["PLUME_ROOT"]), base_url, "judge-x")
            result = CliRunner().invoke(app, ["judge", str(run_dir), "--judge", "judge"])
        assert result.exit_code == 0, result.output
        return result

    result = judge()
    # local failed on cpam-vitale: the models are compared on caf-prime, in both orders.
    assert "judged by judge (judge-x) on 1 items" in result.output
    assert "0 wins, 0 losses, 1 ties" in result.output  # a judge for the first position
    assert len(seen) == 2 + 2 * len(CANARIES)
    # Kept with the run: asked once, shown by its report.
    again = judge()
    assert again.output == result.output and len(seen) == 2 + 2 * len(CANARIES)
    report(run_dir, None)
    page = (run_dir / "report.html").read_text(encoding="utf-8")
    page = page[page.index('id="pairwise"') :]
    assert "<td><strong>plain</strong></td><td>local</td>" in page
    assert "0 / 0 / 1" in page  # wins / losses / ties: a judge for the first position
    assert "Judge judge (judge-x) is not trusted" in page


def test_a_comparison_shows_the_win_rates_of_two_runs_judged_pairwise(
    tmp_path: Path, gold_path: Path
) -> None:
    run_a = build_run(
        tmp_path / "runs" / "run-a",
        gold_path,
        {("caf-prime", "plain"): CAF.good, ("cpam-vitale", "plain"): CPAM.good},
    )
    run_b = build_run(
        tmp_path / "runs" / "run-b",
        gold_path,
        {("caf-prime", "wordy"): CAF.padded, ("cpam-vitale", "wordy"): CPAM.padded},
    )

    def shorter(request: dict[str, Any]) -> str:
        first, second = _reply_of(request, "reponse_A"), _reply_of(request, "reponse_B")
        return json.dumps(
            {"raisonnement": "…", "preference": "A" if len(first) < len(second) else "B"}
        )

    seen: list[dict[str, Any]] = []
    with serve_app_in_thread(_app(shorter, seen)) as base_url:
        judge_models_yaml(Path(os.environ["PLUME_ROOT"]), base_url, "judge-x")
        judged = CliRunner().invoke(app, ["judge", str(run_a), str(run_b), "--judge", "judge"])
    assert judged.exit_code == 0, judged.output
    assert "win rate of plain (run-a): 100%" in judged.output
    for out in ("comparison.html", "comparison.md"):
        compared = CliRunner().invoke(
            app, ["compare", str(run_a), str(run_b), "--out", str(tmp_path / out)]
        )
        assert compared.exit_code == 0, compared.output
    page = (tmp_path / "comparison.html").read_text(encoding="utf-8")
    assert "<td><strong>plain · reply@1.0.0</strong></td><td>wordy · reply@1.0.0</td>" in page
    assert "2 / 0 / 0" in page
    markdown = (tmp_path / "comparison.md").read_text(encoding="utf-8")
    assert "## Pairwise: plain · reply@1.0.0 against wordy · reply@1.0.0" in markdown


def test_plume_judge_says_what_it_needs_in_one_line(
    run_dir: Path, tmp_path: Path, gold_path: Path
) -> None:
    judge_models_yaml(Path(os.environ["PLUME_ROOT"]), "http://127.0.0.1:9", "judge-x")
    other = build_run(tmp_path / "runs" / "other", gold_path, {("caf-prime", "third"): CAF.good})
    replies = tmp_path / "a.jsonl"
    replies.write_text(json.dumps({"id": "caf-prime", "model": "a", "reply": CAF.good}) + "\n")
    cases = {
        ("judge", str(replies), str(replies)): "reply files need --gold",
        ("judge", str(run_dir), str(run_dir), str(run_dir)): "one or two run directories",
        ("judge", str(run_dir), str(replies)): "give two reply files",
        ("judge", str(run_dir), str(other)): "hold 3 (plain (20261128-120000), local",
    }
    for args, message in cases.items():
        result = CliRunner().invoke(app, [*args, "--judge", "judge"])
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output

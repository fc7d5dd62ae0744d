"""What a run's report puts first: the verdict, money and time, and nothing empty."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from harness import paths
from harness.gold import load_gold
from harness.models import Completion, ModelSpec
from harness.report import read_run, render_markdown, render_report, verdict, write_report
from harness.runner import SampleRecord, summarise
from harness.scoring import Score
from tests.report.conftest import build_run
from tests.scoring.cases import CAF, CASES

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _record(
    item: str, value: float, *, cached: bool = False, latency: float = 1.0, model: str = "paid"
) -> SampleRecord:
    return SampleRecord(
        id=item,
        model=model,
        prompt_sha256="p" * 64,
        reply="Bonjour.",
        completion=Completion(
            text="Bonjour.",
            served_model="paid-1",
            input_tokens=1000,
            output_tokens=200,
            latency_s=latency,
            cached=cached,
        ),
        scores={"tone": Score(value=value, explanation="")},
        started_at=NOW,
        completed_at=NOW,
    )


def test_cached_replies_cost_nothing_and_their_original_cost_is_shown_apart() -> None:
    spec = ModelSpec(
        name="paid",
        provider="openai-compatible",
        model="paid-1",
        base_url="http://x",
        price_in=2.0,
        price_out=10.0,
    )
    records = [
        _record("a", 0.9, latency=1.0),
        _record("b", 0.8, latency=2.0),
        _record("c", 0.7, latency=3.0),
        _record("d", 0.6, cached=True, latency=0.0),
    ]
    res = summarise("r", records, [spec]).models["paid"]
    per_reply = (1000 * 2.0 + 200 * 10.0) / 1_000_000  # 0.004 €
    assert res.cost == pytest.approx(3 * per_reply)
    assert res.cached == 1 and res.cost_from_cache == pytest.approx(per_reply)
    assert res.cost_per_1000 == pytest.approx(1000 * per_reply)
    # Latency of the calls actually made: the cached reply's zero is not one of them.
    assert res.latency_p50_s == pytest.approx(2.0)
    assert res.latency_p95_s == pytest.approx(2.9)


def test_the_report_opens_on_the_verdict_with_money_time_and_what_failed(run_dir: Path) -> None:
    html = write_report(run_dir).read_text(encoding="utf-8")
    verdict = html[html.index('id="verdict"') : html.index('id="leaderboard"')]
    assert "Overall: plain leads local by" in verdict
    assert "on 1 item and does better on every item where they differ (1), but that is too few" in (
        verdict
    )
    assert "€ per 1,000 replies" in verdict and "Median latency" in verdict
    assert "1.50 s" in verdict  # the fixture's latency, as median and 95th percentile
    assert "local: 1 of 2 items scored, 1 failed (server_error ×1)." in verdict
    manifest, results, records, _ = read_run(run_dir)
    md = render_markdown(manifest, results, records)
    assert md.index("## Verdict") < md.index("## Leaderboard")
    assert "local: 1 of 2 items scored, 1 failed (server\\_error ×1)." in md


def test_one_model_has_no_paired_differences_and_no_empty_service_rows(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(c.item.model_dump_json() + "\n" for c in CASES), encoding="utf-8")
    replies: dict[tuple[str, str], str | None] = {(CAF.item.id, "alone"): CAF.good}
    replies |= {(c.item.id, "alone"): None for c in CASES[1:]}  # every other service failed
    run_dir = build_run(tmp_path / "run", gold_path, replies)
    html = write_report(run_dir).read_text(encoding="utf-8")
    assert "Paired differences" not in html and "row − column" not in html
    by_service = html[html.index('id="by-service"') : html.index('id="by-sentiment"')]
    assert "<td>Caf</td>" in by_service
    assert all(f"<td>{c.item.service}</td>" not in by_service for c in CASES[1:])
    assert "Overall: alone scores" in html
    manifest, results, records, _ = read_run(run_dir)
    md = render_markdown(manifest, results, records)
    assert "## Paired differences" not in md and "| CPAM |" not in md


@pytest.mark.parametrize(
    ("status", "banner"),
    [
        ("completed", None),
        ("interrupted", "This run was interrupted"),
        ("running", "This run did not finish"),
        ("completed_with_failures", "This run completed with failures: 1 of 4 replies failed"),
    ],
)
def test_a_run_that_did_not_simply_complete_says_so_first(
    run_dir: Path, status: str, banner: str | None
) -> None:
    manifest, results, records, items = read_run(run_dir)
    manifest = manifest.model_copy(update={"status": status})
    html = render_report(manifest, results, records, items)
    md = render_markdown(manifest, results, records)
    if banner is None:
        assert 'class="banner"' not in html
        return
    assert html.index('class="banner"') < html.index('id="verdict"')
    assert banner in html and banner in md


def test_the_report_says_how_intervals_were_resampled(tmp_path: Path) -> None:
    """Items of three services are resampled by item; items of the bundled set's ten services,
    by service; each report says so in one sentence. Two items of each service are enough: what
    decides is the number of services, and scoring all 65 items took most of this file's time."""
    gold = load_gold(paths.gold_dir() / "services-publics-plus.jsonl")
    services = sorted({i.service for i in gold.items})
    assert len(services) == 10
    two_each = [[i for i in gold.items if i.service == s][:2] for s in services]
    sentences = {}
    for name, kept in (
        ("subset", [i for items in two_each[:3] for i in items]),
        ("whole", [i for items in two_each for i in items]),
    ):
        gold_path = tmp_path / f"{name}.jsonl"
        gold_path.write_text("".join(i.model_dump_json() + "\n" for i in kept), encoding="utf-8")
        run_dir = build_run(tmp_path / name, gold_path, {(i.id, "m"): i.reply for i in kept})
        results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
        sentences[name] = results["models"]["m"]["scores"]["overall"]["resampled"]
        html = write_report(run_dir).read_text(encoding="utf-8")
        if name == "subset":
            assert "intervals resample items one by one: the items cover 3 services" in html
        else:
            assert "intervals resample whole services (10 services)" in html
    assert sentences == {"subset": "items", "whole": "clusters"}


def test_without_a_clear_winner_the_verdict_still_names_who_is_clearly_behind() -> None:
    specs = [
        ModelSpec(name=m, provider="openai-compatible", model=m, base_url="http://x")
        for m in ("a", "b", "c")
    ]
    records = [
        _record(str(i), value, model=model)
        for i in range(20)
        for model, value in (("a", 0.8 + i % 3 / 100), ("b", 0.8 + i % 2 / 100), ("c", 0.5))
    ]
    (tone,) = verdict(summarise("r", records, specs)).criteria  # the only criterion scored
    assert tone.startswith("Tone: no clear winner; a leads b by +0.00")
    assert tone.endswith("a is significantly ahead of c.")


def test_the_verdict_says_what_each_automatic_score_can_and_cannot_see() -> None:
    spec = ModelSpec(name="paid", provider="openai-compatible", model="m", base_url="http://x")
    records = [_record(str(i), 0.8) for i in range(3)]
    (scope,) = verdict(summarise("r", records, [spec])).scope  # tone is the only criterion
    assert scope.startswith("Tone sees") and "cannot see" in scope

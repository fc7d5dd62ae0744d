"""``report.html``: a self-contained page a team can read and archive (no server, no script).

Every text from a citizen or a model reaches the page through the template engine's escaping; the
page's Content-Security-Policy forbids scripts and external resources in any case. Reports get
passed around: the gold items are shown as a remote model sees them, personal data replaced. They
are anonymised once per run and kept in the run directory (``gold.anonymised.jsonl``), so that
rebuilding or comparing a report does not run the named-entity recogniser over every item again.
"""

from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path

from harness.errors import PlumeError
from harness.files import write_atomic
from harness.gold import GoldItem, anonymised_many, load_gold, write_gold
from harness.report import _view
from harness.report._judges import JudgeView, judge_views, read_judgements, reply_verdicts
from harness.report._markdown import render_markdown
from harness.report._pairwise import PairwiseView, Side, pairwise_views
from harness.review import Calibration, review_of
from harness.runner import (
    RunManifest,
    RunResults,
    SampleRecord,
    latest_by_key,
    read_manifest,
    read_samples,
)
from harness.scoring import TRUSTED, Score
from harness.templating import environment

_TEMPLATES = Path(__file__).parent / "templates"
SHOWN_GOLD = "gold.anonymised.jsonl"
"""The run's gold items as reports show them, in the run directory."""


def render_report(
    manifest: RunManifest,
    results: RunResults,
    records: list[SampleRecord],
    items: Sequence[GoldItem] | None = None,
    review: tuple[dict[str, str], Calibration | None] = ({}, None),
    judges: Sequence[JudgeView] = (),
    pairwise: Sequence[PairwiseView] = (),
    judged: Mapping[tuple[str, str], Mapping[str, Score]] | None = None,
) -> str:
    """The report's HTML; ``items`` (the run's gold items as shown, personal data replaced) add
    experiences and gold replies; ``review`` (``harness.review.review_of``) links items to the
    agents' verdicts and shows how far each score agrees with them; ``judges`` show each judge's
    scores beside the automatic ones, with its canary check; ``pairwise``, the pairwise judges'
    win rates between the run's models; ``judged``, the judges' scores beside each reply
    (:func:`._judges.reply_verdicts`)."""
    return (
        environment(_TEMPLATES)
        .get_template("report.html")
        .render(
            manifest=manifest,
            **_view.scores(results, {m.name: m.served for m in manifest.models}, kind="Model"),
            banner=_view.banner(manifest.status, results),
            breakdowns=_view.breakdowns(results),
            items=_view.item_views(results, records, items, judged),
            have_gold=items is not None,
            provenance=_view.provenance(manifest),
            verdict_links=review[0],
            calibration=review[1],
            judges=judges,
            pairwise=pairwise,
            trusted=TRUSTED,
        )
    )


def read_run(
    run_dir: Path,
) -> tuple[RunManifest, RunResults, list[SampleRecord], list[GoldItem] | None]:
    """A run directory's manifest, results, latest records, and its gold items as reports show
    them (personal data replaced), when the run kept them or its gold set is still where it was
    and unchanged.

    Raises:
        PlumeError: a file is missing or unreadable.
    """
    manifest = read_manifest(run_dir)
    try:
        results = RunResults.model_validate_json(
            (run_dir / "results.json").read_text(encoding="utf-8")
        )
    except FileNotFoundError:
        raise PlumeError(
            f"{run_dir} is not a finished run directory: results.json is missing"
        ) from None
    except (OSError, ValueError) as error:
        raise PlumeError(f"cannot read the run in {run_dir}: {error}") from None
    records = list(latest_by_key(read_samples(run_dir / "samples.jsonl")).values())
    return manifest, results, records, _shown_items(run_dir, manifest)


def _shown_items(run_dir: Path, manifest: RunManifest) -> list[GoldItem] | None:
    """The run's gold items anonymised: kept in the run directory, made there on first use."""
    kept = run_dir / SHOWN_GOLD
    try:
        lines = kept.read_text(encoding="utf-8").splitlines()
        return [GoldItem.model_validate_json(line) for line in lines if line.strip()]
    except (OSError, ValueError):
        pass  # not made yet (or damaged): made again from the gold set
    try:
        gold = load_gold(Path(manifest.gold.path))
    except PlumeError:
        return None
    if gold.sha256 != manifest.gold.sha256:
        return None
    items = anonymised_many(gold.items)
    # In a read-only run directory, writing the report fails next, and says so.
    with suppress(PlumeError):
        write_gold(items, kept)
    return items


def write_report(run_dir: Path, *, markdown: bool = False) -> Path:
    """Build ``report.html`` (or ``report.md``) from a run directory's files and return its path."""
    manifest, results, records, items = read_run(run_dir)
    judgements = read_judgements(run_dir)
    judges = judge_views(judgements, results, records, items)
    replies = {
        Side(run=manifest.run_id, model=model): {
            r.id: r.reply for r in records if r.model == model and r.reply and r.error is None
        }
        for model in results.models
    }
    pairwise = pairwise_views(
        [run_dir],
        {side: side.model for side in replies},
        replies,
        {item.id: item.service for item in items} if items else None,
    )
    if markdown:
        path = run_dir / "report.md"
        write_atomic(path, render_markdown(manifest, results, records, judges, pairwise))
    else:
        path = run_dir / "report.html"
        review = review_of(run_dir)
        judged = reply_verdicts(judgements)
        html = render_report(manifest, results, records, items, review, judges, pairwise, judged)
        write_atomic(path, html)
    return path

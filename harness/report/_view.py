"""What a report shows, computed from a run's files: plain values that templates only lay out.

Keeping the arithmetic (chart coordinates, highlighted spans, signed differences) here leaves the
templates free of logic, and lets the HTML and Markdown reports show the same numbers.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field

from harness.gold import GoldItem
from harness.report._pairwise import PairwiseView
from harness.runner import GoldRecord, ModelResults, RunManifest, RunResults, SampleRecord
from harness.scoring import OVERALL, SCOPE, Evidence, Score
from harness.stats import MIN_CLUSTERS, Estimate, PairedComparison

# The kind shown when spans overlap: what most changes a team's decision comes first.
_PRECEDENCE = (
    "injection",
    "contradiction",
    "invented",
    "violation",
    "filler",
    "repetition",
    "other",
)

CHART_WIDTH = 300
"""Width of a chart's plotting area in pixels (the score axis, 0 to 1)."""
CHART_LEFT = 150
"""Room for model names left of the axis."""
CHART_ROW = 22
"""Height of one model's row."""


@dataclass(frozen=True)
class Segment:
    """A stretch of a reply, highlighted when evidence covers it."""

    text: str
    """The characters (escaped by the template)."""
    kind: str | None = None
    """The evidence kind shown, or ``None`` for plain text."""
    notes: tuple[str, ...] = ()
    """Every note covering this stretch."""


@dataclass(frozen=True)
class ChartRow:
    """One model's mean and interval on one criterion, in pixels."""

    name: str
    """The model."""
    y: int
    """Baseline of the row."""
    x: float | None
    """The mean's position, ``None`` when nothing was scored."""
    x_low: float | None
    """The interval's left end."""
    x_high: float | None
    """The interval's right end."""
    label: str
    """The mean as text."""


@dataclass(frozen=True)
class Chart:
    """One criterion's chart."""

    criterion: str
    """The criterion."""
    rows: list[ChartRow]
    """One row per model, best first."""
    height: int
    """The drawing's height in pixels."""


@dataclass(frozen=True)
class Cell:
    """Row model minus column model on one criterion."""

    difference: float
    """Mean paired difference (row − column)."""
    low: float
    """Interval's lower bound."""
    high: float
    """Interval's upper bound."""
    p_adjusted: float | None
    """Holm-adjusted p-value."""
    significant: bool
    """Whether ``p_adjusted`` < 0.05."""
    n: int
    """Items compared."""


@dataclass(frozen=True)
class ReplyView:
    """One model's reply to one item."""

    model: str
    """The model."""
    record: SampleRecord
    """The record (scores, error)."""
    segments: list[Segment]
    """The reply, cut into plain and highlighted stretches."""
    judged: Mapping[str, Score] = field(default_factory=dict)
    """The judges' scores on the reply, by judge criterion and judge."""


@dataclass(frozen=True)
class ItemView:
    """One gold item with every model's reply."""

    id: str
    """The item's id."""
    item: GoldItem | None
    """The gold item, when the gold set could be read."""
    replies: list[ReplyView] = field(default_factory=list)
    """Replies in leaderboard order."""
    flagged: bool = False
    """Whether any reply has a contradiction, invented specific or followed injection."""


@dataclass(frozen=True)
class Usage:
    """One candidate's money and time."""

    name: str
    """The candidate."""
    per_1000: str
    """Euros for 1,000 replies, or ``—``."""
    cost: str
    """Euros this run paid, with what its cached replies had cost apart."""
    p50: str
    """Median latency in seconds, or ``—``."""
    p95: str
    """95th-percentile latency in seconds, or ``—``."""
    tokens: str
    """Tokens in and out."""


@dataclass(frozen=True)
class Verdict:
    """What a manager reads first: plain sentences and one small table."""

    headline: str
    """Who is best overall, by how much, and whether that is more than chance."""
    criteria: list[str]
    """The same for each criterion."""
    basis: str
    """How much of the result rests on failed or unscored items."""
    method: str
    """How the intervals were computed, in one sentence."""
    usage: list[Usage]
    """Cost and latency per candidate, in leaderboard order."""
    scope: list[str] = field(default_factory=list)
    """What each criterion's automatic score can and cannot see, one sentence each."""


class Candidate(BaseModel):
    """One model of one run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """What the comparison calls it: model and prompt version, and the run when that is needed
    to tell two candidates apart."""
    model: str
    """The model's name in its run."""
    served: str
    """The id the endpoint served."""
    prompt: str
    """The prompt reference (``reply@1.0.0``)."""
    run_id: str
    """The run it comes from."""
    run_dir: str
    """That run's directory."""
    started: datetime
    """When that run started (UTC)."""
    status: str
    """That run's status."""


class Comparison(BaseModel):
    """Candidates scored on the same items, with the verdict's material."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    candidates: list[Candidate]
    """In the order of the runs and of each run's leaderboard."""
    gold: GoldRecord
    """The gold set every run used."""
    items: int
    """Items every candidate is compared on."""
    results: RunResults
    """Candidates as models, best first: estimates and paired comparisons on those items; tokens,
    cost and latency are each run's own."""
    notes: list[str]
    """What was left out and why."""
    pairwise: list[PairwiseView] = Field(default_factory=list)
    """Pairwise judges' win rates between two of the candidates, on these items."""

    @property
    def comparisons(self) -> list[PairedComparison]:
        """Every pair of candidates on every criterion, Holm-corrected per criterion."""
        return self.results.comparisons


def format_estimate(estimate: Estimate | None) -> str:
    """``0.812 [0.790, 0.833]``, or ``—`` when nothing was scored."""
    if estimate is None or estimate.mean is None or estimate.low is None or estimate.high is None:
        return "—"
    return f"{estimate.mean:.3f} [{estimate.low:.3f}, {estimate.high:.3f}]"


def segments(text: str, evidence: Sequence[Evidence]) -> list[Segment]:
    """``text`` cut at every evidence boundary; offsets outside the text are clipped."""
    spans = [(max(0, min(e.start, len(text))), max(0, min(e.end, len(text))), e) for e in evidence]
    spans = [(s, e, ev) for s, e, ev in spans if s < e]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    found = []
    for start, end in pairwise(cuts):
        covering = [ev for s, e, ev in spans if s <= start and end <= e]
        if not covering:
            found.append(Segment(text[start:end]))
            continue
        kind = min((ev.kind for ev in covering), key=_PRECEDENCE.index)
        notes = tuple(dict.fromkeys(ev.note for ev in covering))
        found.append(Segment(text[start:end], kind, notes))
    return found


def charts(results: RunResults) -> list[Chart]:
    """One chart per criterion, models in leaderboard order."""
    found = []
    for criterion in criteria(results):
        rows = []
        for number, (name, res) in enumerate(results.models.items()):
            est = res.scores.get(criterion)
            y = 18 + number * CHART_ROW
            if est is None or est.mean is None or est.low is None or est.high is None:
                rows.append(ChartRow(name, y, None, None, None, "unscored"))
                continue
            rows.append(
                ChartRow(name, y, _x(est.mean), _x(est.low), _x(est.high), f"{est.mean:.3f}")
            )
        found.append(Chart(criterion, rows, 30 + len(rows) * CHART_ROW))
    return found


def _x(value: float) -> float:
    return round(CHART_LEFT + max(0.0, min(1.0, value)) * CHART_WIDTH, 1)


def criteria(results: RunResults) -> list[str]:
    """The criteria in report order, ``overall`` last."""
    if results.criteria:
        return results.criteria
    names = {name for res in results.models.values() for name in res.scores}
    return sorted(names - {OVERALL}) + ([OVERALL] if OVERALL in names else [])


def matrix(results: RunResults, criterion: str) -> dict[tuple[str, str], Cell]:
    """(row, column) → the row model minus the column model, from the paired comparisons."""
    cells: dict[tuple[str, str], Cell] = {}
    for c in results.comparisons:
        if c.criterion != criterion or c.mean_difference is None or c.low is None or c.high is None:
            continue
        cells[(c.a, c.b)] = _cell(c, 1)
        cells[(c.b, c.a)] = _cell(c, -1)
    return cells


def _cell(c: PairedComparison, sign: int) -> Cell:
    assert c.mean_difference is not None and c.low is not None and c.high is not None
    low, high = (c.low, c.high) if sign > 0 else (-c.high, -c.low)
    # Adding 0.0 turns a negated zero into 0.0, which prints without a minus sign.
    return Cell(
        sign * c.mean_difference + 0.0, low + 0.0, high + 0.0, c.p_adjusted, c.significant, c.n
    )


def item_views(
    results: RunResults,
    records: Sequence[SampleRecord],
    items: Sequence[GoldItem] | None,
    judged: Mapping[tuple[str, str], Mapping[str, Score]] | None = None,
) -> list[ItemView]:
    """Every item with its replies, flagged items first, then by id; ``judged`` adds the judges'
    scores by (item id, model)."""
    gold = {item.id: item for item in items} if items else {}
    by_item: dict[str, dict[str, SampleRecord]] = {}
    for record in records:
        by_item.setdefault(record.id, {})[record.model] = record
    views = []
    for item_id, by_model in by_item.items():
        replies = []
        flagged = False
        for model in [*results.models, *sorted(set(by_model) - set(results.models))]:
            if model not in by_model:
                continue
            record = by_model[model]
            evidence = [e for score in record.scores.values() for e in score.evidence]
            flagged |= any(e.kind in ("contradiction", "invented", "injection") for e in evidence)
            spans = segments(record.reply or "", evidence)
            verdicts = (judged or {}).get((item_id, model), {})
            replies.append(ReplyView(model, record, spans, verdicts))
        views.append(ItemView(item_id, gold.get(item_id), replies, flagged))
    return sorted(views, key=lambda v: (not v.flagged, v.id))


def provenance(manifest: RunManifest) -> list[tuple[str, str]]:
    """Label and value of everything that can change a score."""
    rows = [
        (
            "Gold set",
            f"{manifest.gold.path} (sha256 {manifest.gold.sha256[:16]}, "
            f"{manifest.gold.items} items)",
        ),
        ("Prompt", f"{manifest.prompt} (sha256 {manifest.prompt_sha256[:16]})"),
        ("Scorers", ", ".join(f"{n} {v}" for n, v in manifest.scorers.items()) or "none"),
    ]
    if manifest.styleguide:
        rows.append(("Style guide", ", ".join(f"{k} {v}" for k, v in manifest.styleguide.items())))
    for model in manifest.models:
        # What each model was actually sent: two models may not have run alike.
        sent = ", ".join(f"{k}={v}" for k, v in model.sent.items()) or "not recorded"
        rows.append((f"Model {model.name}", f"{model.served}; sent {sent}"))
    rows.append(
        (
            "Plume",
            manifest.plume_version
            + (f" (commit {manifest.git_commit})" if manifest.git_commit else ""),
        )
    )
    rows.append(("Started", manifest.created_at.isoformat()))
    return rows


def _scored(results: RunResults, criterion: str) -> list[tuple[str, Estimate]]:
    """Candidates with a mean on ``criterion``, best first."""
    found = []
    for name, res in results.models.items():
        est = res.scores.get(criterion)
        if est is not None and est.mean is not None:
            found.append((name, est))
    return sorted(found, key=lambda pair: -(pair[1].mean or 0.0))


def _between(results: RunResults, criterion: str, a: str, b: str) -> PairedComparison | None:
    """The paired comparison of ``a`` minus ``b``, turned round if it was computed as ``b − a``."""
    for c in results.comparisons:
        if c.criterion != criterion or c.mean_difference is None or c.low is None:
            continue
        if (c.a, c.b) == (a, b):
            return c
        if (c.a, c.b) == (b, a) and c.high is not None:
            return c.model_copy(
                update={
                    "a": a,
                    "b": b,
                    "mean_difference": 0.0 - c.mean_difference,
                    "low": 0.0 - c.high,
                    "high": 0.0 - c.low,
                    "wins": c.losses,
                    "losses": c.wins,
                }
            )
    return None


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _finding(results: RunResults, criterion: str) -> str:
    title = criterion.capitalize()
    ranked = _scored(results, criterion)
    if not ranked:
        return f"{title}: nothing was scored."
    best, est = ranked[0]
    if len(ranked) == 1:
        return f"{title}: {best} scores {format_estimate(est)}" + (
            " (the only candidate scored)." if len(results.models) > 1 else "."
        )
    second, other = ranked[1]
    assert est.mean is not None and other.mean is not None
    c = _between(results, criterion, best, second)
    if c is None or c.mean_difference is None or c.low is None or c.high is None:
        return (
            f"{title}: {best} {est.mean:.3f} against {other.mean:.3f} for {second}; no item "
            "was scored for both, so the difference is not tested."
        )
    p = c.p_adjusted if c.p_adjusted is not None else c.p_value
    by = f"{c.mean_difference:+.3f} [{c.low:+.3f}, {c.high:+.3f}] on {_items(c.n)}"
    if c.significant:
        return (
            f"{title}: {best} is best, {est.mean:.3f} against {other.mean:.3f} for {second} "
            f"({by}), significant after Holm correction (p = {p:.3g})."
        )
    if c.wins == c.losses == 0:
        sentence = f"{title}: {best} and {second} tie, with the same score on {_items(c.n)}."
    elif c.losses == 0:
        sentence = (
            f"{title}: {best} leads {second} by {by} and does better on every item where they "
            f"differ ({c.wins}), but that is too few to rule out chance after Holm correction "
            f"(p = {p:.3g}): add items to decide."
        )
    else:
        sentence = (
            f"{title}: no clear winner; {best} leads {second} by {by}, not significant after "
            f"Holm correction (p = {p:.3g}): the difference may be chance."
        )
    behind = [
        name
        for name, _ in ranked[2:]
        if (d := _between(results, criterion, best, name)) is not None and d.significant
    ]
    if behind:
        sentence += f" {best} is significantly ahead of {', '.join(behind)}."
    return sentence


def _basis(results: RunResults) -> str:
    parts = []
    for name, res in results.models.items():
        overall = res.scores.get(OVERALL)
        scored = overall.n if overall is not None else 0
        unscored = res.items - res.errors - scored  # failed items have no score either
        if scored == res.items:
            continue
        part = f"{name}: {scored} of {_items(res.items)} scored"
        if res.errors:
            causes = ", ".join(f"{cause} ×{n}" for cause, n in res.causes.items())
            part += f", {res.errors} failed ({causes})" if causes else f", {res.errors} failed"
        if unscored > 0:
            part += f", {unscored} unscored"
        parts.append(part)
    if not parts:
        return "Every reply of every candidate was scored: nothing rests on failed items."
    return (
        "Failed and unscored items are left out of the means, never counted as zero: "
        + "; ".join(parts)
        + "."
    )


def method_note(results: RunResults) -> str:
    """How the intervals were computed, in one plain sentence."""
    estimates = [est for res in results.models.values() for est in res.scores.values() if est.n > 1]
    by_cluster = [est for est in estimates if est.resampled == "clusters"]
    clusters = sorted({est.clusters for est in estimates if est.clusters is not None})
    if estimates and len(by_cluster) == len(estimates):
        return (
            f"95 % intervals resample whole services ({clusters[-1]} services), since items "
            "of one service resemble each other."
        )
    if by_cluster:
        return (
            f"95 % intervals resample whole services where a candidate's scored items cover at "
            f"least {MIN_CLUSTERS} services, and items one by one where they cover fewer."
        )
    if clusters:
        return (
            f"95 % intervals resample items one by one: the items cover {clusters[-1]} "
            f"service{'s' if clusters[-1] > 1 else ''}, too few to resample whole services "
            f"({MIN_CLUSTERS} needed), so items of one service are treated as independent."
        )
    return "95 % intervals resample items one by one (the items' services are not known)."


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f} €"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def usage(name: str, res: ModelResults) -> Usage:
    """A candidate's money and time, as shown."""
    cost = _money(res.cost)
    if res.cached:
        cost += f" ({res.cached} from cache, which had cost {_money(res.cost_from_cache)})"
    return Usage(
        name=name,
        per_1000=_money(res.cost_per_1000),
        cost=cost,
        p50=_seconds(res.latency_p50_s),
        p95=_seconds(res.latency_p95_s),
        tokens=f"{res.input_tokens} / {res.output_tokens}",
    )


def verdict(results: RunResults) -> Verdict:
    """The verdict on a run's models or a comparison's candidates."""
    names = criteria(results)
    return Verdict(
        headline=_finding(results, OVERALL) if OVERALL in names else "",
        criteria=[_finding(results, c) for c in names if c != OVERALL],
        basis=_basis(results),
        method=method_note(results),
        usage=[usage(name, res) for name, res in results.models.items()],
        scope=[SCOPE[c] for c in names if c in SCOPE],
    )


def breakdowns(results: RunResults) -> dict[str, list[tuple[str, dict[str, Estimate]]]]:
    """Each breakdown's groups in which at least one model has a score."""
    return {
        dimension: [
            (group, by_model)
            for group, by_model in groups.items()
            if any(est.mean is not None for est in by_model.values())
        ]
        for dimension, groups in results.breakdowns.items()
    }


def scores(results: RunResults, served: dict[str, str], *, kind: str) -> dict[str, object]:
    """What the verdict and the scores (leaderboard, charts, paired differences) are drawn from,
    for a run's models or a comparison's candidates (``kind`` names them in the leaderboard)."""
    names = criteria(results)
    return {
        "results": results,
        "criteria": names,
        "served": served,
        "kind": kind,
        "verdict": verdict(results),
        "charts": charts(results),
        "left": CHART_LEFT,
        "width": CHART_WIDTH,
        "matrices": {c: matrix(results, c) for c in names},
        # Item sets are the same for every criterion: one line per pair says it.
        "partial": list({(c.a, c.b): c for c in results.comparisons if c.intersected}.values()),
    }


_STATUS = {
    "running": "This run did not finish: it is still running, or was killed before it could say "
    "so. Resume it with plume run --resume.",
    "interrupted": "This run was interrupted: the scores cover only the items done before it "
    "stopped. Resume it with plume run --resume.",
    "failed": "This run failed before it finished: the scores cover only the items done.",
}


def banner(status: str, results: RunResults) -> str | None:
    """A warning for a run that is anything but ``completed``."""
    if status == "completed":
        return None
    if status in _STATUS:
        return _STATUS[status]
    return (
        f"This run completed with failures: {failures(results)}; "
        "they are left out of the means. Retry them with plume run --resume."
    )


def failures(results: RunResults) -> str | None:
    """``"2 of 40 replies failed (timeout ×2)"`` over every model, or None when none failed."""
    failed = sum(res.errors for res in results.models.values())
    if not failed:
        return None
    total = sum(res.items for res in results.models.values())
    causes: dict[str, int] = {}
    for res in results.models.values():
        for cause, count in res.causes.items():
            causes[cause] = causes.get(cause, 0) + count
    detail = ", ".join(f"{cause} ×{count}" for cause, count in sorted(causes.items()))
    return f"{failed} of {total} replies failed ({detail})"

"""What a report shows, computed from a run's files: plain values that templates only lay out.

Keeping the arithmetic (chart coordinates, highlighted spans, signed differences) here leaves the
templates free of logic, and lets the HTML and Markdown reports show the same numbers.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from harness.gold import GoldItem
from harness.runner import RunManifest, RunResults, SampleRecord
from harness.scoring import OVERALL, Evidence
from harness.stats import Estimate, PairedComparison

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
    return Cell(sign * c.mean_difference, low, high, c.p_adjusted, c.significant, c.n)


def item_views(
    results: RunResults, records: Sequence[SampleRecord], items: Sequence[GoldItem] | None
) -> list[ItemView]:
    """Every item with its replies, flagged items first, then by id."""
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
            replies.append(ReplyView(model, record, segments(record.reply or "", evidence)))
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
    rows.append(
        (
            "Plume",
            manifest.plume_version
            + (f" (commit {manifest.git_commit})" if manifest.git_commit else ""),
        )
    )
    rows.append(("Started", manifest.created_at.isoformat()))
    return rows

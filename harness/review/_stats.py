"""What a review found: win rates, Bradley–Terry strengths, "would send as is", edits, agreement.

Intervals are percentile bootstraps over items (whole items are resampled: the verdicts on one
item are not independent), seeded so that the same verdicts always give the same page.
"both unacceptable" says nothing about which reply is better: it is counted, and left out of
win rates and strengths; "equal" counts half a win each way.
"""

import math
import random
import statistics
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import Literal, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict

from harness.review._plan import ReviewPlan
from harness.review._verdict import CRITERIA, Side, Verdict
from harness.stats import Estimate, bootstrap_mean

RESAMPLES = 500
"""Bootstrap resamples of the Bradley–Terry fit (each one is a fit)."""


class PairResult(BaseModel):
    """How often ``a`` was preferred to ``b``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    a: str
    b: str
    a_wins: int
    b_wins: int
    equal: int
    both_bad: int
    win_rate: Estimate
    """``a``'s win rate, equal counting half, both unacceptable left out."""


class Strength(BaseModel):
    """A candidate's Bradley–Terry strength (log scale, mean zero over the candidates)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    candidate: str
    log_strength: float
    low: float
    high: float


class CandidateResult(BaseModel):
    """What agents said of one candidate's replies."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    candidate: str
    send_as_is: Estimate
    """Share of its replies agents would send as they are."""
    ratings: dict[str, Estimate]
    """Mean 1–5 rating per criterion."""
    edits: int
    """Replies an agent edited."""
    median_edit: float | None
    """Median characters changed by those edits."""


class ReviewResults(BaseModel):
    """``plume review results``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review: str
    verdicts: int
    reviewers: int
    """Reviewers who gave at least one verdict."""
    planned: int
    """Verdicts the plan asks for."""
    pairs: list[PairResult]
    strengths: list[Strength]
    """Strongest first."""
    candidates: list[CandidateResult]
    median_edit: float | None
    """Median characters changed over every edit."""
    agreement: dict[str, float | None]
    """Krippendorff's alpha between reviewers: ``choice`` (nominal) and each rating (ordinal);
    ``None`` when no comparison was seen twice or all values agree trivially."""


def _score(verdict: Verdict, a: str) -> float | None:
    """``a``'s result in the verdict: 1 won, 0 lost, 0.5 equal, ``None`` both unacceptable."""
    if verdict.choice == "both_bad":
        return None
    if verdict.choice == "equal":
        return 0.5
    winner = verdict.left if verdict.choice == "left" else verdict.right
    return 1.0 if winner == a else 0.0


def bradley_terry(
    names: Sequence[str], games: Sequence[tuple[str, str, float]], *, iterations: int = 10_000
) -> dict[str, float]:
    """Log-strengths (mean zero) from games ``(a, b, a's score)``, by Hunter's MM algorithm.

    Each pair that met gets one virtual tie: a candidate that never won keeps a finite strength.
    """
    index = {name: i for i, name in enumerate(names)}
    size = len(names)
    wins = np.zeros(size)
    met = np.zeros((size, size))
    for a, b, score in games:
        i, j = index[a], index[b]
        wins[i] += score
        wins[j] += 1 - score
        met[i, j] += 1
        met[j, i] += 1
    pairs = met > 0
    wins += 0.5 * pairs.sum(axis=1)
    met += pairs
    strength = np.ones(size)
    for _ in range(iterations):
        denominator = (met / (strength[:, None] + strength[None, :])).sum(axis=1)
        updated = wins / denominator
        updated /= math.exp(np.log(updated).mean())
        if np.max(np.abs(updated - strength)) < 1e-12:
            strength = updated
            break
        strength = updated
    return {name: float(math.log(strength[index[name]])) for name in names}


def _strengths(names: list[str], verdicts: Sequence[Verdict], seed: int) -> list[Strength]:
    by_item: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for v in verdicts:
        if (score := _score(v, v.left)) is not None:
            by_item[v.item].append((v.left, v.right, score))
    items = sorted(by_item)
    fit = bradley_terry(names, [g for item in items for g in by_item[item]])
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(RESAMPLES if len(items) > 1 else 0):
        drawn = rng.choices(items, k=len(items))
        for name, value in bradley_terry(names, [g for i in drawn for g in by_item[i]]).items():
            samples[name].append(value)
    found = []
    for name in names:
        low, high = (
            (float(np.percentile(samples[name], 2.5)), float(np.percentile(samples[name], 97.5)))
            if samples[name]
            else (fit[name], fit[name])
        )
        found.append(Strength(candidate=name, log_strength=fit[name], low=low, high=high))
    return sorted(found, key=lambda s: -s.log_strength)


_Unit = TypeVar("_Unit", bound=Hashable)


def krippendorff_alpha(
    rows: Mapping[str, Mapping[_Unit, float]], level: Literal["nominal", "ordinal"]
) -> float | None:
    """Krippendorff's alpha of ``rows`` (reviewer → unit → value); ``None`` when no unit has two
    values or every value is the same."""
    import krippendorff

    units = sorted({u for row in rows.values() for u in row}, key=repr)
    data = np.array([[row.get(u, np.nan) for u in units] for row in rows.values()])
    paired = (~np.isnan(data)).sum(axis=0) >= 2
    if not paired.any() or len(np.unique(data[:, paired][~np.isnan(data[:, paired])])) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def _agreement(verdicts: Sequence[Verdict]) -> dict[str, float | None]:
    codes = {"first": 0.0, "second": 1.0, "equal": 2.0, "both_bad": 3.0}
    choices: dict[str, dict[object, float]] = defaultdict(dict)
    ratings: dict[str, dict[str, dict[object, float]]] = {c: defaultdict(dict) for c in CRITERIA}
    for v in verdicts:
        first, second = sorted((v.left, v.right))
        code: str = v.choice
        if v.choice in ("left", "right"):
            winner = v.left if v.choice == "left" else v.right
            code = "first" if winner == first else "second"
        choices[v.reviewer][(v.item, first, second)] = codes[code]
        for name, given in ((v.left, v.ratings["left"]), (v.right, v.ratings["right"])):
            for criterion in CRITERIA:
                # A reviewer who saw a reply in two comparisons: their first rating counts.
                ratings[criterion][v.reviewer].setdefault(
                    (v.item, name), float(getattr(given, criterion))
                )
    found = {"choice": krippendorff_alpha(choices, "nominal")}
    for criterion in CRITERIA:
        found[criterion] = krippendorff_alpha(ratings[criterion], "ordinal")
    return found


def _candidate(name: str, verdicts: Sequence[Verdict], seed: int) -> CandidateResult:
    sends: list[float] = []
    items: list[str] = []
    scores: dict[str, list[float]] = {c: [] for c in CRITERIA}
    edits: list[int] = []
    for v in verdicts:
        sides: list[Side] = [side for side in ("left", "right") if getattr(v, side) == name]
        for side in sides:
            sends.append(1.0 if v.send[side] == "as_is" else 0.0)
            items.append(v.item)
            for criterion in CRITERIA:
                scores[criterion].append(float(getattr(v.ratings[side], criterion)))
            if v.edit is not None and v.edit.of == side:
                edits.append(v.edit.size)
    return CandidateResult(
        candidate=name,
        send_as_is=bootstrap_mean(sends, clusters=items, seed=seed),
        ratings={c: bootstrap_mean(s, clusters=items, seed=seed) for c, s in scores.items()},
        edits=len(edits),
        median_edit=statistics.median(edits) if edits else None,
    )


def review_results(plan: ReviewPlan, verdicts: Sequence[Verdict]) -> ReviewResults:
    """Everything ``plume review results`` shows, from the plan and its verdicts."""
    names = [c.name for c in plan.candidates]
    pairs = []
    for a, b in combinations(names, 2):
        on_pair = [v for v in verdicts if {v.left, v.right} == {a, b}]
        scored = [(s, v.item) for v in on_pair if (s := _score(v, a)) is not None]
        pairs.append(
            PairResult(
                a=a,
                b=b,
                a_wins=sum(1 for s, _ in scored if s == 1),
                b_wins=sum(1 for s, _ in scored if s == 0),
                equal=sum(1 for s, _ in scored if s == 0.5),
                both_bad=len(on_pair) - len(scored),
                win_rate=bootstrap_mean(
                    [s for s, _ in scored], clusters=[i for _, i in scored], seed=plan.seed
                ),
            )
        )
    edits = [v.edit.size for v in verdicts if v.edit is not None]
    return ReviewResults(
        review=plan.name,
        verdicts=len(verdicts),
        reviewers=len({v.reviewer for v in verdicts}),
        planned=sum(len(r.tasks) for r in plan.reviewers),
        pairs=pairs,
        strengths=_strengths(names, verdicts, plan.seed),
        candidates=[_candidate(name, verdicts, plan.seed) for name in names],
        median_edit=statistics.median(edits) if edits else None,
        agreement=_agreement(verdicts),
    )

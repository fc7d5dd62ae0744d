"""Paired comparisons of two models on the items both were scored on.

Pairing on item ids removes the item-to-item variation that both models share, so a small but
consistent difference is detected where an unpaired comparison sees only noise. Two models scored
on different item sets are not compared unless the caller asks for the shared items, and the
result always says how many items were shared.
"""

import math
import random
from collections.abc import Mapping, Sequence
from itertools import compress

from pydantic import BaseModel, ConfigDict

from harness.errors import UsageError
from harness.stats._bootstrap import Resampled, interval


class ItemSetMismatch(UsageError):
    """Two runs or models were scored on different item sets."""


class PairedComparison(BaseModel):
    """``a`` minus ``b`` on the items both have a value for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    a: str
    """First model (or run)."""
    b: str
    """Second model (or run)."""
    criterion: str
    """The score compared."""
    n: int
    """Items compared: in both item sets and scored for both."""
    only_a: int
    """Items only ``a`` was scored on (left out)."""
    only_b: int
    """Items only ``b`` was scored on (left out)."""
    unscored: int
    """Shared items left out because one side has no value."""
    intersected: bool
    """Whether the item sets differed and the comparison was restricted to the shared items."""
    mean_difference: float | None
    """Mean of ``a − b`` over the compared items."""
    low: float | None
    """Lower bound of the paired bootstrap interval of the mean difference."""
    high: float | None
    """Upper bound of that interval."""
    p_value: float | None
    """Two-sided sign-flip permutation p-value for a zero mean difference."""
    p_adjusted: float | None = None
    """``p_value`` after Holm's correction over the comparisons reported together."""
    resampled: Resampled = "items"
    """What the bootstrap resampled: items one by one, or whole clusters (services)."""
    wins: int
    """Items where ``a`` scored higher."""
    losses: int
    """Items where ``b`` scored higher."""
    ties: int
    """Items where they scored the same."""

    @property
    def significant(self) -> bool:
        """Whether the Holm-adjusted (or, alone, the raw) p-value is below 0.05."""
        p = self.p_adjusted if self.p_adjusted is not None else self.p_value
        return p is not None and p < 0.05


def sign_flip_p_value(
    differences: Sequence[float], *, permutations: int = 2000, rng: random.Random
) -> float:
    """Two-sided p-value of a zero mean difference by random sign flips (exact when n ≤ 12).

    Under the null hypothesis each paired difference is as likely to have either sign. The
    Monte-Carlo estimate counts the observed statistic itself, so it is never 0.
    """
    n = len(differences)
    observed = abs(sum(differences))
    tolerance = 1e-9 * max(1.0, observed)
    total = sum(differences)
    if n <= 12:
        extreme = 0
        for mask in range(2**n):
            kept = sum(d for i, d in enumerate(differences) if mask >> i & 1)
            extreme += abs(2 * kept - total) >= observed - tolerance
        return float(extreme / 2**n)
    extreme = 0
    for _ in range(permutations):
        # Flipping the signs of a random subset S gives the sum 2·Σ_{not S} d − Σ d.
        kept = sum(compress(differences, rng.choices((0, 1), k=n)))
        extreme += abs(2 * kept - total) >= observed - tolerance
    return (extreme + 1) / (permutations + 1)


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm–Bonferroni adjusted p-values, in the input order; ``None`` stays ``None``.

    Adjusted values are monotone in the raw ones and capped at 1.
    """
    ranked = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(ranked)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, index) in enumerate(ranked):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[index] = running
    return adjusted


def paired_difference(
    a: Mapping[str, float | None],
    b: Mapping[str, float | None],
    *,
    names: tuple[str, str] = ("a", "b"),
    criterion: str = "overall",
    clusters: Mapping[str, str] | None = None,
    intersect: bool = False,
    resamples: int = 2000,
    permutations: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> PairedComparison:
    """Compare ``a`` and ``b`` (item id → value) on their shared, scored items.

    Raises:
        ItemSetMismatch: the item sets differ and ``intersect`` is false.
    """
    shared = sorted(a.keys() & b.keys())
    only_a, only_b = len(a.keys() - b.keys()), len(b.keys() - a.keys())
    if (only_a or only_b) and not intersect:
        raise ItemSetMismatch(
            f"{names[0]} and {names[1]} were scored on different item sets ({only_a} items only in "
            f"{names[0]}, {only_b} only in {names[1]}, {len(shared)} shared); compare them on the "
            "shared items with --intersect"
        )
    pairs = [(i, a[i], b[i]) for i in shared]
    scored = [(i, x, y) for i, x, y in pairs if x is not None and y is not None]
    differences = [x - y for _, x, y in scored]
    base = {
        "a": names[0],
        "b": names[1],
        "criterion": criterion,
        "n": len(scored),
        "only_a": only_a,
        "only_b": only_b,
        "unscored": len(pairs) - len(scored),
        "intersected": bool(only_a or only_b),
        "wins": sum(1 for d in differences if d > 0),
        "losses": sum(1 for d in differences if d < 0),
        "ties": sum(1 for d in differences if d == 0),
    }
    if not differences:
        return PairedComparison(**base, mean_difference=None, low=None, high=None, p_value=None)
    mean = math.fsum(differences) / len(differences)
    if len(differences) == 1:
        return PairedComparison(**base, mean_difference=mean, low=mean, high=mean, p_value=1.0)
    labels = [clusters.get(i, "") for i, _, _ in scored] if clusters else None
    low, high, resampled = interval(
        differences, labels, resamples=resamples, confidence=confidence, seed=seed
    )
    p = sign_flip_p_value(differences, permutations=permutations, rng=random.Random(seed))
    return PairedComparison(
        **base, mean_difference=mean, low=low, high=high, p_value=p, resampled=resampled
    )


def compare_all(
    scores: Mapping[str, Mapping[str, float | None]],
    *,
    criterion: str = "overall",
    clusters: Mapping[str, str] | None = None,
    intersect: bool = False,
    resamples: int = 2000,
    permutations: int = 2000,
    seed: int = 0,
) -> list[PairedComparison]:
    """Every pair of models (in the given order, ``a`` before ``b``), Holm-corrected together."""
    names = list(scores)
    found = [
        paired_difference(
            scores[x],
            scores[y],
            names=(x, y),
            criterion=criterion,
            clusters=clusters,
            intersect=intersect,
            resamples=resamples,
            permutations=permutations,
            seed=seed,
        )
        for i, x in enumerate(names)
        for y in names[i + 1 :]
    ]
    return with_holm(found)


def with_holm(comparisons: Sequence[PairedComparison]) -> list[PairedComparison]:
    """The comparisons with ``p_adjusted`` set by Holm's correction across all of them."""
    adjusted = holm([c.p_value for c in comparisons])
    return [
        c.model_copy(update={"p_adjusted": p}) for c, p in zip(comparisons, adjusted, strict=True)
    ]

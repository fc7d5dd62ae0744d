"""Percentile bootstrap of a mean, seeded so that a report is reproducible, optionally clustered."""

import random
from collections.abc import Sequence
from statistics import fmean

from pydantic import BaseModel, ConfigDict


class Estimate(BaseModel):
    """A mean over the scored items, its interval, and what was left out."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    mean: float | None
    """Mean of the scored values; ``None`` when nothing was scored."""
    low: float | None
    """Lower bound of the 95 % interval."""
    high: float | None
    """Upper bound of the 95 % interval."""
    n: int
    """Items with a value."""
    unscored: int
    """Items without a value (unscored or failed): counted, never averaged as zero."""


def percentile_interval(draws: list[float], confidence: float) -> tuple[float, float]:
    """The central ``confidence`` interval of bootstrap draws."""
    draws = sorted(draws)
    tail = (1 - confidence) / 2
    last = len(draws) - 1
    return draws[round(tail * last)], draws[round((1 - tail) * last)]


def resample_means(
    values: Sequence[float],
    clusters: Sequence[str] | None,
    *,
    resamples: int,
    rng: random.Random,
) -> list[float]:
    """Means of bootstrap resamples: of items, or of whole clusters when ``clusters`` is given.

    Resampling whole clusters (services) keeps the interval honest when items of one service
    resemble each other: a model that is good at Caf questions is not ten times confirmed by ten
    Caf items.
    """
    if clusters is None:
        size = len(values)
        return [sum(rng.choices(values, k=size)) / size for _ in range(resamples)]
    groups: dict[str, list[float]] = {}
    for value, cluster in zip(values, clusters, strict=True):
        groups.setdefault(cluster, []).append(value)
    sums = [(sum(g), len(g)) for g in groups.values()]
    means = []
    for _ in range(resamples):
        picked = rng.choices(sums, k=len(sums))
        means.append(sum(s for s, _ in picked) / sum(n for _, n in picked))
    return means


def bootstrap_mean(
    values: Sequence[float | None],
    *,
    clusters: Sequence[str] | None = None,
    resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> Estimate:
    """Mean of the non-``None`` values with a percentile bootstrap interval.

    With ``clusters`` (one label per value, such as the item's service), whole clusters are
    resampled; with a single cluster that is impossible, and the items are resampled instead.
    """
    if clusters is not None and len(clusters) != len(values):
        raise ValueError(f"{len(clusters)} cluster labels for {len(values)} values")
    kept = [(v, clusters[i] if clusters else "") for i, v in enumerate(values) if v is not None]
    scored = [v for v, _ in kept]
    unscored = len(values) - len(scored)
    if not scored:
        return Estimate(mean=None, low=None, high=None, n=0, unscored=unscored)
    mean = fmean(scored)
    if len(scored) == 1:
        return Estimate(mean=mean, low=mean, high=mean, n=1, unscored=unscored)
    labels = (
        [c for _, c in kept] if clusters is not None and len({c for _, c in kept}) > 1 else None
    )
    draws = resample_means(scored, labels, resamples=resamples, rng=random.Random(seed))
    low, high = percentile_interval(draws, confidence)
    return Estimate(mean=mean, low=low, high=high, n=len(scored), unscored=unscored)

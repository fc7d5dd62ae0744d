"""Percentile bootstrap of a mean, seeded so that a report is reproducible, by item or by cluster.

Resampling whole clusters (services) keeps an interval honest when items of one service resemble
each other: a model that is good at Caf questions is not ten times confirmed by ten Caf items. But
with few clusters the resampled means take only a handful of values, and one service's mean ends up
as an end of the interval; below ``MIN_CLUSTERS`` the items are resampled one by one instead, and
the estimate says which was done.
"""

from collections.abc import Sequence
from statistics import fmean
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

MIN_CLUSTERS = 8
"""Fewest clusters for which whole clusters are resampled."""

Resampled = Literal["items", "clusters"]


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
    clusters: int | None = None
    """Distinct clusters among the scored items, when cluster labels were given."""
    resampled: Resampled = "items"
    """What the bootstrap resampled: items one by one, or whole clusters."""


def _pooled_mean(
    sums: npt.NDArray[np.float64], sizes: npt.NDArray[np.float64], axis: int = -1
) -> npt.NDArray[np.float64]:
    result: npt.NDArray[np.float64] = sums.sum(axis=axis) / sizes.sum(axis=axis)
    return result


def interval(
    values: Sequence[float],
    clusters: Sequence[str] | None,
    *,
    resamples: int,
    confidence: float,
    seed: int,
) -> tuple[float, float, Resampled]:
    """Percentile bootstrap interval of the mean of ``values`` (at least two), with what was
    resampled: whole clusters when ``clusters`` holds at least ``MIN_CLUSTERS`` labels, else items.
    """
    groups: dict[str, list[float]] = {}
    if clusters is not None and len(set(clusters)) >= MIN_CLUSTERS:
        for value, cluster in zip(values, clusters, strict=True):
            groups.setdefault(cluster, []).append(value)
        resampled: Resampled = "clusters"
    else:
        groups = {str(i): [value] for i, value in enumerate(values)}  # an item is a cluster of one
        resampled = "items"
    # Imported here: it costs about half a second, and reports only read intervals made earlier.
    import scipy.stats

    sums = np.array([sum(g) for g in groups.values()], dtype=np.float64)
    sizes = np.array([len(g) for g in groups.values()], dtype=np.float64)
    result = scipy.stats.bootstrap(
        (sums, sizes),
        _pooled_mean,
        paired=True,  # a cluster's sum and size are drawn together
        vectorized=True,
        n_resamples=resamples,
        confidence_level=confidence,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    low, high = result.confidence_interval
    return float(low), float(high), resampled


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
    resampled when the scored values span at least ``MIN_CLUSTERS`` of them, items otherwise.
    """
    if clusters is not None and len(clusters) != len(values):
        raise ValueError(f"{len(clusters)} cluster labels for {len(values)} values")
    kept = [(v, clusters[i] if clusters else "") for i, v in enumerate(values) if v is not None]
    scored = [v for v, _ in kept]
    labels = [c for _, c in kept] if clusters is not None else None
    found = len(set(labels)) if labels is not None else None
    unscored = len(values) - len(scored)
    if not scored:
        return Estimate(mean=None, low=None, high=None, n=0, unscored=unscored, clusters=found)
    mean = fmean(scored)
    if len(scored) == 1:
        return Estimate(mean=mean, low=mean, high=mean, n=1, unscored=unscored, clusters=found)
    low, high, resampled = interval(
        scored, labels, resamples=resamples, confidence=confidence, seed=seed
    )
    return Estimate(
        mean=mean,
        low=low,
        high=high,
        n=len(scored),
        unscored=unscored,
        clusters=found,
        resampled=resampled,
    )

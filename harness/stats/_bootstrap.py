"""Percentile bootstrap of a mean, seeded so that a report is reproducible."""

import random
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


def bootstrap_mean(
    values: list[float | None], *, resamples: int = 2000, confidence: float = 0.95, seed: int = 0
) -> Estimate:
    """Mean of the non-``None`` values with a percentile bootstrap interval."""
    scored = [v for v in values if v is not None]
    unscored = len(values) - len(scored)
    if not scored:
        return Estimate(mean=None, low=None, high=None, n=0, unscored=unscored)
    mean = fmean(scored)
    if len(scored) == 1:
        return Estimate(mean=mean, low=mean, high=mean, n=1, unscored=unscored)
    rng = random.Random(seed)
    size = len(scored)
    means = sorted(fmean(rng.choices(scored, k=size)) for _ in range(resamples))
    tail = (1 - confidence) / 2
    low = means[int(tail * (resamples - 1))]
    high = means[int((1 - tail) * (resamples - 1))]
    return Estimate(mean=mean, low=low, high=high, n=size, unscored=unscored)

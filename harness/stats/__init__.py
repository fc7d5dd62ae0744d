"""Statistics over per-item scores: bootstrap intervals, paired comparisons, Holm's correction,
and agreement with human ratings."""

from harness.stats._agreement import bin_scores, cohen_kappa, spearman
from harness.stats._bootstrap import MIN_CLUSTERS, Estimate, bootstrap_mean
from harness.stats._paired import (
    ItemSetMismatch,
    PairedComparison,
    compare_all,
    holm,
    paired_difference,
    sign_flip_p_value,
)

__all__ = [
    "MIN_CLUSTERS",
    "Estimate",
    "ItemSetMismatch",
    "PairedComparison",
    "bin_scores",
    "bootstrap_mean",
    "cohen_kappa",
    "compare_all",
    "holm",
    "paired_difference",
    "sign_flip_p_value",
    "spearman",
]

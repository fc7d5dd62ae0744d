"""Statistics over per-item scores: means with bootstrap confidence intervals."""

from harness.stats._bootstrap import Estimate, bootstrap_mean

__all__ = ["Estimate", "bootstrap_mean"]

"""Comparing two runs (two prompt versions, two dates) model by model, paired on item ids.

Runs are compared only when their numbers mean the same thing: same gold set, same scorer
versions, same style guide, and, unless the caller asks for the shared items, the same items.
"""

from dataclasses import dataclass
from pathlib import Path

from harness.errors import UsageError
from harness.report._html import read_run
from harness.runner import criterion_values
from harness.scoring import OVERALL, load_scoring_config
from harness.stats import PairedComparison, paired_difference, with_holm


@dataclass(frozen=True)
class RunComparison:
    """Run ``a`` minus run ``b`` for every model both ran."""

    a: str
    """First run's id."""
    b: str
    """Second run's id."""
    comparisons: list[PairedComparison]
    """Per model and criterion; ``a`` and ``b`` read ``model @ run``; Holm-corrected together."""
    notes: list[str]
    """What was left out and why."""


def compare_runs(run_a: Path, run_b: Path, *, intersect: bool = False) -> RunComparison:
    """Compare two run directories.

    Raises:
        UsageError: different gold sets, scorer versions or style guides; no model in common.
        ItemSetMismatch: a model ran on different items in the two runs and ``intersect`` is false.
    """
    manifest_a, _, records_a, _ = read_run(run_a)
    manifest_b, _, records_b, _ = read_run(run_b)
    ida, idb = manifest_a.run_id, manifest_b.run_id
    if manifest_a.gold.sha256 != manifest_b.gold.sha256:
        raise UsageError(
            f"runs {ida} and {idb} used different gold sets (sha256 {manifest_a.gold.sha256[:12]} "
            f"and {manifest_b.gold.sha256[:12]}): items with the same id may differ, so they are "
            "not compared"
        )
    if manifest_a.scorers != manifest_b.scorers:
        raise UsageError(
            f"runs {ida} and {idb} were scored with different scorers ({manifest_a.scorers} "
            f"against {manifest_b.scorers}): their numbers are not comparable"
        )
    if manifest_a.styleguide != manifest_b.styleguide:
        raise UsageError(
            f"runs {ida} and {idb} were linted with different style guides "
            f"({manifest_a.styleguide} against {manifest_b.styleguide}): their tone and "
            "conciseness are not comparable"
        )
    models_a = {r.model for r in records_a}
    models_b = {r.model for r in records_b}
    shared = sorted(models_a & models_b)
    if not shared:
        raise UsageError(f"runs {ida} and {idb} have no model in common")
    notes = [f"{m} is only in run {ida}" for m in sorted(models_a - models_b)]
    notes += [f"{m} is only in run {idb}" for m in sorted(models_b - models_a)]
    weights = dict(load_scoring_config().overall.weights)
    criteria = sorted({n for r in [*records_a, *records_b] for n in r.scores if n != OVERALL})
    found = []
    for model in shared:
        mine_a = [r for r in records_a if r.model == model]
        mine_b = [r for r in records_b if r.model == model]
        for criterion in [*criteria, OVERALL]:
            found.append(
                paired_difference(
                    criterion_values(mine_a, criterion, weights),
                    criterion_values(mine_b, criterion, weights),
                    names=(f"{model} @ {ida}", f"{model} @ {idb}"),
                    criterion=criterion,
                    intersect=intersect,
                )
            )
    return RunComparison(ida, idb, with_holm(found), notes)

"""``plume lint`` and ``plume score`` on Ray: the same functions as in-process, over batches.

Results come back in input order and are exactly what the in-process call gives; the style guide
and the scorers travel with each task, so every node applies the driver's versions.
"""

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from harness.cluster import map_batches

if TYPE_CHECKING:
    from harness.gold import GoldItem
    from harness.scoring import Score, Scorer
    from harness.styleguide import LintResult, StyleGuide

BATCH = 200
"""Texts per Ray task: a few seconds of work each."""

_T = TypeVar("_T")


# Ray runs plain functions, not partials: a batch carries the arguments every batch shares.
def _lint_batch(
    batch: tuple[Sequence[str], "StyleGuide", Collection[str] | None],
) -> list["LintResult"]:
    from harness.styleguide import lint_many

    texts, guide, rules = batch
    return lint_many(texts, guide, rules=rules)


def _score_batch(
    batch: tuple[Sequence[tuple["GoldItem", str]], Sequence["Scorer"], Mapping[str, float]],
) -> list[dict[str, "Score"]]:
    from harness.scoring import score_replies

    pairs, scorers, weights = batch
    return score_replies(
        [item for item, _ in pairs], [reply for _, reply in pairs], scorers, weights=weights
    )


def _batches(values: Sequence[_T]) -> list[Sequence[_T]]:
    return [values[start : start + BATCH] for start in range(0, len(values), BATCH)]


def lint_on_ray(
    texts: Sequence[str],
    guide: "StyleGuide",
    *,
    rules: Collection[str] | None = None,
    address: str | None = None,
) -> list["LintResult"]:
    """``lint_many(texts, guide, rules=rules)``, run as Ray tasks."""
    batches = [(batch, guide, rules) for batch in _batches(texts)]
    done = dict(map_batches(_lint_batch, batches, address=address))
    return [result for index in range(len(batches)) for result in done[index]]


def score_on_ray(
    items: Sequence["GoldItem"],
    replies: Sequence[str],
    scorers: Sequence["Scorer"],
    *,
    weights: Mapping[str, float],
    address: str | None = None,
) -> list[dict[str, "Score"]]:
    """``score_replies(items, replies, scorers, weights=weights)``, run as Ray tasks."""
    if len(items) != len(replies):
        raise ValueError(f"{len(items)} items for {len(replies)} replies")
    pairs = list(zip(items, replies, strict=True))
    batches = [(batch, list(scorers), dict(weights)) for batch in _batches(pairs)]
    done = dict(map_batches(_score_batch, batches, address=address))
    return [result for index in range(len(batches)) for result in done[index]]

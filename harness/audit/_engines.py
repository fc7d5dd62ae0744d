"""``plume lint`` and ``plume score`` on Ray: the same functions as in-process, over batches.

Results come back in input order and are exactly what the in-process call gives; the style guide
and the scorers travel with each task, so every node applies the driver's versions.
"""

from collections.abc import Collection, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from harness.audit._ray import map_batches

if TYPE_CHECKING:
    from harness.gold import GoldItem
    from harness.scoring import Score, Scorer
    from harness.styleguide import LintResult, StyleGuide

BATCH = 200
"""Texts per Ray task: a few seconds of work each."""

_T = TypeVar("_T")


def _lint_batch(
    texts: Sequence[str], guide: "StyleGuide", rules: Collection[str] | None
) -> list["LintResult"]:
    from harness.styleguide import lint_many

    return lint_many(texts, guide, rules=rules)


def _score_batch(
    pairs: Sequence[tuple["GoldItem", str]],
    scorers: Sequence["Scorer"],
    weights: Mapping[str, float],
) -> list[dict[str, "Score"]]:
    from harness.scoring import score_replies

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
    batches = _batches(texts)
    done = dict(
        map_batches(partial(_lint_batch, guide=guide, rules=rules), batches, address=address)
    )
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
    batches = _batches(list(zip(items, replies, strict=True)))
    task = partial(_score_batch, scorers=list(scorers), weights=dict(weights))
    done = dict(map_batches(task, batches, address=address))
    return [result for index in range(len(batches)) for result in done[index]]

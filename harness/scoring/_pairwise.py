"""Pairwise judging: which of two replies to the same item would an agent publish?

The judge (``judge-pairwise``) sees both replies in both orders. A preference counts only when
the two orders agree; when they disagree, the judge was swayed by position and the pair is a tie.
Win rates come with bootstrap intervals, and a length-controlled win rate removes the effect of
the length difference (a logistic fit of the outcome on the relative length difference, read at
equal lengths), so that a verbose model does not win by length.
"""

import asyncio
import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from harness.gold import GoldItem, anonymised
from harness.models import Model, ModelCallError, ModelSpec
from harness.privacy import anonymize
from harness.prompts import PromptTemplate, judge_variables, load_prompt
from harness.scoring._canaries import CANARIES, CanaryCheck
from harness.scoring._judge import with_judge
from harness.stats import Estimate, bootstrap_mean

PAIRWISE_PROMPT = "judge-pairwise"
PAIRWISE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "raisonnement": {"type": "string"},
        "preference": {"enum": ["A", "B", "égalité"]},
    },
    "required": ["raisonnement", "preference"],
    "additionalProperties": False,
}
"""The pairwise verdict, as the JSON Schema the provider's structured-output mode enforces."""

Outcome = Literal["a", "b", "tie"]
_PREFERENCE = re.compile(r'"pr[ée]f[ée]rence"\s*:\s*"(A|B|[ée]galit[ée])"', re.IGNORECASE)


@dataclass(frozen=True)
class Preference:
    """The judge's verdict on one item: ``a``, ``b``, ``tie``, or ``None`` when unusable."""

    outcome: Outcome | None
    first: Outcome | None
    """What the judge chose with ``a`` shown first."""
    second: Outcome | None
    """What it chose with ``b`` shown first, mapped back to ``a`` and ``b``."""
    reason: str = ""
    """Why there is no outcome, when there is none."""
    failed: bool = False
    """Whether a call failed (worth asking again), rather than the judge giving no preference."""


def _choice(text: str) -> Literal["A", "B", "tie"] | None:
    found = _PREFERENCE.findall(text)
    if not found:
        return None
    last = found[-1].upper()
    return "A" if last == "A" else "B" if last == "B" else "tie"


async def _ask(
    model: Model, template: PromptTemplate, item: GoldItem, first: str, second: str
) -> tuple[Literal["A", "B", "tie"] | None, str, bool]:
    """The judge's choice with ``first`` shown first, why there is none, and whether the call
    failed."""
    variables = judge_variables(item, first) | {"other": second}
    rendered = template.render(variables)
    prompt = rendered.text if model.spec.mode == "completion" else list(rendered.messages)
    schema = None if model.spec.mode == "completion" else PAIRWISE_SCHEMA
    try:
        completion = await model.generate(prompt, schema=schema)
    except ModelCallError as error:
        return None, f"judge {model.spec.name} failed: {error}", True
    choice = _choice(completion.text)
    if choice is None:
        excerpt = " ".join(completion.text.split())[:80]
        return None, f"judge {model.spec.name} gave no preference: {excerpt!r}", False
    return choice, "", False


async def prefer(
    model: Model, template: PromptTemplate, item: GoldItem, a: str, b: str
) -> Preference:
    """Ask ``model`` to compare ``a`` and ``b`` in both orders and reconcile the two verdicts."""
    (
        (shown_first, why_first, failed_first),
        (shown_second, why_second, failed_second),
    ) = await asyncio.gather(_ask(model, template, item, a, b), _ask(model, template, item, b, a))
    first: Outcome | None = {"A": "a", "B": "b", "tie": "tie", None: None}[shown_first]
    second: Outcome | None = {"A": "b", "B": "a", "tie": "tie", None: None}[shown_second]
    if first is None or second is None:
        failed = failed_first or failed_second
        return Preference(None, first, second, why_first or why_second, failed)
    return Preference(first if first == second else "tie", first, second)


async def judge_pairs(
    model: Model,
    items: Sequence[GoldItem],
    replies_a: Sequence[str],
    replies_b: Sequence[str],
    done: Callable[[int, Preference], None] | None = None,
) -> list[Preference]:
    """Compare ``replies_a[i]`` with ``replies_b[i]`` on ``items[i]``; a remote judge sees them
    anonymised, as a remote candidate sees the items. ``done`` is told of each pair's preference
    as it comes, so that a caller can record it at once."""
    template = load_prompt(PAIRWISE_PROMPT)
    if model.spec.remote:
        items = [anonymised(item) for item in items]
        replies_a = [anonymize(reply).text for reply in replies_a]
        replies_b = [anonymize(reply).text for reply in replies_b]

    async def one(index: int, item: GoldItem, a: str, b: str) -> Preference:
        preference = await prefer(model, template, item, a, b)
        if done is not None:
            done(index, preference)
        return preference

    return list(
        await asyncio.gather(
            *(
                one(index, item, a, b)
                for index, (item, a, b) in enumerate(zip(items, replies_a, replies_b, strict=True))
            )
        )
    )


def rank_pairwise_canaries(preferences: Sequence[tuple[str, Preference | None]]) -> CanaryCheck:
    """How a pairwise judge did on the canary pairs, from each pair's kind and its preference
    (faithful reply as ``a``): right when it prefers the faithful reply in both orders."""
    return CanaryCheck(
        "pairwise",
        tuple(
            (
                kind,
                "unusable"
                if p is None or p.outcome is None
                else "right"
                if p.outcome == "a"
                else "wrong",
            )
            for kind, p in preferences
        ),
    )


async def check_pairwise(model: Model) -> CanaryCheck:
    """Compare every canary pair (faithful reply first, in both orders): how often the judge
    prefers the faithful reply."""
    preferences = await judge_pairs(
        model,
        [c.item for c in CANARIES],
        [c.faithful for c in CANARIES],
        [c.defective for c in CANARIES],
    )
    return rank_pairwise_canaries([(c.kind, p) for c, p in zip(CANARIES, preferences, strict=True)])


def pairwise_with(
    spec: ModelSpec,
    items: Sequence[GoldItem],
    replies_a: Sequence[str],
    replies_b: Sequence[str],
    *,
    log_dir: Path,
) -> tuple[list[Preference], CanaryCheck]:
    """:func:`judge_pairs` and :func:`check_pairwise` with a judge from ``models.yaml``,
    starting it first if it is local."""

    async def work(model: Model) -> tuple[list[Preference], CanaryCheck]:
        return await asyncio.gather(
            judge_pairs(model, items, replies_a, replies_b), check_pairwise(model)
        )

    return with_judge(spec, work, log_dir=log_dir)


@dataclass(frozen=True)
class WinRate:
    """How often ``a`` is preferred to ``b`` (a tie counts half)."""

    win_rate: Estimate
    """Win rate with its bootstrap interval."""
    length_controlled: float | None
    """The win rate at equal lengths; ``None`` when no usable verdict."""
    length_controlled_low: float | None
    length_controlled_high: float | None
    wins: int
    losses: int
    ties: int
    unusable: int


_POINTS: dict[Outcome, float] = {"a": 1.0, "b": 0.0, "tie": 0.5}


def _logistic_at_zero(points: Sequence[float], gaps: Sequence[float]) -> float:
    """P(a preferred) at a zero length gap, from a logistic fit of the points (1, ½, 0) on the
    gaps, by Newton's method (a few steps: two parameters)."""
    intercept, slope = 0.0, 0.0
    for _ in range(25):
        g0 = g1 = h00 = h01 = h11 = 0.0
        for y, x in zip(points, gaps, strict=True):
            p = 1 / (1 + math.exp(-(intercept + slope * x)))
            w = p * (1 - p)
            g0 += y - p
            g1 += (y - p) * x
            h00 += w
            h01 += w * x
            h11 += w * x * x
        h00 += 1e-6  # a little ridge keeps one-sided or constant samples finite
        h11 += 1e-6
        det = h00 * h11 - h01 * h01
        if det <= 0:
            break
        intercept += (h11 * g0 - h01 * g1) / det
        slope += (h00 * g1 - h01 * g0) / det
        intercept = max(-10.0, min(10.0, intercept))
    return 1 / (1 + math.exp(-intercept))


def win_rates(
    preferences: Sequence[Preference],
    replies_a: Sequence[str],
    replies_b: Sequence[str],
    *,
    clusters: Sequence[str] | None = None,
    resamples: int = 1000,
    seed: int = 0,
) -> WinRate:
    """``a``'s win rate over ``b`` with a bootstrap interval (whole clusters, such as services,
    resampled when given), and the length-controlled win rate with its percentile interval."""
    points = [_POINTS[p.outcome] if p.outcome is not None else None for p in preferences]
    estimate = bootstrap_mean(points, clusters=clusters, resamples=resamples, seed=seed)
    usable = [
        (point, (len(a.split()) - len(b.split())) / max(1, len(a.split()) + len(b.split())))
        for point, a, b in zip(points, replies_a, replies_b, strict=True)
        if point is not None
    ]
    low = high = controlled = None
    if usable:
        controlled = _logistic_at_zero([y for y, _ in usable], [x for _, x in usable])
        rng = random.Random(seed)
        draws = sorted(
            _logistic_at_zero(*zip(*(rng.choice(usable) for _ in usable), strict=True))
            for _ in range(min(resamples, 200))
        )
        low, high = draws[int(0.025 * len(draws))], draws[int(0.975 * len(draws)) - 1]
    outcomes = [p.outcome for p in preferences]
    return WinRate(
        win_rate=estimate,
        length_controlled=controlled,
        length_controlled_low=low,
        length_controlled_high=high,
        wins=outcomes.count("a"),
        losses=outcomes.count("b"),
        ties=outcomes.count("tie"),
        unusable=outcomes.count(None),
    )

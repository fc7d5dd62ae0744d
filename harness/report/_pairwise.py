"""Pairwise judging of runs: which of two candidates' replies a judge prefers, item by item, kept
with the runs and shown in their reports and comparisons.

``plume judge RUN [OTHER_RUN] --judge MODEL`` asks the judge about every item both candidates
answered, in both orders, and about the canary pairs; each preference is appended to the first
run's ``pairwise.jsonl`` and flushed as it comes, with the judge, the id its endpoint served, the
prompt's version and, for a canary, the canary set's version. As for the pointwise judges
(:mod:`._judges`), a recorded preference is never asked again and a failed call is.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from harness.errors import UsageError
from harness.gold import GoldItem
from harness.jsonl import appending, read_lines
from harness.models import Model, ModelCallError, ModelSpec
from harness.prompts import load_prompt
from harness.scoring import (
    CANARIES,
    CANARY_SET,
    PAIRWISE_PROMPT,
    CanaryCheck,
    Preference,
    WinRate,
    judge_pairs,
    rank_pairwise_canaries,
    win_rates,
    with_judge,
)

PAIRWISE_FILE = "pairwise.jsonl"
"""The pairwise judges' preferences, in the first run directory judged."""


class Side(BaseModel):
    """A candidate: one model of one run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    run: str
    """The run's id."""
    model: str
    """The model's name in that run."""


class PairwiseJudgement(BaseModel):
    """One judge's preference between two replies to one item: a line of ``pairwise.jsonl``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    judge: str
    """The judge's name in ``models.yaml``."""
    model: str
    """The model id asked for."""
    served: str
    """The id the judge's endpoint served."""
    prompt: str
    """The pairwise prompt and its exact version."""
    canaries: str | None = None
    """For a canary pair (faithful reply as ``a``), the canary set's version."""
    item: str
    """The gold item's id, or the canary pair's kind."""
    a: Side | None = None
    """The candidate shown first in the first order; ``None`` for a canary pair."""
    b: Side | None = None
    """The other candidate."""
    outcome: Literal["a", "b", "tie"] | None
    """The preference when both orders agree, ``tie`` when they do not, ``None`` when unusable."""
    first: Literal["a", "b", "tie"] | None
    """The judge's choice with ``a`` shown first."""
    second: Literal["a", "b", "tie"] | None
    """Its choice with ``b`` shown first."""
    reason: str = ""
    """Why there is no outcome, when there is none."""
    failed: bool = False
    """Whether a call failed (asked again by the next judging), not the judge's answer."""
    at: datetime
    """When the preference came."""

    @property
    def preference(self) -> Preference:
        """The preference as the scoring package computes win rates from."""
        return Preference(self.outcome, self.first, self.second, self.reason, self.failed)


def read_preferences(run_dir: Path, *, repair: bool = False) -> list[PairwiseJudgement]:
    """The preferences recorded in a run directory, oldest first (see
    :func:`harness.jsonl.read_lines`)."""
    return read_lines(
        run_dir / PAIRWISE_FILE, PairwiseJudgement, "a judge's preference", repair=repair
    )


def judge_pairwise(
    run_dir: Path,
    spec: ModelSpec,
    a: Side,
    b: Side,
    replies: Mapping[Side, Mapping[str, str]],
    items: Mapping[str, GoldItem],
) -> int:
    """Have ``spec`` compare ``a``'s and ``b``'s replies on every item both answered, and the
    canary pairs, asking only for the preferences not recorded in ``run_dir`` yet; returns how
    many pairs were asked about.

    Raises:
        UsageError: the judge's endpoint does not serve its model.
        PlumeError: ``pairwise.jsonl`` cannot be written (the preferences written are kept).
    """
    prompt = str(load_prompt(PAIRWISE_PROMPT).ref)
    done = {
        (j.item, j.a, j.b, j.canaries is not None)
        for j in read_preferences(run_dir, repair=True)
        if j.judge == spec.name
        and j.model == spec.model
        and j.prompt == prompt
        and not j.failed
        and j.canaries in (None, CANARY_SET)
    }
    shared = [i for i in replies[a] if i in replies[b] and i in items]
    asked = [i for i in shared if (i, a, b, False) not in done]
    canaries = [c for c in CANARIES if (c.kind, None, None, True) not in done]
    if not asked and not canaries:
        return 0

    async def work(model: Model) -> None:
        try:
            served = (await model.resolve()).id
        except ModelCallError as error:
            raise UsageError(f"judge {spec.name!r}: {error}") from None

        keys = asked + [c.kind for c in canaries]
        with appending(run_dir / PAIRWISE_FILE) as append:

            def record(index: int, preference: Preference) -> None:
                canary = index >= len(asked)  # the canary pairs come after the run's items
                judgement = PairwiseJudgement(
                    judge=spec.name,
                    model=spec.model,
                    served=served,
                    prompt=prompt,
                    canaries=CANARY_SET if canary else None,
                    item=keys[index],
                    a=None if canary else a,
                    b=None if canary else b,
                    outcome=preference.outcome,
                    first=preference.first,
                    second=preference.second,
                    reason=preference.reason,
                    failed=preference.failed,
                    at=datetime.now(UTC),
                )
                append(judgement)

            await judge_pairs(
                model,
                [items[i] for i in asked] + [c.item for c in canaries],
                [replies[a][i] for i in asked] + [c.faithful for c in canaries],
                [replies[b][i] for i in asked] + [c.defective for c in canaries],
                record,
            )

    with_judge(spec, work, log_dir=run_dir / "logs")
    return len(asked) + len(canaries)


def _share(mean: float | None, low: float | None, high: float | None) -> str:
    if mean is None or low is None or high is None:
        return "—"
    return f"{mean:.0%} [{low:.0%}, {high:.0%}]"


@dataclass(frozen=True)
class PairwiseView:
    """What a report shows of one judge's comparison of two candidates."""

    judge: str
    """The judge's name, with the model it asked for."""
    a: str
    """The candidate whose win rate is given."""
    b: str
    """The other one."""
    rate: WinRate
    """``a``'s win rate over ``b``, with its interval and the length-controlled rate."""
    canaries: CanaryCheck | None
    """How the judge did on the canary pairs, when it has judged them."""
    versions: str
    """The prompt's version and the canary set's."""
    failed: int
    """Items whose call failed (asked again by the next ``plume judge``)."""

    @property
    def win_share(self) -> str:
        """``a``'s win rate and its interval, as percentages."""
        estimate = self.rate.win_rate
        return _share(estimate.mean, estimate.low, estimate.high)

    @property
    def length_controlled_share(self) -> str:
        """The length-controlled win rate and its interval, as percentages."""
        rate = self.rate
        return _share(
            rate.length_controlled, rate.length_controlled_low, rate.length_controlled_high
        )

    @property
    def warning(self) -> str:
        """Why not to trust the judge, or ``""``."""
        if self.canaries is None:
            return f"Judge {self.judge} is not trusted: it has compared no canary pair."
        if self.canaries.trusted:
            return ""
        return f"Judge {self.judge} is not trusted: {self.canaries.describe()}."


def pairwise_views(
    run_dirs: Sequence[Path],
    names: Mapping[Side, str],
    replies: Mapping[Side, Mapping[str, str]],
    services: Mapping[str, str] | None,
) -> list[PairwiseView]:
    """Every pairwise comparison recorded in ``run_dirs`` between two of the candidates named in
    ``names``, on the items both have a reply for in ``replies``: the latest preference on each
    item counts, and the canary preferences of the judge's latest canary set."""
    judgements = [j for run_dir in run_dirs for j in read_preferences(run_dir)]
    latest: dict[tuple[str, str, Side, Side], dict[str, PairwiseJudgement]] = {}
    canaries: dict[tuple[str, str], dict[str, PairwiseJudgement]] = {}
    for j in judgements:
        if j.a is None or j.b is None:
            kept = canaries.setdefault((j.judge, j.model), {})
            if kept and next(iter(kept.values())).canaries != j.canaries:
                kept.clear()  # a newer canary set replaces the older one whole
            kept[j.item] = j
        elif j.a in names and j.b in names:
            latest.setdefault((j.judge, j.model, j.a, j.b), {})[j.item] = j
    views = []
    for (judge, model, a, b), found in latest.items():
        shown = [j for i, j in found.items() if i in replies[a] and i in replies[b]]
        texts_a = [replies[a][j.item] for j in shown]
        texts_b = [replies[b][j.item] for j in shown]
        rate = win_rates(
            [j.preference for j in shown],
            texts_a,
            texts_b,
            clusters=[services.get(j.item, "") for j in shown] if services else None,
        )
        checked = canaries.get((judge, model), {})
        check = rank_pairwise_canaries([(kind, j.preference) for kind, j in checked.items()])
        canary_set = next(iter(checked.values())).canaries if checked else None
        versions = sorted({j.prompt for j in shown}) + ([canary_set] if canary_set else [])
        views.append(
            PairwiseView(
                judge=f"{judge} ({model})",
                a=names[a],
                b=names[b],
                rate=rate,
                canaries=check if checked else None,
                versions=", ".join(versions),
                failed=sum(1 for j in shown if j.failed),
            )
        )
    return views


def describe_pairwise(view: PairwiseView) -> list[str]:
    """The comparison in a few plain lines, for the terminal and the Markdown report."""
    rate = view.rate
    items = rate.wins + rate.losses + rate.ties + rate.unusable
    canaries = view.canaries.describe() if view.canaries else "no canary pair compared"
    lines = [
        f"{view.a} against {view.b}, judged by {view.judge} on {items} items"
        " (both orders; a preference counts only when both agree):",
        f"  win rate of {view.a}: {view.win_share} ({rate.wins} wins, {rate.losses} losses,"
        f" {rate.ties} ties, {rate.unusable} without a usable verdict)",
        f"  length-controlled win rate: {view.length_controlled_share}",
        f"  judge {view.judge}: {canaries}",
    ]
    if view.failed:
        lines.append(f"  {view.failed} calls failed: plume judge asks them again")
    return lines

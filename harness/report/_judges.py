"""A judged run: judges' verdicts on a run's replies and on the built-in canary pairs, kept in the
run directory, and what the report shows of them.

``plume report RUN --judge MODEL`` asks the judge for every reply of the run and for both replies
of every canary pair, on each judged criterion. Each verdict is appended to ``judges.jsonl`` and
flushed as it comes, with the judge, the id its endpoint served, the judge prompt's version and,
for a canary, the canary set's version. A verdict already recorded with the same judge, prompt
and canary set is never asked again: a second report costs nothing and a killed judging
continues where it stopped. A failed call is asked again next time; an answer without a usable
verdict is kept and counted, as the judge's own failing.

The judge sees the run's items as the report shows them (personal data already replaced), and a
remote judge gets the replies anonymised too, as a remote candidate does.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from harness.errors import UsageError
from harness.gold import GoldItem
from harness.jsonl import appending, read_lines
from harness.models import Model, ModelCallError, ModelSpec
from harness.prompts import load_prompt
from harness.runner import RunResults, SampleRecord
from harness.scoring import (
    CANARIES,
    CANARY_SET,
    JUDGE_PROMPTS,
    TRUSTED,
    CanaryCheck,
    JudgeJob,
    Score,
    canary_jobs,
    judge_jobs,
    judge_name,
    rank_canaries,
    with_judge,
)
from harness.stats import Estimate, bootstrap_mean

JUDGES_FILE = "judges.jsonl"
"""The judges' verdicts, in the run directory."""


class Judgement(BaseModel):
    """One judge's verdict on one reply, on one criterion: a line of ``judges.jsonl``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    judge: str
    """The judge's name in ``models.yaml``."""
    model: str
    """The model id asked for."""
    served: str
    """The id the judge's endpoint served."""
    prompt: str
    """The judge prompt and its exact version (``judge-tone@1.0.0``)."""
    canaries: str | None = None
    """For a canary pair's reply, the canary set's version; ``None`` for a reply of the run."""
    criterion: str
    """``tone`` or ``accuracy``."""
    item: str
    """The gold item's id, or the canary pair's kind."""
    candidate: str
    """The run's model that wrote the reply, or the canary side (``faithful``, ``defective``)."""
    score: Score
    """The judge's score; unscored when its answer held no usable verdict or the call failed."""
    failed: bool = False
    """Whether the call failed (asked again by the next judging), not the judge's answer."""
    at: datetime
    """When the verdict came."""

    @property
    def key(self) -> tuple[str, str, str, str, str, bool]:
        """What the verdict is about: judge, model, criterion, reply; canary or not."""
        return (
            self.judge,
            self.model,
            self.criterion,
            self.item,
            self.candidate,
            self.canaries is not None,
        )


def read_judgements(run_dir: Path, *, repair: bool = False) -> list[Judgement]:
    """The verdicts recorded in a run directory, oldest first (see
    :func:`harness.jsonl.read_lines`)."""
    return read_lines(run_dir / JUDGES_FILE, Judgement, "a judge's verdict", repair=repair)


def judge_run(
    run_dir: Path,
    spec: ModelSpec,
    records: Sequence[SampleRecord],
    items: Sequence[GoldItem],
    criteria: Sequence[str] = tuple(JUDGE_PROMPTS),
) -> int:
    """Have ``spec`` judge the run's replies (``records``, on ``items``) and the canary pairs,
    asking only for the verdicts not recorded yet; returns how many were asked.

    Raises:
        UsageError: the judge's endpoint does not serve its model.
        PlumeError: ``judges.jsonl`` cannot be written (the verdicts written are kept).
    """
    prompts = {c: str(load_prompt(JUDGE_PROMPTS[c]).ref) for c in criteria}
    done = {
        j.key
        for j in read_judgements(run_dir, repair=True)
        if j.judge == spec.name
        and j.model == spec.model
        and not j.failed
        and j.prompt == prompts.get(j.criterion)
        and j.canaries in (None, CANARY_SET)
    }
    by_id = {item.id: item for item in items}
    # (item or kind, candidate or side, canary set) for each job still to ask.
    pending: list[tuple[str, str, str | None, JudgeJob]] = [
        (record.id, record.model, None, JudgeJob(c, by_id[record.id], record.reply))
        for record in records
        if record.reply is not None and record.error is None and record.id in by_id
        for c in criteria
        if (spec.name, spec.model, c, record.id, record.model, False) not in done
    ]
    pending += [
        (canary.kind, side, CANARY_SET, job)
        for canary, side, job in canary_jobs(criteria)
        if (spec.name, spec.model, job.criterion, canary.kind, side, True) not in done
    ]
    if not pending:
        return 0

    async def work(model: Model) -> None:
        try:
            served = (await model.resolve()).id
        except ModelCallError as error:
            raise UsageError(f"judge {spec.name!r}: {error}") from None

        with appending(run_dir / JUDGES_FILE) as append:

            def record(index: int, score: Score, failed: bool) -> None:
                item, candidate, canaries, job = pending[index]
                judgement = Judgement(
                    judge=spec.name,
                    model=spec.model,
                    served=served,
                    prompt=prompts[job.criterion],
                    canaries=canaries,
                    criterion=job.criterion,
                    item=item,
                    candidate=candidate,
                    score=score,
                    failed=failed,
                    at=datetime.now(UTC),
                )
                append(judgement)

            await judge_jobs(model, [job for *_, job in pending], record)

    with_judge(spec, work, log_dir=run_dir / "logs")
    return len(pending)


def reply_verdicts(judgements: Sequence[Judgement]) -> dict[tuple[str, str], dict[str, Score]]:
    """Per (item id, run model), each judge's latest score on each criterion, named
    ``tone_judge · JUDGE``, to show beside the reply."""
    found: dict[tuple[str, str], dict[str, Score]] = {}
    for j in judgements:
        if j.canaries is None:
            name = f"{judge_name(j.criterion)} · {j.judge}"
            found.setdefault((j.item, j.candidate), {})[name] = j.score
    return found


@dataclass(frozen=True)
class CanaryRow:
    """A canary pair as one judge graded it."""

    criterion: str
    kind: str
    """The defect of the pair's defective twin."""
    faithful: str
    """The judge's note for the faithful reply (``4/5``), or ``—`` when unusable."""
    defective: str
    """Its note for the defective twin."""
    outcome: str
    """``right``, ``wrong`` or ``unusable``."""


@dataclass(frozen=True)
class JudgeView:
    """What the report shows of one judge."""

    name: str
    """The judge's name in ``models.yaml``."""
    model: str
    """The model id asked for, and the one served when it differs."""
    versions: str
    """The judge prompts' versions and the canary set's."""
    criteria: list[str]
    """The criteria judged, in report order."""
    scores: dict[str, dict[str, tuple[Estimate | None, Estimate]]]
    """Per run model, per criterion: (the automatic score, the judge's score)."""
    checks: list[CanaryCheck]
    """Per criterion, how the judge ranked the canary pairs."""
    canaries: list[CanaryRow]
    """Each canary pair's notes."""
    unusable: dict[str, tuple[int, int]]
    """Per criterion, the run's replies without a usable verdict, and the replies judged."""
    failed: int
    """Calls that failed (asked again by the next ``--judge``)."""
    not_judged: int
    """Replies of the run the judge has not graded yet (the run went on after it)."""
    canaries_missing: int = 0
    """Canary pairs of the current set not graded yet (a judging that was stopped)."""

    @property
    def trusted(self) -> bool:
        """Whether the judge ranked enough canary pairs right on every criterion."""
        return (
            bool(self.checks)
            and not self.canaries_missing
            and all(check.trusted for check in self.checks)
        )

    @property
    def warning(self) -> str:
        """Why not to trust the judge, or ``""``."""
        if self.trusted:
            return ""
        if not self.checks:
            return f"Judge {self.name} is not trusted: it has graded no canary pair."
        if self.canaries_missing and all(check.trusted for check in self.checks):
            return (
                f"Judge {self.name} is not trusted yet: {self.canaries_missing} canary pairs "
                f"are not graded; plume report --judge {self.name} grades them."
            )
        low = "; ".join(
            f"{c.criterion} {c.right}/{c.pairs} ({c.accuracy:.0%})"
            for c in self.checks
            if not c.trusted
        )
        return (
            f"Judge {self.name} is not trusted: it ranked fewer than "
            f"{TRUSTED:.0%} of the canary pairs right ({low}). Do not choose a "
            "model on its scores."
        )


def _note(score: Score) -> str:
    note = score.subscores.get("note")
    return "—" if note is None else f"{note:.0f}/5"


def judge_views(
    judgements: Sequence[Judgement],
    results: RunResults,
    records: Sequence[SampleRecord],
    items: Sequence[GoldItem] | None,
) -> list[JudgeView]:
    """One view per judge (name and model) recorded in ``judgements``: the latest verdict on each
    reply counts, and only the canary verdicts of the latest canary set the judge graded."""
    latest: dict[tuple[str, str], dict[tuple[str, str, str, str, str, bool], Judgement]] = {}
    for j in judgements:
        latest.setdefault((j.judge, j.model), {})[j.key] = j
    services = {item.id: item.service for item in items} if items else None
    replied = [r for r in records if r.reply is not None and r.error is None]
    views = []
    for (judge, model), found in latest.items():
        verdicts = list(found.values())
        mine = [j for j in judgements if (j.judge, j.model) == (judge, model)]
        newest = mine[-1]
        canary_set = next((j.canaries for j in reversed(mine) if j.canaries is not None), None)
        on_replies = {(j.criterion, j.item, j.candidate): j for j in verdicts if j.canaries is None}
        on_canaries = [j for j in verdicts if j.canaries is not None and j.canaries == canary_set]
        criteria = [c for c in JUDGE_PROMPTS if any(j.criterion == c for j in verdicts)]
        scores: dict[str, dict[str, tuple[Estimate | None, Estimate]]] = {}
        unusable: dict[str, tuple[int, int]] = {}
        not_judged = 0
        for criterion in criteria:
            graded = [(r, on_replies.get((criterion, r.id, r.model))) for r in replied]
            not_judged = max(not_judged, sum(1 for _, j in graded if j is None))
            judged = [j for _, j in graded if j is not None]
            unusable[criterion] = (sum(1 for j in judged if not j.score.scored), len(judged))
            for name, res in results.models.items():
                values = [j for j in judged if j.candidate == name]
                estimate = bootstrap_mean(
                    [j.score.value for j in values],
                    clusters=[services.get(j.item, "") for j in values] if services else None,
                )
                scores.setdefault(name, {})[criterion] = (res.scores.get(criterion), estimate)
        sides: dict[tuple[str, str], dict[str, Score]] = {}
        for j in on_canaries:
            sides.setdefault((j.criterion, j.item), {})[j.candidate] = j.score
        pairs = {key: s for key, s in sides.items() if {"faithful", "defective"} <= set(s)}
        checks = rank_canaries(
            {key: (s["faithful"].value, s["defective"].value) for key, s in pairs.items()}
        )
        outcomes = {
            (check.criterion, kind): outcome
            for check in checks.values()
            for kind, outcome in check.outcomes
        }
        shown = model if newest.served == model else f"{model}, served as {newest.served}"
        prompts = sorted({j.prompt for j in verdicts})
        views.append(
            JudgeView(
                name=judge,
                model=shown,
                versions=", ".join(prompts) + (f"; {canary_set}" if canary_set else ""),
                criteria=criteria,
                scores=scores,
                checks=[checks[c] for c in criteria if c in checks],
                canaries=[
                    CanaryRow(
                        c, kind, _note(s["faithful"]), _note(s["defective"]), outcomes[c, kind]
                    )
                    for (c, kind), s in sorted(
                        pairs.items(), key=lambda pair: (criteria.index(pair[0][0]), pair[0][1])
                    )
                ],
                unusable=unusable,
                failed=sum(1 for j in verdicts if j.failed),
                not_judged=not_judged,
                canaries_missing=sum(
                    1
                    for c in CANARIES
                    if canary_set == CANARY_SET
                    and c.criterion in criteria
                    and (c.criterion, c.kind) not in pairs
                ),
            )
        )
    return views

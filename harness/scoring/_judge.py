"""Judge models: the ``judge-tone`` and ``judge-accuracy`` rubrics, each reported as its own
criterion (``tone_judge``, ``accuracy_judge``) beside the deterministic scores, never instead.

A judge's 1–5 note becomes ``(note − 1) / 4``. The verdict is asked for in the provider's
structured-output mode (a JSON Schema), so that it parses; an answer without a valid verdict, or
a call that fails, leaves the reply unscored with the reason: counted per judge, never averaged
as zero. Every judged run also judges the built-in canary pairs (:mod:`._canaries`), and its
canary accuracy is reported beside its scores. Judge criteria carry no weight in ``overall``
unless ``scoring.yaml`` gives them one.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

from harness.gold import GoldItem, anonymised_many
from harness.models import Model, ModelCallError, ModelSpec, serve_local
from harness.privacy import anonymize_many
from harness.prompts import (
    PromptTemplate,
    VerdictError,
    judge_variables,
    load_prompt,
    parse_verdict,
)
from harness.scoring._canaries import CANARIES, SIDES, Canary, CanaryCheck, rank_canaries
from harness.scoring._score import Score

JUDGE_PROMPTS = {"tone": "judge-tone", "accuracy": "judge-accuracy"}
"""Criterion to the judge prompt that grades it."""
SUFFIX = "_judge"
VERDICT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "raisonnement": {"type": "string"},
        "note": {"type": "integer", "minimum": 1, "maximum": 5},
        "problemes": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["raisonnement", "note", "problemes"],
    "additionalProperties": False,
}
"""The verdict a judge prompt asks for, as the JSON Schema its structured-output mode enforces."""


def judge_name(criterion: str) -> str:
    """The key of a judge's score: ``tone`` → ``tone_judge``."""
    return criterion + SUFFIX


def judge_versions(
    spec: ModelSpec, criteria: Sequence[str] = tuple(JUDGE_PROMPTS)
) -> dict[str, str]:
    """Judge criterion to its version: the prompt's exact version and the model asked."""
    return {
        judge_name(c): f"{load_prompt(JUDGE_PROMPTS[c]).ref}+{spec.name}:{spec.model}"
        for c in criteria
    }


@dataclass(frozen=True)
class JudgeJob:
    """One reply for a judge to grade on one criterion."""

    criterion: str
    """``tone`` or ``accuracy``: the rubric (:data:`JUDGE_PROMPTS`) the judge applies."""
    item: GoldItem
    reply: str


Done = Callable[[int, Score, bool], None]
"""Told each job's index, its score and whether the call itself failed, as each verdict comes."""


async def _one(
    model: Model, template: PromptTemplate, item: GoldItem, reply: str
) -> tuple[Score, bool]:
    """The judge's score, and whether the call failed (worth asking again, unlike an answer
    without a usable verdict)."""
    if not reply.strip():
        return Score(value=0.0, explanation="empty reply"), False
    rendered = template.render(judge_variables(item, reply))
    prompt = rendered.text if model.spec.mode == "completion" else list(rendered.messages)
    schema = None if model.spec.mode == "completion" else VERDICT_SCHEMA
    try:
        completion = await model.generate(prompt, schema=schema)
    except ModelCallError as error:
        return Score.unscored(f"judge {model.spec.name} failed: {error}"), True
    try:
        verdict = parse_verdict(completion.text)
    except VerdictError as error:
        return Score.unscored(f"judge {model.spec.name}: {error}"), False
    score = Score(
        value=(verdict.note - 1) / 4,
        explanation=f"{verdict.note}/5 from {model.spec.name}: {verdict.raisonnement}".strip(),
        subscores={"note": float(verdict.note)},
        notes=list(verdict.problemes),
    )
    return score, False


async def judge_jobs(
    model: Model, jobs: Sequence[JudgeJob], done: Done | None = None
) -> list[Score]:
    """Grade every job with ``model``, concurrently within the model's own limits; ``done`` is
    told of each verdict as it comes, so that a caller can record it at once."""
    templates = {c: load_prompt(JUDGE_PROMPTS[c]) for c in {job.criterion for job in jobs}}
    items = [job.item for job in jobs]
    replies = [job.reply for job in jobs]
    if model.spec.remote:
        # A remote judge sees what a remote candidate would: no personal data, in the citizen's
        # text or in a reply that repeats it. Each item is anonymised once, however many jobs.
        distinct = list({item.id: item for item in items}.values())
        shown = {item.id: item for item in anonymised_many(distinct)}
        items = [shown[item.id] for item in items]
        replies = [result.text for result in anonymize_many(replies)]

    async def grade(index: int, criterion: str, item: GoldItem, reply: str) -> Score:
        score, failed = await _one(model, templates[criterion], item, reply)
        if done is not None:
            done(index, score, failed)
        return score

    return list(
        await asyncio.gather(
            *(
                grade(index, job.criterion, item, reply)
                for index, (job, item, reply) in enumerate(zip(jobs, items, replies, strict=True))
            )
        )
    )


async def judge_replies(
    model: Model,
    items: Sequence[GoldItem],
    replies: Sequence[str],
    criteria: Sequence[str] = tuple(JUDGE_PROMPTS),
) -> list[dict[str, Score]]:
    """Grade every reply on every criterion with ``model``: per reply, judge criterion to score."""
    jobs = [
        JudgeJob(c, item, reply)
        for item, reply in zip(items, replies, strict=True)
        for c in criteria
    ]
    flat = await judge_jobs(model, jobs)
    width = len(criteria)
    return [
        {judge_name(c): flat[row * width + k] for k, c in enumerate(criteria)}
        for row in range(len(items))
    ]


def canary_jobs(
    criteria: Sequence[str] = tuple(JUDGE_PROMPTS),
) -> list[tuple[Canary, str, JudgeJob]]:
    """Both replies of every canary pair of ``criteria``, each graded on its pair's criterion:
    (pair, side, job)."""
    return [
        (canary, side, JudgeJob(canary.criterion, canary.item, getattr(canary, side)))
        for canary in CANARIES
        if canary.criterion in criteria
        for side in SIDES
    ]


async def check_judge(
    model: Model, criteria: Sequence[str] = tuple(JUDGE_PROMPTS)
) -> dict[str, CanaryCheck]:
    """Judge the canary pairs of ``criteria`` with ``model``: how often it gives the faithful
    reply the better note, per criterion."""
    found = canary_jobs(criteria)
    scores = await judge_jobs(model, [job for _, _, job in found])
    values: dict[tuple[str, str], dict[str, float | None]] = {}
    for (canary, side, _), score in zip(found, scores, strict=True):
        values.setdefault((canary.criterion, canary.kind), {})[side] = score.value
    return rank_canaries({key: (v["faithful"], v["defective"]) for key, v in values.items()})


@dataclass(frozen=True)
class JudgeRun:
    """A judge's scores on a run's replies, with its canary checks."""

    scores: list[dict[str, Score]]
    """Per reply, judge criterion to score."""
    canaries: dict[str, CanaryCheck]
    """Per criterion, how the judge ranked the canary pairs."""

    def unusable(self) -> dict[str, int]:
        """Per judge criterion, the replies left without a usable verdict (or a failed call)."""
        counts: dict[str, int] = {}
        for row in self.scores:
            for name, score in row.items():
                counts[name] = counts.get(name, 0) + (0 if score.scored else 1)
        return counts


_T = TypeVar("_T")


def with_judge(spec: ModelSpec, work: Callable[[Model], Awaitable[_T]], *, log_dir: Path) -> _T:
    """Run ``work`` with a judge from ``models.yaml``, starting it first if it is local."""

    async def run(base_url: str | None) -> _T:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            return await work(Model(spec, session, base_url=base_url))

    with ExitStack() as stack:
        base_url = None
        if spec.started_by_plume():
            base_url = stack.enter_context(serve_local(spec, log_dir=log_dir)).base_url
        return asyncio.run(run(base_url))


def judge_with(
    spec: ModelSpec,
    items: Sequence[GoldItem],
    replies: Sequence[str],
    *,
    criteria: Sequence[str] = tuple(JUDGE_PROMPTS),
    log_dir: Path,
) -> JudgeRun:
    """:func:`judge_replies` and :func:`check_judge` with a judge from ``models.yaml``."""

    async def work(model: Model) -> JudgeRun:
        scores, canaries = await asyncio.gather(
            judge_replies(model, items, replies, criteria), check_judge(model, criteria)
        )
        return JudgeRun(scores, canaries)

    return with_judge(spec, work, log_dir=log_dir)

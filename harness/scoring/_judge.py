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
from harness.scoring._canaries import CANARIES, CanaryCheck
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


async def _one(model: Model, template: PromptTemplate, item: GoldItem, reply: str) -> Score:
    if not reply.strip():
        return Score(value=0.0, explanation="empty reply")
    rendered = template.render(judge_variables(item, reply))
    prompt = rendered.text if model.spec.mode == "completion" else list(rendered.messages)
    schema = None if model.spec.mode == "completion" else VERDICT_SCHEMA
    try:
        completion = await model.generate(prompt, schema=schema)
    except ModelCallError as error:
        return Score.unscored(f"judge {model.spec.name} failed: {error}")
    try:
        verdict = parse_verdict(completion.text)
    except VerdictError as error:
        return Score.unscored(f"judge {model.spec.name}: {error}")
    return Score(
        value=(verdict.note - 1) / 4,
        explanation=f"{verdict.note}/5 from {model.spec.name}: {verdict.raisonnement}".strip(),
        subscores={"note": float(verdict.note)},
        notes=list(verdict.problemes),
    )


async def judge_replies(
    model: Model,
    items: Sequence[GoldItem],
    replies: Sequence[str],
    criteria: Sequence[str] = tuple(JUDGE_PROMPTS),
) -> list[dict[str, Score]]:
    """Grade every reply on every criterion with ``model``; calls run concurrently within the
    model's own limits."""
    templates = {c: load_prompt(JUDGE_PROMPTS[c]) for c in criteria}
    if model.spec.remote:
        # A remote judge sees what a remote candidate would: no personal data, in the citizen's
        # text or in a reply that repeats it.
        items = anonymised_many(items)
        replies = [result.text for result in anonymize_many(replies)]
    tasks = [
        [_one(model, templates[c], item, reply) for c in criteria]
        for item, reply in zip(items, replies, strict=True)
    ]
    flat = await asyncio.gather(*(t for row in tasks for t in row))
    width = len(criteria)
    return [
        {judge_name(c): flat[row * width + k] for k, c in enumerate(criteria)}
        for row in range(len(tasks))
    ]


async def check_judge(
    model: Model, criteria: Sequence[str] = tuple(JUDGE_PROMPTS)
) -> dict[str, CanaryCheck]:
    """Judge the canary pairs of ``criteria`` with ``model``: how often it gives the faithful
    reply the better note, per criterion."""
    canaries = [c for c in CANARIES if c.criterion in criteria]
    scores = await judge_replies(
        model,
        [c.item for c in canaries for _ in (0, 1)],
        [text for c in canaries for text in (c.faithful, c.defective)],
        criteria,
    )
    checks = {}
    for criterion in criteria:
        right, unusable, wrong = 0, 0, []
        pairs = [(n, c) for n, c in enumerate(canaries) if c.criterion == criterion]
        for number, canary in pairs:
            good = scores[2 * number][judge_name(criterion)].value
            bad = scores[2 * number + 1][judge_name(criterion)].value
            if good is None or bad is None:
                unusable += 1
            elif good > bad:
                right += 1
                continue
            wrong.append(canary.kind)
        checks[criterion] = CanaryCheck(criterion, len(pairs), right, unusable, tuple(wrong))
    return checks


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
        if spec.provider == "local":
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

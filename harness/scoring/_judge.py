"""Judge models: the ``judge-tone`` and ``judge-accuracy`` rubrics, each reported as its own
criterion (``tone_judge``, ``accuracy_judge``) beside the deterministic scores, never instead.

A judge's 1–5 note becomes ``(note − 1) / 4``. An answer without a valid verdict, or a call that
fails, leaves the reply unscored with the reason: counted, never averaged as zero. Judge
criteria carry no weight in ``overall`` unless ``scoring.yaml`` gives them one.
"""

import asyncio
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

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
from harness.scoring._score import Score

JUDGE_PROMPTS = {"tone": "judge-tone", "accuracy": "judge-accuracy"}
"""Criterion to the judge prompt that grades it."""
SUFFIX = "_judge"


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
    try:
        completion = await model.generate(prompt)
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


def judge_with(
    spec: ModelSpec,
    items: Sequence[GoldItem],
    replies: Sequence[str],
    *,
    criteria: Sequence[str] = tuple(JUDGE_PROMPTS),
    log_dir: Path,
) -> list[dict[str, Score]]:
    """:func:`judge_replies` with a judge from ``models.yaml``, starting it first if it is local."""

    async def run(base_url: str | None) -> list[dict[str, Score]]:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            model = Model(spec, session, base_url=base_url)
            return await judge_replies(model, items, replies, criteria)

    with ExitStack() as stack:
        base_url = None
        if spec.provider == "local":
            base_url = stack.enter_context(serve_local(spec, log_dir=log_dir)).base_url
        return asyncio.run(run(base_url))

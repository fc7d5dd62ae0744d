"""The variables each kind of prompt is filled in with, built from gold items."""

import hashlib
from collections.abc import Sequence
from typing import Any

from harness.gold import GoldItem

DEFAULT_SIGNATURE = "Le service relations usagers"


def _example(item: GoldItem) -> dict[str, Any]:
    return {
        "service": item.service,
        "experience": item.experience.model_dump(),
        "reply": item.reply,
    }


def reply_variables(
    item: GoldItem,
    examples: Sequence[GoldItem] = (),
    *,
    include_signoff: bool = False,
    signature: str = DEFAULT_SIGNATURE,
) -> dict[str, Any]:
    """The ``reply`` prompt's variables for one item, in the shape ``plume run`` passes."""
    return {
        "service": item.service,
        "experience": item.experience.model_dump(),
        "context": list(item.context),
        "pseudonym": item.experience.pseudonym or "l'usager",
        "include_signoff": include_signoff,
        "signature": signature,
        "examples": [_example(e) for e in examples],
    }


def judge_variables(item: GoldItem, candidate: str) -> dict[str, Any]:
    """The variables every judge prompt takes: the item, its gold reply and the reply to grade."""
    return {
        "service": item.service,
        "experience": item.experience.model_dump(),
        "context": list(item.context),
        "key_facts": list(item.key_facts),
        "reference": item.reply,
        "candidate": candidate,
    }


def sample_variables(kind: str, item: GoldItem, pool: Sequence[GoldItem]) -> dict[str, Any]:
    """Variables for checking a prompt of ``kind`` on ``item`` before any model is called.

    A reply prompt gets two other items as examples so that the few-shot branch renders too; a
    judge grades the gold reply itself.
    """
    if kind == "judge":
        return judge_variables(item, item.reply)

    def order(other: GoldItem) -> str:
        return hashlib.sha256(f"{item.id}\0{other.id}".encode()).hexdigest()

    examples = sorted((o for o in pool if o.id != item.id), key=order)[:2]
    return reply_variables(item, examples)


def check_samples(kind: str, item: GoldItem, pool: Sequence[GoldItem]) -> list[dict[str, Any]]:
    """``sample_variables`` and, for a reply prompt, the branches it leaves out (no examples, a
    sign-off asked for): what a check renders to see every branch of a template."""
    samples = [sample_variables(kind, item, pool)]
    if kind == "reply":
        samples.append(reply_variables(item, include_signoff=True))
    return samples

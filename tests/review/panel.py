"""A review plan without runs, and a simulated panel with planted preferences."""

import math
import random
from datetime import UTC, datetime
from pathlib import Path

from harness.gold import GoldItem
from harness.review import (
    Candidate,
    Ratings,
    Reviewer,
    ReviewPlan,
    Verdict,
    assign,
    token_hash,
    write_plan,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def item(number: int) -> GoldItem:
    return GoldItem.model_validate(
        {
            "id": f"item-{number:03d}",
            "service": "Caf",
            "experience": {
                "title": f"Dossier {number} en attente",
                "text": "J’attends ma prime d’activité depuis trois mois.",
                "sentiment": "negative",
            },
            "context": ["Délai de traitement : 15 jours."],
            "reply": "Bonjour, votre dossier est en cours de traitement.",
            "key_facts": ["Le délai est de 15 jours."],
        }
    )


def make_plan(
    review_dir: Path,
    *,
    models: tuple[str, ...] = ("run-a/alpha", "run-b/beta"),
    items: int = 4,
    per_pair: int = 2,
    panel: int = 3,
    replies: dict[str, str] | None = None,
    seed: int = 7,
) -> dict[str, str]:
    """Write a plan in ``review_dir``; returns each reviewer's token."""
    gold = [item(n) for n in range(items)]
    candidates = [
        Candidate(
            name=name,
            run_dir=str(review_dir / "runs" / name.split("/")[0]),
            model=name.split("/")[1],
            prompt="reply@1.0.0",
            replies={
                g.id: (replies or {}).get(name, f"Bonjour, voici la réponse numéro {n}.")
                for g in gold
            },
        )
        for n, name in enumerate(models)
    ]
    queues = assign([g.id for g in gold], list(models), per_pair=per_pair, panel=panel, seed=seed)
    tokens = {f"r{n:02d}": f"jeton-{n}-" + "x" * 20 for n in range(1, panel + 1)}
    plan = ReviewPlan(
        name=review_dir.name,
        created_at=NOW,
        seed=seed,
        per_pair=per_pair,
        items=gold,
        candidates=candidates,
        reviewers=[
            Reviewer(id=reviewer, token_sha256=token_hash(token), tasks=queue)
            for (reviewer, token), queue in zip(tokens.items(), queues, strict=True)
        ],
    )
    write_plan(plan, review_dir)
    return tokens


def simulate(
    plan: ReviewPlan, strengths: dict[str, float], *, seed: int = 0, noise: float = 0.0
) -> list[tuple[int, Verdict]]:
    """Every planned verdict, drawn from Bradley–Terry with the given log-strengths; ratings are
    the candidate's rank plus noise, and the strongest reply is the one sent as is."""
    rng = random.Random(seed)
    best = max(strengths, key=strengths.__getitem__)
    rank = {name: 1 + n for n, name in enumerate(sorted(strengths, key=strengths.__getitem__))}
    found = []
    for reviewer in plan.reviewers:
        for position, task in enumerate(reviewer.tasks):
            p_left = 1 / (1 + math.exp(strengths[task.right] - strengths[task.left]))
            choice = "left" if rng.random() < p_left else "right"

            def rating(name: str) -> Ratings:
                value = rank[name] + (rng.choice((-1, 0, 1)) if rng.random() < noise else 0)
                value = min(5, max(1, value))
                return Ratings(tone=value, accuracy=value, conciseness=value)

            found.append(
                (
                    position,
                    Verdict(
                        review=plan.name,
                        item=task.item,
                        reviewer=reviewer.id,
                        left=task.left,
                        right=task.right,
                        choice=choice,
                        ratings={"left": rating(task.left), "right": rating(task.right)},
                        send={
                            "left": "as_is" if task.left == best else "after_edit",
                            "right": "as_is" if task.right == best else "no",
                        },
                        at=NOW,
                    ),
                )
            )
    return found

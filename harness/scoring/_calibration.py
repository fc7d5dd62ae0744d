"""Calibration: how well each automatic criterion agrees with agents' own ratings of replies.

Ratings file, JSONL or CSV (UTF-8), one rated reply a line:
``{"id": gold item id, "reply": text, "tone": 1-5, "accuracy": 1-5, "conciseness": 1-5,
"rater": optional name}``; a criterion left out (or an empty CSV cell) was not rated. Plume scores
each reply and reports, per criterion, Spearman's correlation with the ratings and Cohen's kappa
(plain and linearly weighted) between the ratings and the scores cut into five equal bins.
"""

import csv
import io
import json
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import InputError, format_validation_error
from harness.files import read_text
from harness.gold import GoldItem
from harness.scoring._batch import score_replies
from harness.scoring._score import Scorer
from harness.stats import bin_scores, cohen_kappa, spearman

RATED = ("tone", "accuracy", "conciseness")


class Rating(BaseModel):
    """One reply rated by an agent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    """The gold item the reply answers."""
    reply: str
    """The rated reply."""
    tone: int | None = Field(default=None, ge=1, le=5)
    """Tone, 1 (inappropriate) to 5 (plain, courteous, direct)."""
    accuracy: int | None = Field(default=None, ge=1, le=5)
    """Accuracy, 1 (contradicts or invents) to 5 (every key fact, nothing invented)."""
    conciseness: int | None = Field(default=None, ge=1, le=5)
    """Conciseness, 1 (mostly filler) to 5 (every sentence useful)."""
    rater: str | None = None
    """Who rated."""


class Agreement(BaseModel):
    """One criterion's agreement with the agents."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    """The criterion."""
    n: int
    """Replies both rated and scored."""
    spearman: float | None
    """Rank correlation between scores and ratings."""
    kappa: float | None
    """Cohen's kappa between the ratings and the scores in five bins."""
    weighted_kappa: float | None
    """The same with linear weights: near misses count less."""


def _rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        return [
            (number, {k: v for k, v in row.items() if k is not None and v not in (None, "")})
            for number, row in enumerate(reader, start=2)
        ]
    rows = []
    # Newlines only: str.splitlines also breaks inside JSON strings (U+2028, U+0085…).
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                raise InputError(path, f"not valid JSON ({error.msg})", line=number) from None
    return rows


def read_ratings(path: Path, known_ids: Collection[str]) -> list[Rating]:
    """Read a ratings file (``.csv``, otherwise JSONL).

    Raises:
        InputError: unreadable, malformed, an unknown id or rating out of 1–5, with the line.
    """
    text = read_text(path, "the ratings")
    ratings = []
    for number, row in _rows(path, text):
        try:
            rating = Rating.model_validate(row)
        except ValidationError as error:
            raise InputError(path, format_validation_error(error), line=number) from None
        if rating.id not in known_ids:
            raise InputError(
                path, f"unknown id {rating.id!r}: it is not in the gold set", line=number
            )
        ratings.append(rating)
    if not ratings:
        raise InputError(path, "holds no rating")
    return ratings


def agreement(
    ratings: Sequence[Rating],
    items: Mapping[str, GoldItem],
    scorers: Sequence[Scorer] | None = None,
) -> list[Agreement]:
    """Score every rated reply and measure each criterion's agreement with the ratings."""
    scores = score_replies([items[r.id] for r in ratings], [r.reply for r in ratings], scorers)
    found = []
    for criterion in RATED:
        pairs: list[tuple[float, int]] = []
        for rating, scored in zip(ratings, scores, strict=True):
            human = getattr(rating, criterion)
            value = scored[criterion].value if criterion in scored else None
            if human is not None and value is not None:
                pairs.append((value, human))
        automatic = [a for a, _ in pairs]
        human = [h for _, h in pairs]
        binned = bin_scores(automatic)
        found.append(
            Agreement(
                criterion=criterion,
                n=len(pairs),
                spearman=spearman(automatic, [float(h) for h in human]),
                kappa=cohen_kappa(binned, human),
                weighted_kappa=cohen_kappa(binned, human, weighted=True),
            )
        )
    return found

"""The public file formats of ``plume score``: replies made elsewhere, and their scores.

Replies (JSONL): ``{"id": gold item id, "model": name, "reply": text}``.
Scores (JSONL): ``{"id", "model", "scores": {"tone", "accuracy", "conciseness", "overall"},
"details"}`` with values from 0 to 1 (higher is better) or ``null`` when unscored;
``details`` holds, per criterion, the explanation, the evidence spans (character offsets into the
reply), sub-scores and notes.
"""

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import InputError, format_validation_error
from harness.files import read_text
from harness.scoring._score import Score


class ReplyLine(BaseModel):
    """One line of a replies file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    """The gold item answered."""
    model: str = Field(min_length=1)
    """Who wrote the reply (a model, a prompt version, an agent)."""
    reply: str
    """The reply; an empty reply is scored (0 for accuracy), not refused."""


def read_replies(
    path: Path, known_ids: Collection[str], *, gold_name: str = "the gold set"
) -> list[ReplyLine]:
    """Read and check a replies file: every problem raises ``InputError`` with its line.

    Raises:
        InputError: unreadable file, bad JSON, a missing or unknown field, an id not in
            ``known_ids``, or the same (id, model) twice.
    """
    text = read_text(path, "the replies")
    lines: list[ReplyLine] = []
    seen: dict[tuple[str, str], int] = {}
    # Split on newlines only: str.splitlines also breaks at U+2028, U+0085 and other characters
    # that JSON strings may hold unescaped.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise InputError(path, f"not valid JSON ({error.msg})", line=number) from None
        try:
            line = ReplyLine.model_validate(data)
        except ValidationError as error:
            raise InputError(path, format_validation_error(error), line=number) from None
        if line.id not in known_ids:
            raise InputError(path, f"unknown id {line.id!r}: it is not in {gold_name}", line=number)
        key = (line.id, line.model)
        if key in seen:
            raise InputError(
                path,
                f"a second reply of {line.model!r} to {line.id!r} (first on line {seen[key]})",
                line=number,
            )
        seen[key] = number
        lines.append(line)
    if not lines:
        raise InputError(path, "holds no reply")
    return lines


def scores_line(reply: ReplyLine, scores: Mapping[str, Score]) -> str:
    """One line of a scores file."""
    record: dict[str, Any] = {
        "id": reply.id,
        "model": reply.model,
        "scores": {name: score.value for name, score in scores.items()},
        "details": {
            name: score.model_dump(mode="json", exclude={"value"}) for name, score in scores.items()
        },
    }
    return json.dumps(record, ensure_ascii=False)

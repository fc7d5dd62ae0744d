"""The judges' structured verdict and a parser that tolerates how models write it."""

import json
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import format_validation_error


class VerdictError(ValueError):
    """A judge's answer holds no usable verdict; the scorer records the item as unscored."""


class JudgeVerdict(BaseModel):
    """What a judge prompt asks for: reasoning first, then a 1–5 score and the problems seen."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    raisonnement: str = ""
    """The judge's reasoning, written before the score (it improves the score's quality)."""
    note: int = Field(ge=1, le=5)
    """Score on the rubric's anchored 1–5 scale; 5 is best."""
    problemes: list[str] = Field(default_factory=list)
    """Short descriptions of each problem found in the reply."""


def _bare_key(key: str) -> str:
    # Models write "problèmes" or "Note" as often as the asked-for "problemes" and "note".
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip().lower()


def _objects(text: str) -> list[dict[str, Any]]:
    """Every top-level JSON object in ``text``, in order; nested objects are not counted twice."""
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    position = text.find("{")
    while position != -1:
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            position = text.find("{", position + 1)
            continue
        if isinstance(value, dict):
            found.append(value)
            position = text.find("{", end)
        else:
            position = text.find("{", position + 1)
    return found


def parse_verdict(text: str) -> JudgeVerdict:
    """The last JSON object in a judge's answer, as a verdict; code fences and prose are ignored.

    Raises:
        VerdictError: no JSON object, or the last one is not a valid verdict.
    """
    objects = _objects(text)
    if not objects:
        excerpt = " ".join(text.split())[:80]
        raise VerdictError(f"the judge's answer holds no JSON object: {excerpt!r}")
    raw = {_bare_key(str(k)): v for k, v in objects[-1].items()}
    try:
        return JudgeVerdict.model_validate(raw)
    except ValidationError as error:
        raise VerdictError(
            f"the judge's verdict is invalid: {format_validation_error(error)}"
        ) from None

"""An agent's verdict on one comparison, as stored and exported (ARCHITECTURE: Review verdict)."""

import difflib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Side = Literal["left", "right"]
Choice = Literal["left", "right", "equal", "both_bad"]
Send = Literal["as_is", "after_edit", "no"]
CRITERIA = ("tone", "accuracy", "conciseness")


class Ratings(BaseModel):
    """One reply rated 1 to 5."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tone: int = Field(ge=1, le=5)
    """Ton."""
    accuracy: int = Field(ge=1, le=5)
    """Exactitude."""
    conciseness: int = Field(ge=1, le=5)
    """Concision."""


class Edit(BaseModel):
    """A reply rewritten into what the agent would send."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    of: Side
    """Which reply was edited."""
    text: str = Field(min_length=1)
    """The edited reply."""
    size: int = Field(ge=0)
    """Characters changed (``edit_size``)."""


class Verdict(BaseModel):
    """One reviewer's verdict on one comparison."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review: str
    """The review's name."""
    item: str
    """The gold item's id."""
    reviewer: str
    """The pseudonymous reviewer."""
    left: str
    """The candidate shown as A (``run_id/model``)."""
    right: str
    """The candidate shown as B."""
    choice: Choice
    """Which reply is better, both equal, or both unacceptable."""
    ratings: dict[Side, Ratings]
    """Each reply's ratings."""
    send: dict[Side, Send]
    """Would the agent send each reply as is, after editing, or not at all."""
    edit: Edit | None = None
    """The reply as the agent would send it, when they edited one."""
    comment: str | None = None
    """A free comment."""
    at: datetime
    """When it was submitted (UTC)."""


def edit_size(before: str, after: str) -> int:
    """Characters inserted, deleted or replaced to turn ``before`` into ``after``."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )

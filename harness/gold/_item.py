"""The gold item: one citizen experience, the facts the agent had, and the agent's reply."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Sentiment = Literal["positive", "neutral", "negative"]

# A blank string carries no fact; `\S` (a search, in pydantic and JSON Schema alike) rejects it.
NonBlank = Annotated[str, Field(min_length=1, pattern=r"\S")]


class Experience(BaseModel):
    """What the citizen wrote on Services Publics+."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    title: NonBlank
    """The experience's title, as published."""
    text: NonBlank
    """The citizen's message."""
    sentiment: Sentiment
    """How the citizen felt (``ressenti_usager``)."""
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    """When it was written (ISO 8601 date, ``YYYY-MM-DD``), if known."""
    pseudonym: NonBlank | None = None
    """The citizen's pseudonym on the platform, used in the greeting."""


class GoldItem(BaseModel):
    """One line of a gold set (JSONL)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    """Stable id, unique within the set; results are paired on it."""
    service: NonBlank
    """The public service that answers (Caf, CPAM, France Travail, …)."""
    experience: Experience
    """The citizen's experience."""
    context: list[NonBlank] = Field(default_factory=list)
    """Facts the agent had: rules, case status, official delays and channels."""
    reply: NonBlank
    """The reply an agent wrote (the gold reply)."""
    key_facts: list[NonBlank] = Field(default_factory=list)
    """What a correct reply must convey; each is supported by ``context``."""
    tags: list[NonBlank] = Field(default_factory=list)
    """Free labels (hard cases, topics)."""
    source: NonBlank | None = None
    """Where the item comes from (constructed, open-data export id, …)."""

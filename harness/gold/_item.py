"""The gold item: one citizen experience, the facts the agent had, and the agent's reply."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Sentiment = Literal["positive", "neutral", "negative"]


class Experience(BaseModel):
    """What the citizen wrote on Services Publics+."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    """The experience's title, as published."""
    text: str = Field(min_length=1)
    """The citizen's message."""
    sentiment: Sentiment
    """How the citizen felt (``ressenti_usager``)."""
    date: str | None = None
    """When it was written (ISO 8601 date), if known."""
    pseudonym: str | None = None
    """The citizen's pseudonym on the platform, used in the greeting."""


class GoldItem(BaseModel):
    """One line of a gold set (JSONL)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    """Stable id, unique within the set; results are paired on it."""
    service: str = Field(min_length=1)
    """The public service that answers (Caf, CPAM, France Travail, …)."""
    experience: Experience
    """The citizen's experience."""
    context: list[str] = Field(default_factory=list)
    """Facts the agent had: rules, case status, official delays and channels."""
    reply: str = Field(min_length=1)
    """The reply an agent wrote (the gold reply)."""
    key_facts: list[str] = Field(default_factory=list)
    """What a correct reply must convey; each is supported by ``context``."""
    tags: list[str] = Field(default_factory=list)
    """Free labels (hard cases, topics)."""
    source: str | None = None
    """Where the item comes from (constructed, open-data export id, …)."""

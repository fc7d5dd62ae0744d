"""What a scorer returns: a value with its reasons, or an explicit "unscored"."""

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from harness.gold import GoldItem

EvidenceKind = Literal[
    "violation", "contradiction", "invented", "injection", "filler", "repetition", "other"
]


class Evidence(BaseModel):
    """A span of the reply that a score rests on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int
    """Character offset of the span's start in the reply."""
    end: int
    """Character offset just past the span."""
    note: str
    """Why this span matters."""
    kind: EvidenceKind = "other"
    """What the span is: a style violation, a contradicted or invented fact, filler…"""


class Score(BaseModel):
    """One criterion's verdict on one reply; ``value`` is ``None`` when it could not be scored."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float | None = Field(default=None, ge=0.0, le=1.0)
    """0 to 1, higher is better; ``None`` means unscored and is never averaged as zero."""
    explanation: str
    """Why this value, in a sentence a reader can check; for unscored, the reason."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Spans of the reply behind the value."""
    subscores: dict[str, float] = Field(default_factory=dict)
    """Named components of the value."""
    notes: list[str] = Field(default_factory=list)
    """Findings with no span in the reply, such as a key fact the reply does not convey."""

    @classmethod
    def unscored(cls, reason: str) -> "Score":
        """A reply this scorer cannot judge, with the reason shown in reports."""
        return cls(value=None, explanation=reason)

    @property
    def scored(self) -> bool:
        """Whether the scorer produced a value."""
        return self.value is not None


class Scorer(Protocol):
    """Judges one reply to one gold item on one criterion."""

    @property
    def name(self) -> str:
        """Key of the score in records and reports."""
        ...

    @property
    def version(self) -> str:
        """Bumped whenever the scorer can give a different value for the same input."""
        ...

    def __call__(self, item: GoldItem, reply: str) -> Score:
        """Score ``reply`` as an answer to ``item``."""
        ...

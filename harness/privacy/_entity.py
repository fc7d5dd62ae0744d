"""What the anonymiser finds: a typed span of personal data in a text."""

from dataclasses import dataclass
from typing import Literal

from harness.errors import PlumeError

EntityType = Literal[
    "NOM", "EMAIL", "TÉLÉPHONE", "NIR", "IBAN", "ADRESSE", "NUMÉRO", "DATE_NAISSANCE"
]
"""Kinds of personal data; each is replaced by its name in brackets (``[TÉLÉPHONE]``)."""

ENTITY_TYPES: tuple[EntityType, ...] = (
    "NOM",
    "EMAIL",
    "TÉLÉPHONE",
    "NIR",
    "IBAN",
    "ADRESSE",
    "NUMÉRO",
    "DATE_NAISSANCE",
)


@dataclass(frozen=True, order=True)
class Entity:
    """One piece of personal data: its type and where it is (character offsets into the input)."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    type: EntityType
    """What kind of personal data it is."""

    def as_json(self) -> dict[str, object]:
        """The Anonymise JSON form: ``{"type", "start", "end"}`` (never the value)."""
        return {"type": self.type, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class AnonymizedText:
    """A text with its personal data replaced by typed placeholders."""

    text: str
    """The anonymised text."""
    entities: tuple[Entity, ...]
    """What was replaced, with offsets into the original text, in text order."""

    def as_json(self) -> dict[str, object]:
        """The public Anonymise JSON: ``{"text", "entities": [{"type", "start", "end"}]}``."""
        return {"text": self.text, "entities": [entity.as_json() for entity in self.entities]}


class PersonalDataError(PlumeError):
    """A text bound for a remote model holds personal data; the message names types only."""

    exit_code = 1

    def __init__(self, entities: tuple[Entity, ...] | list[Entity]) -> None:
        counts: dict[str, int] = {}
        for entity in entities:
            counts[entity.type] = counts.get(entity.type, 0) + 1
        found = ", ".join(f"{count} × {kind}" for kind, count in sorted(counts.items()))
        super().__init__(
            f"the text holds personal data ({found}) and was not sent to a remote model;"
            " anonymise it first (`plume data anonymize`)"
        )
        self.types = tuple(sorted(counts))

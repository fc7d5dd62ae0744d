"""Personal data, defined once: what the anonymiser replaces, what the guard refuses to send to a
remote model, and what the style guide's SPP-COM-02 flags in a reply."""

import bisect
import re
from collections.abc import Collection, Iterable, Sequence

from harness.privacy import _patterns
from harness.privacy._entity import ENTITY_TYPES, AnonymizedText, Entity
from harness.privacy._names import names_many

# On overlap the longer span wins; at equal length, the more specific type.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        ("EMAIL", "IBAN", "NIR", "TÉLÉPHONE", "DATE_NAISSANCE", "ADRESSE", "NUMÉRO", "NOM")
    )
}
assert set(_PRIORITY) == set(ENTITY_TYPES)


def _resolve(candidates: Iterable[Entity]) -> list[Entity]:
    chosen: list[Entity] = []  # kept in text order, never overlapping
    for entity in sorted(candidates, key=lambda e: (e.start - e.end, _PRIORITY[e.type], e.start)):
        if entity.start >= entity.end:
            continue
        index = bisect.bisect_left(chosen, entity)
        if index > 0 and chosen[index - 1].end > entity.start:
            continue
        if index < len(chosen) and chosen[index].start < entity.end:
            continue
        chosen.insert(index, entity)
    return chosen


def _key(entity: Entity, text: str) -> str:
    """What makes two mentions the same value: "+33 6 12…" and "06 12…" are one phone."""
    value = text[entity.start : entity.end]
    if entity.type == "NOM":
        return " ".join(value.casefold().split())
    if entity.type in ("TÉLÉPHONE", "NIR"):
        return _patterns.digits(value)
    return re.sub(r"[\s.\-()]", "", value.casefold())


def _normalised(value: str) -> str:
    return " ".join(value.casefold().split())


def find_personal_data(
    text: str,
    *,
    allow: Iterable[str] = (),
    known: Iterable[str] = (),
    official_numbers: Collection[str] | None = None,
) -> list[Entity]:
    """Personal data in ``text``, in text order, without overlaps.

    Args:
        text: French text.
        allow: values never reported (a pseudonym the platform already publishes).
        known: names known to be personal (a pseudonym from an export), reported wherever found.
        official_numbers: phone numbers that are not personal data, as digits; by default
            ``official_numbers()``, the style guide's list.
    """
    return find_personal_data_many(
        [text], allow=allow, known=[known], official_numbers=official_numbers
    )[0]


def find_personal_data_many(
    texts: Sequence[str],
    *,
    allow: Iterable[str] = (),
    known: Sequence[Iterable[str]] | None = None,
    official_numbers: Collection[str] | None = None,
) -> list[list[Entity]]:
    """``find_personal_data`` for many texts at once: spaCy reads them in one batch.

    ``known``, when given, holds one collection of names per text.
    """
    official = frozenset(
        _patterns.official_numbers() if official_numbers is None else official_numbers
    )
    allowed = {_normalised(a) for a in allow if a.strip()}
    names = names_many(texts, known if known is not None else [()] * len(texts))
    found = []
    for text, text_names in zip(texts, names, strict=True):
        candidates = [
            *_patterns.emails(text),
            *_patterns.ibans(text),
            *_patterns.nirs(text),
            *_patterns.phones(text, official),
            *_patterns.birth_dates(text),
            *_patterns.addresses(text),
            *_patterns.case_numbers(text),
            *text_names,
        ]
        kept = (e for e in candidates if _normalised(text[e.start : e.end]) not in allowed)
        found.append(_resolve(kept))
    return found


def anonymize(text: str, *, allow: Iterable[str] = (), known: Iterable[str] = ()) -> AnonymizedText:
    """Replace personal data with typed placeholders, consistent within the text.

    One value of a type becomes ``[NOM]``; several distinct values become ``[NOM_1]``,
    ``[NOM_2]``… in order of first appearance, and a repeated value keeps its number.
    """
    return _replaced(text, find_personal_data(text, allow=allow, known=known))


def anonymize_many(
    texts: Sequence[str], *, known: Sequence[Iterable[str]] | None = None
) -> list[AnonymizedText]:
    """``anonymize`` for many texts at once (``known``: one collection of names per text)."""
    found = find_personal_data_many(texts, known=known)
    return [_replaced(text, entities) for text, entities in zip(texts, found, strict=True)]


def _replaced(text: str, entities: list[Entity]) -> AnonymizedText:
    numbers: dict[tuple[str, str], int] = {}
    for entity in entities:
        numbers.setdefault((entity.type, _key(entity, text)), 0)
    per_type: dict[str, int] = {}
    for kind, value in numbers:
        per_type[kind] = per_type.get(kind, 0) + 1
        numbers[kind, value] = per_type[kind]
    parts: list[str] = []
    position = 0
    for entity in entities:
        parts.append(text[position : entity.start])
        number = numbers[entity.type, _key(entity, text)]
        suffix = f"_{number}" if per_type[entity.type] > 1 else ""
        parts.append(f"[{entity.type}{suffix}]")
        position = entity.end
    parts.append(text[position:])
    return AnonymizedText(text="".join(parts), entities=tuple(entities))

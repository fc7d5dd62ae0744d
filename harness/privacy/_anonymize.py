"""Find personal data in French text, replace it with typed placeholders, and guard remote calls."""

import bisect
import re
from collections.abc import Iterable

from harness.privacy import _patterns
from harness.privacy._entity import ENTITY_TYPES, AnonymizedText, Entity, PersonalDataError
from harness.privacy._names import names

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
    value = text[entity.start : entity.end].casefold()
    if entity.type == "NOM":
        return " ".join(value.split())
    compact = re.sub(r"[\s.\-()]", "", value)
    if entity.type == "TÉLÉPHONE":
        compact = re.sub(r"^(?:\+|00)33(?:0)?", "0", compact)
    return compact


def find_personal_data(
    text: str, *, allow: Iterable[str] = (), known: Iterable[str] = ()
) -> list[Entity]:
    """Personal data in ``text``, in text order, without overlaps.

    Args:
        text: French text.
        allow: values never reported (a pseudonym the platform already publishes).
        known: names known to be personal (a pseudonym from an export), reported wherever found.
    """
    known = tuple(known)
    allowed = {" ".join(a.casefold().split()) for a in allow if a.strip()}
    candidates = [
        *_patterns.emails(text),
        *_patterns.ibans(text),
        *_patterns.nirs(text),
        *_patterns.phones(text),
        *_patterns.birth_dates(text),
        *_patterns.addresses(text),
        *_patterns.case_numbers(text),
        *names(text, known),
    ]
    kept = [
        e for e in candidates if " ".join(text[e.start : e.end].casefold().split()) not in allowed
    ]
    return _resolve(kept)


def anonymize(text: str, *, allow: Iterable[str] = (), known: Iterable[str] = ()) -> AnonymizedText:
    """Replace personal data with typed placeholders, consistent within the text.

    One value of a type becomes ``[NOM]``; several distinct values become ``[NOM_1]``,
    ``[NOM_2]``… in order of first appearance, and a repeated value keeps its number.
    """
    entities = find_personal_data(text, allow=allow, known=known)
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


def assert_no_personal_data(text: str, *, allow: Iterable[str] = ()) -> None:
    """Raise ``PersonalDataError`` if ``text`` holds personal data; it names types, never values."""
    found = find_personal_data(text, allow=allow)
    if found:
        raise PersonalDataError(found)

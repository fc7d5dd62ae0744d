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
        return _normalised(value)
    if entity.type in ("TÉLÉPHONE", "NIR"):
        return _patterns.digits(value)
    return re.sub(r"[\s.\-()]", "", value.casefold())


def _normalised(value: str) -> str:
    # Not text.fold: names differing by an accent may be different people, so only case and
    # spacing are ignored.
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
        official_numbers: phone numbers that are not personal data, written in any way
            ("+33 9 70 …", "3646"); by default ``official_numbers()``, the style guide's list.
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
    official = (
        _patterns.official_numbers()
        if official_numbers is None
        else frozenset(_patterns.digits(number) for number in official_numbers)
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
    ``[NOM_2]``… in order of first appearance, and a repeated value keeps its number. Nothing
    ``find_personal_data`` finds in the result.
    """
    return _anonymized([text], allow=allow, known=[tuple(known)])[0]


def anonymize_many(
    texts: Sequence[str], *, known: Sequence[Iterable[str]] | None = None
) -> list[AnonymizedText]:
    """``anonymize`` for many texts at once (``known``: one collection of names per text)."""
    return _anonymized(texts, known=None if known is None else [tuple(k) for k in known])


_ROUNDS = 3
"""Checks of a result: one finds what a replacement uncovered, the next confirms nothing is left."""

# Where each placeholder is: (start, end) in the result, (start, end) in the input.
_Placed = list[tuple[int, int, int, int]]


def _anonymized(
    texts: Sequence[str], *, allow: Iterable[str] = (), known: Sequence[Iterable[str]] | None
) -> list[AnonymizedText]:
    """Replace, then look again at the results: replacing a value changes its neighbours (digits
    next to a phone number, words next to a name), so what a second look finds is replaced too,
    in the input, until nothing is found."""
    allow = tuple(allow)
    entities = find_personal_data_many(texts, allow=allow, known=known)
    done = [_replaced(text, found) for text, found in zip(texts, entities, strict=True)]
    # A text where nothing was found comes out as it went in: nothing to look at again.
    pending = [i for i, found in enumerate(entities) if found]
    for _ in range(_ROUNDS):
        if not pending:
            break
        again = find_personal_data_many(
            [done[i][0].text for i in pending],
            allow=allow,
            known=None if known is None else [known[i] for i in pending],
        )
        pending = [i for i, extra in zip(pending, again, strict=True) if extra]
        for i, extra in zip(pending, (extra for extra in again if extra), strict=True):
            uncovered = [_in_input(entity, done[i][1]) for entity in extra]
            entities[i] = _merged([*entities[i], *uncovered])
            done[i] = _replaced(texts[i], entities[i])
    return [result for result, _ in done]


def _in_input(entity: Entity, placed: _Placed) -> Entity:
    """An entity found in a result, moved to the input: a placeholder it touches is taken whole."""

    def position(offset: int, is_end: bool) -> int:
        shift = 0
        for out_start, out_end, in_start, in_end in placed:
            if out_start < offset < out_end or (
                offset == out_end if is_end else offset == out_start
            ):
                return in_end if is_end else in_start
            if out_end <= offset:
                shift = in_end - out_end
        return offset + shift

    return Entity(position(entity.start, False), position(entity.end, True), entity.type)


def _merged(entities: list[Entity]) -> list[Entity]:
    """Overlapping entities made one, of the type of the longest."""
    merged: list[Entity] = []
    for entity in sorted(entities):
        if merged and merged[-1].end > entity.start:
            last = merged.pop()
            longest = max((last, entity), key=lambda e: e.end - e.start)
            entity = Entity(last.start, max(last.end, entity.end), longest.type)
        merged.append(entity)
    return merged


def _replaced(text: str, entities: list[Entity]) -> tuple[AnonymizedText, _Placed]:
    numbers: dict[tuple[str, str], int] = {}
    for entity in entities:
        numbers.setdefault((entity.type, _key(entity, text)), 0)
    per_type: dict[str, int] = {}
    for kind, value in numbers:
        per_type[kind] = per_type.get(kind, 0) + 1
        numbers[kind, value] = per_type[kind]
    parts: list[str] = []
    placed: _Placed = []
    length = position = 0
    for entity in entities:
        parts.append(text[position : entity.start])
        length += entity.start - position
        number = numbers[entity.type, _key(entity, text)]
        suffix = f"_{number}" if per_type[entity.type] > 1 else ""
        parts.append(f"[{entity.type}{suffix}]")
        placed.append((length, length + len(parts[-1]), entity.start, entity.end))
        length += len(parts[-1])
        position = entity.end
    parts.append(text[position:])
    return AnonymizedText(text="".join(parts), entities=tuple(entities)), placed

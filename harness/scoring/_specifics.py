"""Specifics: the checkable details of a text (phone numbers, dates, amounts, delays, links…).

A reply is accurate only if its specifics are exactly those of the facts it was given, so they are
extracted by regular expressions that a reader can audit, each with a normalised value compared
exactly: "21 jours" and "3 semaines" are the same delay, "01 23 45 67 89" and "01.23.45.67.89"
the same phone number.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from harness.gold import GoldItem

SpecificKind = Literal[
    "email",
    "url",
    "phone",
    "amount",
    "percent",
    "date",
    "delay",
    "time",
    "address",
    "office",
    "number",
]

INVENTABLE: frozenset[SpecificKind] = frozenset(
    {"email", "url", "phone", "amount", "percent", "date", "delay", "time", "address", "office"}
)
"""Kinds that a reply may not introduce: a plain number ("deux documents") may be harmless."""

_NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "soixante": 60,
}
_BY_VALUE: dict[int, list[str]] = {}
for _word, _value in _NUMBER_WORDS.items():
    _BY_VALUE.setdefault(_value, []).append(_word)

_MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
_HOURS = {"heure": 1, "jour": 24, "semaine": 168, "mois": 720, "an": 8760, "année": 8760}

_SPACE = r"[ \u00a0\u202f]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:gouv\.fr|fr|com|org|net|eu|info)\b"
    r"(?:/[^\s,;)»\"<>]*)?",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:\+33[ .]?(?:\(0\))?[ .]?|\b0[ .]?)[1-9](?:[ .\-\u00a0]?\d){7,8}\b")
_SHORT = re.compile(r"\b3\d(?:[ \u00a0]?\d){2}\b")
_SHORT_CUE = re.compile(
    r"(appel|joindre|compos|contact|numéro|téléphon|\btél|au|le)\W*$", re.IGNORECASE
)
_AMOUNT = re.compile(
    rf"(?<![\d,])(\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)(?:[,.](\d{{1,2}}))?{_SPACE}?(?:€|euros?\b|EUR\b)",
    re.IGNORECASE,
)
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_DELAY = re.compile(
    rf"\b(\d+|{_NUMBER_WORD})(?:[ \-]({_NUMBER_WORD}))?{_SPACE}+"
    r"(heures?|jours?|semaines?|mois|ans|années?)\b"
    r"(?:\s+(?:ouvrés|ouvrables|calendaires))?",
    re.IGNORECASE,
)
_MONTH = "|".join(_MONTHS)
_DATE_WORDS = re.compile(
    rf"\b(1er|[12]?\d|3[01]){_SPACE}+({_MONTH})(?:{_SPACE}+(\d{{4}}))?\b", re.IGNORECASE
)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TIME = re.compile(r"\b([01]?\d|2[0-3])\s?h\s?([0-5]\d)?(?![\w])", re.IGNORECASE)
_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|cours|route|square|passage)"
)
_NAME = r"[A-ZÉÈÀÂ][\w'’\-]*(?:\s+(?:(?:de|du|des|la|le|les|sur|sous|en)\s+)?[A-ZÉÈÀÂ][\w'’\-]*)*"
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+{_STREET}\s+"
    rf"(?:(?i:de la|de l'|de l’|du|des|de|d'|d’)\s*)?{_NAME}"
    rf"|\b\d{{5}}\s+[A-ZÉÈÀÂ][\w'’\-]+(?:[\s\-][A-ZÉÈÀÂ][\w'’\-]+)*"
)
_OFFICE = re.compile(
    r"(?i:agence(?: France Travail)?|antenne|centre des finances publiques|centre|bureau|guichet"
    r"|point d'accueil|point d’accueil|maison France Services|espace France Services"
    r"|caf|cpam|carsat|msa|urssaf|sous-préfecture|préfecture|mairie|trésorerie|commissariat"
    r"|tribunal|service des impôts des particuliers|sip)"
    rf"\s+(?i:de la|de l'|de l’|du|des|de|d'|d’)\s*({_NAME})"
)
_PERCENT = re.compile(rf"(?<![\w.,])(\d+(?:[,.]\d+)?){_SPACE}?(?:%|pour ?cent\b)", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[,.]\d+)?)(?![\w])")


@dataclass(frozen=True)
class Specific:
    """One checkable detail of a text."""

    kind: SpecificKind
    """What it is."""
    value: str
    """Normalised value, compared exactly (delays in hours, phone numbers as digits…)."""
    start: int
    """Character offset in the text."""
    end: int
    """Character offset just past it."""
    text: str
    """The words as written."""


def _number(word: str, extra: str | None = None) -> int | None:
    if word.isdigit():
        return int(word)
    value = _NUMBER_WORDS.get(word.lower())
    if value is not None and extra:
        value += _NUMBER_WORDS.get(extra.lower(), 0)
    return value


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:].removeprefix("0") if text.lstrip().startswith("+33") else digits


def normalise_url(text: str) -> str:
    """A link without scheme, ``www.``, case or trailing punctuation."""
    value = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.lower())
    return value.rstrip("/.")


def normalise_words(text: str) -> str:
    """Lower case, straight apostrophes and single spaces, for containment checks."""
    return re.sub(r"\s+", " ", text.replace("’", "'").lower()).strip()


def _date_value(day: int, month: int, year: str | None) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if year is not None and len(year) == 2:
        year = f"20{year}"
    return f"{year or '----'}-{month:02d}-{day:02d}"


class _Taken:
    """Spans already claimed by a more specific kind, so that "150 €" is not also the number 150."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def claim(self, start: int, end: int) -> bool:
        if any(start < e and s < end for s, e in self.spans):
            return False
        self.spans.append((start, end))
        return True


def extract_specifics(text: str, *, short_numbers: Iterable[str] = ()) -> list[Specific]:
    """Every specific in ``text``, in order of position.

    ``short_numbers`` are official short phone numbers (``3646``) recognised as phone numbers
    wherever they appear; other four-digit numbers starting with 3 count as phone numbers only
    after a cue such as "appelez le" or "au".
    """
    known_short = {re.sub(r"\D", "", n) for n in short_numbers}
    taken = _Taken()
    found: list[Specific] = []

    def add(kind: SpecificKind, value: str | None, match: re.Match[str], group: int = 0) -> None:
        start, end = match.span(group)
        if value is not None and taken.claim(start, end):
            found.append(Specific(kind, value, start, end, match.group(group)))

    for m in _EMAIL.finditer(text):
        add("email", m.group().lower(), m)
    for m in _URL.finditer(text):
        trimmed = m.group().rstrip(".")
        if "@" not in text[max(0, m.start() - 1) : m.start()]:
            start = m.start()
            if taken.claim(start, start + len(trimmed)):
                found.append(
                    Specific("url", normalise_url(trimmed), start, start + len(trimmed), trimmed)
                )
    for m in _PHONE.finditer(text):
        add("phone", _digits(m.group()), m)
    for m in _SHORT.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        cue = _SHORT_CUE.search(text[max(0, m.start() - 25) : m.start()])
        follows = text[m.end() : m.end() + 12].lstrip().lower()
        is_quantity = follows.startswith(("€", "euro", "jour", "semaine", "mois", "an", "heure"))
        if digits in known_short or (cue is not None and not is_quantity):
            add("phone", digits, m)
    for m in _DATE_WORDS.finditer(text):
        day = 1 if m.group(1) == "1er" else int(m.group(1))
        add("date", _date_value(day, _MONTHS[m.group(2).lower()], m.group(3)), m)
    for m in _DATE_NUMERIC.finditer(text):
        add("date", _date_value(int(m.group(1)), int(m.group(2)), m.group(3)), m)
    for m in _DATE_ISO.finditer(text):
        add("date", _date_value(int(m.group(3)), int(m.group(2)), m.group(1)), m)
    for m in _AMOUNT.finditer(text):
        whole = re.sub(r"\D", "", m.group(1))
        cents = (m.group(2) or "").ljust(2, "0").rstrip("0")
        add("amount", f"{int(whole)}{'.' + cents if cents else ''}", m)
    for m in _DELAY.finditer(text):
        count = _number(m.group(1), m.group(2))
        unit = m.group(3).lower().rstrip("s")
        unit = "mois" if unit == "moi" else unit
        if count is not None:
            if unit == "jour" and count in (8, 15) and not m.group(1).isdigit():
                count -= 1  # "huit jours" is a week and "quinze jours" two weeks in French usage
            add("delay", str(count * _HOURS[unit]), m)
    for m in _TIME.finditer(text):
        add("time", f"{int(m.group(1))}:{m.group(2) or '00'}", m)
    for m in _ADDRESS.finditer(text):
        add("address", normalise_words(m.group()), m)
    for m in _OFFICE.finditer(text):
        add("office", normalise_words(m.group(1)), m)
    for m in _PERCENT.finditer(text):
        add("percent", m.group(1).replace(",", "."), m)
    for m in _NUMBER.finditer(text):
        add("number", m.group(1).replace(",", "."), m)
    return sorted(found, key=lambda s: s.start)


@lru_cache(maxsize=20_000)
def gold_specifics(text: str, short_numbers: frozenset[str]) -> tuple[Specific, ...]:
    """:func:`extract_specifics` of a gold text (context, key fact, experience), kept for the
    process: every reply to an item is checked against the same texts."""
    return tuple(extract_specifics(text, short_numbers=short_numbers))


def number_words(value: str) -> list[str]:
    """French words for a small whole number ("3" → ["trois"]), to accept a number in letters."""
    return _BY_VALUE.get(int(value), []) if value.isdigit() else []


def same(kind: SpecificKind, a: str, b: str) -> bool:
    """Whether two normalised values of ``kind`` state the same thing.

    ``a`` is checked against ``b``: a date without a year matches the same day and month in any
    year, and a bare domain in ``a`` is supported by any link on that domain in ``b`` (``caf.fr``
    by ``caf.fr/aides``), but an invented page on a known domain is not.
    """
    if kind == "date":
        year_a, rest_a = a[:4], a[5:]
        year_b, rest_b = b[:4], b[5:]
        return rest_a == rest_b and (year_a == year_b or "----" in (year_a, year_b))
    if kind == "url":
        return a == b or b.startswith(a + "/")
    return a == b


@dataclass(frozen=True)
class Sources:
    """What a reply may take specifics from: the context, the key facts and the experience."""

    specifics: tuple[Specific, ...]
    """Their specifics."""
    words: str
    """Their text, normalised, where an address or office name is looked up."""

    def supports(self, specific: Specific) -> bool:
        """Whether ``specific`` comes from the sources."""
        if specific.kind in ("address", "office") and specific.value in self.words:
            return True
        return any(
            s.kind == specific.kind and same(specific.kind, specific.value, s.value)
            for s in self.specifics
        )


def sources_of(
    item: GoldItem, *, short_numbers: frozenset[str] = frozenset(), citizen: bool = True
) -> Sources:
    """The sources of a gold item (never its gold reply, which the model did not see); without
    ``citizen``, only what the administration said (the context and key facts)."""
    texts: tuple[str, ...] = (*item.context, *item.key_facts, item.service)
    if citizen:
        texts += (item.experience.title, item.experience.text, item.experience.date or "")
    return Sources(
        tuple(s for text in texts for s in gold_specifics(text, short_numbers)),
        normalise_words(" ".join(texts)),
    )

"""Structured personal data found by pattern: emails, phones, NIR, IBAN, addresses, case numbers,
dates of birth, in the forms citizens type them (spaced or not, dots, dashes, any case, a
country prefix, a number broken across a line).
"""

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from harness import paths
from harness.privacy._entity import Entity

OFFICIAL_NUMBERS_FILE = Path("lexicons") / "short_numbers.tsv"
"""Where writers keep the official numbers, inside the style guide folder."""

# Between two characters of an identifier: nothing, or a little space, a dot or a dash; a line
# break counts as space, so a number broken across a line is still one number.
_SEP = r"[\s.\-]{0,3}"

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+"
    r"(?:\s*@\s*|\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*|\s+arobase\s+)"
    r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])",
    re.IGNORECASE,
)

_EMAIL_WORD = re.compile(r"\b(?:at|arobase)\b", re.IGNORECASE)

# Ten digits starting with 0, or +33 / 0033 / +33 (0) then nine; not a piece of a longer number
# ("1 85 03 75 123 456 42" holds no phone).
_NOT_AFTER_DIGITS = r"(?<!\d[ .\-])"
PHONE = re.compile(
    rf"(?<![\w+])(?:\(?(?:\+|{_NOT_AFTER_DIGITS}00){_SEP}33\)?{_SEP}(?:\(0\){_SEP})?"
    rf"|{_NOT_AFTER_DIGITS}0{_SEP})[1-9](?:{_SEP}\d){{8}}(?!\w)(?![ .\-]\d)"
)
NIR = re.compile(
    rf"(?<![\w])([12]){_SEP}(\d{{2}}){_SEP}(0[1-9]|1[0-2]|[2-9]\d){_SEP}(\d{{2}}|2[AaBb]){_SEP}"
    rf"(\d{{3}}){_SEP}(\d{{3}})(?:{_SEP}(\d{{2}}))?(?![\w])"
)
NIR_CUE = re.compile(
    r"(?i)(?:s[ée]curit[ée] sociale|s[ée]cu\b|\bnir\b|num[ée]ro d['’]assur[ée]|carte vitale"
    r"|\binsee\b)"
)

# A country code, check digits, then groups that each hold a digit (so that a word after the
# IBAN is never taken for its end).
IBAN = re.compile(
    rf"(?<![\w])[A-Za-z]{{2}}\d{{2}}(?:{_SEP}(?=[A-Za-z]{{0,3}}\d)[A-Za-z0-9]{{1,8}}){{1,12}}(?![\w])"
)
IBAN_CUE = re.compile(r"(?i)\b(?:iban|rib)\b")

_STREET_ANY = (
    r"rue|avenue|av\.|boulevard|bd|place|all[ée]e|impasse|chemin|route|quai|cours|square|"
    r"r[ée]sidence|lotissement|lieu-dit|passage|faubourg|sentier|hameau|cit[ée]|voie|"
    r"chauss[ée]e|esplanade|promenade|rond-point|villa|domaine"
)
# Without a house number only unambiguous street words count: "cours", "voie" or "passage" are
# everyday words too.
_STREET_BARE = r"rue|avenue|boulevard|impasse|all[ée]e|chemin|quai|lieu-dit|square|lotissement"
_NAME_WORD = r"[A-ZÀ-ÖØ-Ý][\wÀ-ÿ'’\-]*"
_PARTICLE = r"(?:de|du|des|la|le|les|l['’]|d['’]|aux|au|sur|sous|en|et)"
# Addresses stay on one line, except that the postcode and city may start the next one.
_STREET_NAME = (
    rf"(?:{_PARTICLE}[ \t]*)*{_NAME_WORD}(?:[ \t\-]+(?:{_PARTICLE}[ \t]*)*{_NAME_WORD}){{0,4}}"
)
_CITY = rf"\d{{5}}[ \t]+{_NAME_WORD}(?:[ \t\-]+(?:{_PARTICLE}[ \t\-]*)?{_NAME_WORD}){{0,3}}"
_NUMBER = r"\d{1,4}(?:[ \t]?(?:bis|ter|quater)\b|[A-Da-d]\b)?,?[ \t]+"
ADDRESS = re.compile(
    # A number, a street and (lower-case allowed) words up to a postcode and city.
    rf"(?<![\w])(?:{_NUMBER}(?i:{_STREET_ANY})[ \t]+[^\n,;:.!?()]{{1,50}}?,?\s+{_CITY})"
    # A number, a street and a capitalised name, then an optional postcode and city.
    rf"|(?<![\w]){_NUMBER}(?i:{_STREET_ANY})[ \t]+{_STREET_NAME}(?:,?\s+{_CITY})?"
    # A number, a common street word and a lower-case name ("22 chemin des vignes").
    rf"|(?<![\w]){_NUMBER}(?i:rue|avenue|boulevard|impasse|all[ée]e|chemin|route)[ \t]+"
    rf"(?:{_PARTICLE}\s*)*[a-zà-ÿ][\wà-ÿ'’\-]+"
    # An unambiguous street word and a capitalised name.
    rf"|(?<![\w])(?i:{_STREET_BARE})[ \t]+{_STREET_NAME}(?:,?\s+{_CITY})?"
)

_STREET_WORD = re.compile(rf"(?i)(?<![\w])(?:{_STREET_ANY})(?![\w])")

# Case and file numbers follow a cue ("n° allocataire", "identifiant France Travail", "dossier").
NUMBER_CUE = re.compile(
    r"(?i)\b(?:n°|no\.?(?=\s*\d)|num(?:[ée]ro)?\b|r[ée]f(?:[ée]rence)?\b\.?|identifiant\b|"
    r"matricule\b|siret\b|siren\b|dossier\b|allocataire\b|fiscal\b|agdref\b|"
    r"t[ée]l[ée]d[ée]clarant\b|cotisant\b|pension\b|contrat\b|permis\b|passeport\b)"
)
# Letters, digits, dashes and slashes; a dot or a space (a line break too) only between digits.
_NUMBER_TOKEN = re.compile(
    r"(?<![\w/])[A-Za-z]{0,4}\d(?:[\dA-Za-z\-/]|\.(?=\d))*(?:\s\d(?:[\dA-Za-z\-]|\.(?=\d))*)*"
    r"(?![\w/])"
)
_AFTER_AMOUNT = re.compile(r"\s*(?:€|euros?\b|eur\b|%|h\b|heures?\b|jours?\b|mois\b|ans?\b)", re.I)
_DATE_LIKE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
# A case number may wrap onto the next line; a blank line, like a full stop, ends the search.
_SENTENCE_END = re.compile(r"\n\s*\n|[!?]|\.(?:\s|$)")
LONG_NUMBER = re.compile(r"(?<![\w])\d{7,}[A-Za-z]?(?![\w])")

_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre"
)
_DATE = (
    rf"\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{1,2}}(?:er)?\s+(?i:{_MONTHS})\s+\d{{4}}|\d{{4}}"
)
BIRTH_DATE = re.compile(
    rf"(?i:\bn[ée]e?(?:\(e\))?\b|\bdate de naissance\b|\bddn\b)\s*(?:le|en|:|du)?\s*({_DATE})"
    r"(?![\w/])"
)


def digits(text: str) -> str:
    """The digits of a number as written, a phone's +33 or 0033 prefix made a leading 0."""
    compact = "".join(ch for ch in text if ch.isdigit())
    if re.match(r"\s*\(?(?:\+|00)", text) and compact.startswith(("0033", "33")):
        compact = "0" + compact.removeprefix("00").removeprefix("33").removeprefix("0")
    return compact


def official_numbers() -> frozenset[str]:
    """The official phone numbers a text may give (3646, 39 39, 0 809 401 401…), as digits.

    Writers keep them in the style guide's ``short_numbers`` lexicon, with who answers and the
    source; the style guide validates that file, this reads its first column (again whenever
    the file changes).
    """
    path = paths.styleguide_dir() / OFFICIAL_NUMBERS_FILE
    try:
        stat = path.stat()
    except OSError:
        return frozenset()  # no list: every phone number is treated as personal
    return _read_official(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_official(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return frozenset()
    terms = (line.split("\t", 1)[0] for line in lines if not line.startswith("#"))
    return frozenset(number for number in map(digits, terms) if number)


def emails(text: str) -> Iterator[Entity]:
    """Email addresses, also with spaces around the @ or written [at] / arobase."""
    if "@" not in text and _EMAIL_WORD.search(text) is None:
        return  # the full pattern is slow to fail on long texts
    for match in EMAIL.finditer(text):
        yield Entity(match.start(), match.end(), "EMAIL")


def phones(text: str, official: frozenset[str]) -> Iterator[Entity]:
    """Ten-digit phone numbers in any writing, unless ``official``: an 08 number is a service's
    line, but only the official list says which service answers. Short numbers (3646) are
    services' lines, never personal."""
    for match in PHONE.finditer(text):
        if digits(match.group()) not in official:
            yield Entity(match.start(), match.end(), "TÉLÉPHONE")


def _nir_key_ok(groups: tuple[str | None, ...]) -> bool:
    body = "".join(g for g in groups[:6] if g).upper()
    # Corsican departments 2A and 2B count as 19 and 18 in the key.
    body = body.replace("2A", "19").replace("2B", "18")
    key = groups[6]
    return key is not None and int(key) == 97 - int(body) % 97


def nirs(text: str) -> Iterator[Entity]:
    """Social security numbers: a valid key, or a number right after a cue ("sécurité sociale")."""
    for match in NIR.finditer(text):
        cued = NIR_CUE.search(text, max(0, match.start() - 60), match.start()) is not None
        if _nir_key_ok(match.groups()) or cued:
            yield Entity(match.start(), match.end(), "NIR")


def _iban_ok(compact: str) -> bool:
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def ibans(text: str) -> Iterator[Entity]:
    """IBANs: a valid checksum, or an IBAN-shaped string right after "IBAN" or "RIB"."""
    for match in IBAN.finditer(text):
        cued = IBAN_CUE.search(text, max(0, match.start() - 30), match.start()) is not None
        # A number written after the IBAN may have been taken for its last group: drop groups
        # from the end until the checksum holds.
        ends = [m.start() for m in re.finditer(r"[\s.\-]+", match.group())] + [len(match.group())]
        for end in reversed(ends):
            compact = re.sub(r"[\s.\-]", "", match.group()[:end])
            if _iban_ok(compact):
                yield Entity(match.start(), match.start() + end, "IBAN")
                break
        else:
            compact = re.sub(r"[\s.\-]", "", match.group())
            if cued and 15 <= len(compact) <= 34:
                yield Entity(match.start(), match.end(), "IBAN")


def addresses(text: str) -> Iterator[Entity]:
    """Postal addresses: number and street, street and name, with postcode and city if given."""
    if _STREET_WORD.search(text) is None:
        return  # the full pattern is slow to fail on long texts
    for match in ADDRESS.finditer(text):
        yield Entity(match.start(), match.end(), "ADRESSE")


def _is_case_number(text: str, start: int, end: int) -> bool:
    value = text[start:end]
    number = digits(value)
    _EMAIL_WORD = re.compile(r"\b(?:at|arobase)\b", re.IGNORECASE)

    # Ten digits starting with 0 are a phone number: the phone detector decides.
    if len(number) < 5 or _DATE_LIKE.match(value) or (len(number) == 10 and number[0] == "0"):
        return False
    return _AFTER_AMOUNT.match(text, end) is None


def case_numbers(text: str) -> Iterator[Entity]:
    """File and case numbers: after a cue (allocataire, fiscal, dossier…), or any long number."""
    for cue in NUMBER_CUE.finditer(text):
        window_end = cue.end() + 45
        stop = _SENTENCE_END.search(text, cue.end(), window_end)
        window_end = stop.start() if stop else min(window_end, len(text))
        token = _NUMBER_TOKEN.search(text, cue.end(), window_end)
        if token and _is_case_number(text, token.start(), token.end()):
            yield Entity(token.start(), token.end(), "NUMÉRO")
    for match in LONG_NUMBER.finditer(text):
        if _is_case_number(text, match.start(), match.end()):
            yield Entity(match.start(), match.end(), "NUMÉRO")


def birth_dates(text: str) -> Iterator[Entity]:
    """Dates of birth: a date after "né le", "née en", "date de naissance"."""
    for match in BIRTH_DATE.finditer(text):
        yield Entity(match.start(1), match.end(1), "DATE_NAISSANCE")

"""Pattern detectors for French personal data: contacts, identifiers, addresses, birth dates."""

import re
from collections.abc import Iterator

from harness.privacy._entity import Entity

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# Ten digits starting 01–07 or 09, or +33/0033 then nine. 08 numbers are services' paid or free
# lines, never a person's; four-digit short numbers (3646, 39 39) cannot match ten digits.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-79](?:[\s.\-]?\d{2}){4}(?![\w])"
)

NIR = re.compile(
    r"(?<![\w])([12])[\s.]?(\d{2})[\s.]?(0[1-9]|1[0-2]|[2-9]\d)[\s.]?(\d{2}|2[AaBb])[\s.]?"
    r"(\d{3})[\s.]?(\d{3})(?:[\s.]?(\d{2}))?(?![\w])"
)
NIR_CUE = re.compile(
    r"(?i)(?:s[ée]curit[ée] sociale|s[ée]cu\b|\bnir\b|num[ée]ro d['’]assur[ée]|carte vitale"
    r"|\binsee\b)"
)

IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?![\w])")
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

# Case and file numbers follow a cue ("n° allocataire", "identifiant France Travail", "dossier").
NUMBER_CUE = re.compile(
    r"(?i)(?:\bn°|\bno\.?(?=\s*\d)|\bnum(?:[ée]ro)?\b|\br[ée]f(?:[ée]rence)?\b\.?|\bidentifiant\b|"
    r"\bmatricule\b|\bsiret\b|\bsiren\b|\bdossier\b|\ballocataire\b|\bfiscal\b|\bagdref\b|"
    r"\bt[ée]l[ée]d[ée]clarant\b|\bcotisant\b|\bpension\b|\bcontrat\b|\bpermis\b|\bpasseport\b)"
)
_NUMBER_TOKEN = re.compile(
    r"(?<![\w/])[A-Za-z]{0,4}\d[\dA-Za-z\-/]*(?:\s\d[\dA-Za-z\-]*)*(?![\w/])"
)
_AFTER_AMOUNT = re.compile(r"\s*(?:€|euros?\b|eur\b|%|h\b|heures?\b|jours?\b|mois\b|ans?\b)", re.I)
_DATE_LIKE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
_SENTENCE_END = re.compile(r"[\n!?]|\.(?:\s|$)")
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


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def emails(text: str) -> Iterator[Entity]:
    """Email addresses."""
    for match in EMAIL.finditer(text):
        yield Entity(match.start(), match.end(), "EMAIL")


def phones(text: str) -> Iterator[Entity]:
    """French phone numbers in every common writing; official short numbers never match."""
    for match in PHONE.finditer(text):
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


def _iban_ok(candidate: str) -> bool:
    compact = candidate.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def ibans(text: str) -> Iterator[Entity]:
    """IBANs: a valid checksum, or an IBAN-shaped string right after "IBAN" or "RIB"."""
    for match in IBAN.finditer(text):
        cued = IBAN_CUE.search(text, max(0, match.start() - 30), match.start()) is not None
        if _iban_ok(match.group()) or (cued and len(match.group().replace(" ", "")) >= 15):
            yield Entity(match.start(), match.end(), "IBAN")


def addresses(text: str) -> Iterator[Entity]:
    """Postal addresses: number and street, street and name, with postcode and city if given."""
    for match in ADDRESS.finditer(text):
        yield Entity(match.start(), match.end(), "ADRESSE")


def _is_case_number(text: str, start: int, end: int) -> bool:
    value = text[start:end]
    digits = _digits(value)
    # 08 numbers are services' phone lines, not case numbers.
    if len(digits) < 5 or _DATE_LIKE.match(value) or (len(digits) == 10 and digits[:2] == "08"):
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
        if _AFTER_AMOUNT.match(text, match.end()) is None:
            yield Entity(match.start(), match.end(), "NUMÉRO")


def birth_dates(text: str) -> Iterator[Entity]:
    """Dates of birth: a date after "né le", "née en", "date de naissance"."""
    for match in BIRTH_DATE.finditer(text):
        yield Entity(match.start(1), match.end(1), "DATE_NAISSANCE")

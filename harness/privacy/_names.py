"""Person names: spaCy's PER entities, cleaned up, plus the cues French messages use."""

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from harness.nlp import get_nlp
from harness.privacy._entity import Entity

_TOKEN = (
    r"[A-ZÀ-ÖØ-Ý](?:[a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Ýa-zà-öø-ÿ][a-zà-öø-ÿ'’]*)*|[A-ZÀ-ÖØ-Ý'’\-]+|\.)"
)
_PARTICLE = r"(?:de|du|des|d['’]|van|von|le|la)"
NAME = rf"(?:{_PARTICLE}\s?)?{_TOKEN}(?:[ \-]+(?:{_PARTICLE}\s)?{_TOKEN}){{0,2}}"

_TITLE = r"(?:M\.|Mr\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Maître|Me)"
_CLOSING = (
    r"cordialement|bien cordialement|bien à vous|merci(?: d['’]avance| par avance| beaucoup)?|"
    r"(?:sincères |meilleures )?salutations(?: distinguées)?|bonne journée|respectueusement|"
    r"signé\s*:?"
)
_RELATIVE = (
    r"mon fils|ma fille|mon mari|ma femme|mon épouse|mon époux|ma mère|mon père|mon frère|"
    r"ma sœur|ma soeur|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon ex-mari|"
    r"mon ex-femme|mon ex-compagnon|mon ex-compagne|mon ex|conseill[eè]re?|"
    r"l['’]agent|gestionnaire|assistante sociale|assistant social"
)

CUED_NAME = re.compile(
    rf"(?<![\w]){_TITLE}\s+(?P<title>{NAME})"
    rf"|(?i:je m['’]appelle|je me nomme|mon nom est|mon nom\s*:|nom\s*:)\s*(?P<intro>{NAME})"
    rf"|(?:^|(?<=[\s.!?]))(?:Bonjour|Bonsoir|Salut|Cher|Chère|Hello)\s+(?P<greeting>{NAME})"
    r"(?=\s*[,!.\n])"
    rf"|(?i:{_RELATIVE})\s+(?P<relative>{NAME})"
    rf"|(?i:{_CLOSING})[\s,.!]*(?:-\s*)?(?P<signature>{NAME})\s*[.!]?\s*$"
    rf"|\n\s*(?P<lastline>{_TOKEN}(?:[ \-]+{_TOKEN}){{1,2}})\s*$"
)

# Capitalised words that are not names: services, titles, greetings, placeholders, calendar words.
_NOT_NAME_WORDS = """
    caf cnaf cpam ameli urssaf carsat cnav msa ants dgfip crous mdph anah cpf rsa apl aah
    france travail pôle emploi pole services service public publics plus assurance maladie
    retraite impots impôts gouv fr préfecture prefecture sous-préfecture mairie trésor vitale
    marianne franceconnect doctolib cesu pajemploi agirc arrco sécurité securite sociale état etat
    république poste banque edf sncf espace santé info mon ma mes le la les un une des du de d l
    bonjour bonsoir salut hello merci cordialement madame monsieur mademoiselle mme m mr mlle dr
    docteur maître me je j nous vous il elle ils elles on tu moi depuis après avant alors donc
    mais et ou oui non car puis pourtant enfin aussi très bien encore toujours jamais bon bonne
    beaucoup
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars avril mai
    juin juillet août aout septembre octobre novembre décembre decembre
    nom email téléphone telephone nir iban adresse numéro numero date_naissance naissance
    allocataire dossier conseiller conseillère agent accueil internet site compte
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _non_names() -> frozenset[str]:
    return _NOT_NAMES | _stop_words()


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[\s\-'’.]+", value.casefold()) if w]


def _is_name(value: str) -> bool:
    words = _words(value)
    return bool(words) and any(w not in _NOT_NAMES for w in words) and words[0] not in _NOT_NAMES


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The runs of name-like tokens inside a span ("Mme Dupont de la Caf" gives "Dupont")."""
    not_names = _non_names()
    run_start: int | None = None
    run_end = start
    for token in re.finditer(r"[\wÀ-ÿ'’\-.]+", text[start:end]):
        word = token.group().strip(".-'’")
        capitalised = word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()
        initial = len(word) == 1 and token.group().endswith(".")
        if capitalised and (initial or word.casefold() not in not_names):
            if run_start is None:
                run_start = start + token.start()
            run_end = start + token.start() + len(token.group().rstrip(".-'’"))
            if initial:
                run_end += 1
        elif run_start is not None:
            yield run_start, run_end
            run_start = None
    if run_start is not None:
        yield run_start, run_end


def _cued_names(text: str) -> Iterator[Entity]:
    for match in CUED_NAME.finditer(text):
        group = match.lastgroup
        if group is None:
            continue
        for start, end in _trimmed(text, match.start(group), match.end(group)):
            yield Entity(start, end, "NOM")


_CHUNK = 100_000


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of at most ``_CHUNK`` characters, cut at a line or space (spaCy caps its input)."""
    start = 0
    while start < len(text):
        end = min(start + _CHUNK, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _spacy_names(text: str) -> Iterator[Entity]:
    # Line by line, each line's verdict remembered: a prompt repeats its instructions and
    # examples from one item to the next, and only the item's own lines are new to spaCy.
    offset = 0
    for line in text.split("\n"):
        for start, end in _line_names(line):
            yield Entity(offset + start, offset + end, "NOM")
        offset += len(line) + 1


@lru_cache(maxsize=1 << 16)
def _line_names(line: str) -> tuple[tuple[int, int], ...]:
    return tuple(
        (offset + start, offset + end)
        for offset, chunk in _chunks(line)
        for start, end in _chunk_names(chunk)
    )


def _chunk_names(text: str) -> Iterator[tuple[int, int]]:
    # Only entities and parts of speech are needed; skipping the parser halves the time.
    doc = get_nlp()(text, disable=["parser", "lemmatizer"])
    stop_words = _stop_words()
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        for start, end in _trimmed(text, ent.start_char, ent.end_char):
            words = _words(text[start:end])
            span = doc.char_span(start, end, alignment_mode="expand")
            # The small model also tags capitalised common nouns ("Atelier CV") as PER: a name
            # needs a proper noun in it.
            if span is None or not _is_name(text[start:end]):
                continue
            if not any(token.pos_ == "PROPN" for token in span):
                continue
            if len(words) == 1:
                # Lone words opening a sentence, a list item or a quoted label (« Gérer mes
                # biens ») are mostly verbs, adjectives and menu entries, not names.
                before = text[:start].rstrip(" \t\u00a0")[-1:]
                if words[0] in stop_words or before in '\n.!?:«"“(—–-•*':
                    continue
            yield start, end


def names(text: str, known: Iterable[str] = ()) -> list[Entity]:
    """Person names, plus every other whole-word occurrence of each name and of ``known``."""
    found = [e for e in _cued_names(text) if _is_name(text[e.start : e.end])]
    found += _spacy_names(text)
    # Once "Mme Dupont" is found, a later bare "Dupont" is the same person.
    values = {text[e.start : e.end] for e in found}
    values |= {w for v in list(values) for w in re.split(r"\s+", v) if len(w) >= 3 and _is_name(w)}
    known_names = {k for k in known if k.strip()}
    values |= known_names
    for value in sorted(values, key=len, reverse=True):
        # A hyphen joins: "Hélène" inside the pseudonym "Hélène-C" is not another mention.
        pattern = rf"(?<![\w-]){re.escape(value)}(?![\w-])"
        for match in re.finditer(pattern, text, flags=re.IGNORECASE if value in known_names else 0):
            found.append(Entity(match.start(), match.end(), "NOM"))
    return found

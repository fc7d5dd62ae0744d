"""Person names: the cues French messages use (titles, roles, greetings, signatures), and spaCy's
PER entities, cleaned up.

spaCy reads a text line by line, in batches (``nlp.pipe``), and each line's names are remembered:
a prompt repeats its instructions and examples from one item to the next, and only the item's own
lines are new. Lines where no name can be found (no capitalised word but the first of a sentence
and known words) are never sent to spaCy.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from harness.nlp import PRIVACY, get_nlp
from harness.privacy._entity import Entity
from harness.text import for_spacy

if TYPE_CHECKING:
    from spacy.pipeline import Pipe
    from spacy.tokens import Doc

_TOKEN = (
    r"[A-ZÀ-ÖØ-Ý](?:[a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Ýa-zà-öø-ÿ][a-zà-öø-ÿ'’]*)*|[A-ZÀ-ÖØ-Ý'’\-]+|\.)"
)
_PARTICLE = r"(?:de|du|des|d['’]|van|von|le|la)"
_BARE_NAME = rf"{_TOKEN}(?:[ \-]+(?:{_PARTICLE}\s)?{_TOKEN}){{0,2}}"
NAME = rf"(?:{_PARTICLE}\s?)?{_BARE_NAME}"

_TITLE = (
    r"(?:M\.|Mr\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Maître|Me|Pr\.?"
    r"|Professeur)"
)
# A title is never part of the name it introduces.
_TITLE_WORDS = frozenset(
    {"m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle"}
    | {"dr", "docteur", "maître", "me", "pr", "professeur"}
)
_CLOSING = (
    r"cordialement|bien cordialement|bien à vous|merci(?: d['’]avance| par avance| beaucoup)?|"
    r"(?:sincères |meilleures )?salutations(?: distinguées)?|bonne journée|respectueusement|"
    r"signé\s*:?"
)
# Relatives and the people citizens deal with, whose name may follow: "mon fils Léo",
# "le conseiller M. Dupont", "la gestionnaire Mme Leroy" (but "l'agent de Finances publiques"
# names an organisation).
_RELATIVE = (
    r"mon fils|ma fille|mon mari|ma femme|mon épouse|mon époux|ma mère|mon père|mon frère|"
    r"ma sœur|ma soeur|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon ex-mari|"
    r"mon ex-femme|mon ex-compagnon|mon ex-compagne|mon ex|conseill[eè]re?|agente?|"
    r"gestionnaire|assistante? sociale?|référente?|interlocut(?:eur|rice)|avocate?|médecin|"
    r"notaire|directeur|directrice|responsable|collègue|voisine?"
)

# Every cue starts a word: the leading \b lets the engine skip the inside of words quickly.
CUED_NAME = re.compile(
    rf"\b(?:(?<![\w]){_TITLE}\s+(?P<title>{NAME})"
    rf"|(?i:je m['’]appelle|je me nomme|mon nom est|mon nom\s*:|pr[ée]nom\s*:|nom\s*:)\s*"
    rf"(?P<intro>{NAME})"
    rf"|(?:^|(?<=[\s.!?]))(?:Bonjour|Bonsoir|Salut|Cher|Chère|Hello)\s+(?P<greeting>{NAME})"
    r"(?=\s*[,!.\n])"
    rf"|(?<![\w])(?i:{_RELATIVE})\s+(?P<relative>{_BARE_NAME}))"
)
# A signature ends the text: it is looked for in the last characters only.
SIGNATURE = re.compile(
    rf"(?i:{_CLOSING})[\s,.!]*(?:-\s*)?(?P<signature>{NAME})\s*[.!]?\s*$"
    rf"|\n\s*(?P<lastline>{_TOKEN}(?:[ \-]+{_TOKEN}){{1,2}})\s*$"
)
_SIGNATURE_TAIL = 300

# Capitalised words that are not names: services, titles, greetings, placeholders, calendar words.
_NOT_NAME_WORDS = """
    caf cnaf cpam ameli urssaf carsat cnav msa ants dgfip crous mdph anah cpf rsa apl aah
    france travail pôle emploi pole services service public publics plus assurance maladie
    retraite impots impôts gouv fr préfecture prefecture sous-préfecture mairie trésor vitale
    marianne franceconnect doctolib cesu pajemploi agirc arrco sécurité securite sociale état etat
    république poste banque edf sncf espace santé info finances publiques
    mon ma mes le la les un une des du de d l
    bonjour bonsoir salut hello merci cordialement madame monsieur mademoiselle mme m mr mlle dr
    docteur maître me pr professeur je j nous vous il elle ils elles on tu moi depuis après avant
    alors donc mais et ou oui non car puis pourtant enfin aussi très bien encore toujours jamais
    bon bonne beaucoup hier demain aujourd'hui aujourd’hui
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars avril mai
    juin juillet août aout septembre octobre novembre décembre decembre
    nom email téléphone telephone nir iban adresse numéro numero date_naissance naissance
    allocataire dossier conseiller conseillère agent accueil internet site compte
    maire préfet préfète ministre président présidente
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
# What may come just before a sentence's first word: a lone word there is mostly a verb, an
# adjective or a menu entry (« Gérer mes biens »), not a name.
_OPENERS = '\n.!?:«"“(—–-•*'
_WORD = re.compile(r"[\wÀ-ÿ'’\-.]+")
_NER_ONLY = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
"""Components the named-entity recogniser does without (it has its own token vectors)."""
_TAGGING = ("tok2vec", "morphologizer", "attribute_ruler")
"""Components that give parts of speech, run only on the few lines holding a PER entity."""
_BATCH = 256
_MEMORY = 1 << 16
_line_names: dict[str, tuple[tuple[int, int], ...]] = {}
"""Names found in each line seen, by line: offsets into the line. It pays: without it, a run
against a remote model prepares 40 % fewer items a second (examples recur from item to item)."""


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # From the loaded pipeline: importing spacy.lang.fr directly would compile its tokenizer's
    # patterns outside get_nlp's cache of them.
    return frozenset(get_nlp(PRIVACY).Defaults.stop_words)


@lru_cache(maxsize=1)
def _non_names() -> frozenset[str]:
    return _NOT_NAMES | _stop_words()


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[\s\-'’.]+", value.casefold()) if w]


def _is_name(value: str) -> bool:
    words = _words(value)
    return bool(words) and any(w not in _NOT_NAMES for w in words) and words[0] not in _NOT_NAMES


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0")[-1:]
    return not before or before in _OPENERS


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The runs of name-like words inside a span ("Mme Dupont de la Caf" gives "Dupont").

    A title starts a name and is left out of it, and whatever came before it is not the name:
    "Hier M. Dupont" gives "Dupont".
    """
    not_names = _non_names()
    tokens = list(_WORD.finditer(text, start, end))
    run_start: int | None = None
    run_end = start
    for index, token in enumerate(tokens):
        word = token.group().strip(".-'’")
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        if word.casefold() in _TITLE_WORDS and _capitalised(following.strip(".-'’")):
            run_start = None
            continue
        initial = len(word) == 1 and token.group().endswith(".")
        if _capitalised(word) and (initial or word.casefold() not in not_names):
            if run_start is None:
                run_start = token.start()
            run_end = token.start() + len(token.group().rstrip(".-'’"))
            if initial:
                run_end += 1
        elif run_start is not None:
            yield run_start, run_end
            run_start = None
    if run_start is not None:
        yield run_start, run_end


def _may_hold_names(line: str) -> bool:
    """Whether spaCy could find a name in the line that the rules below would keep.

    A kept name holds a capitalised word that is not a known word, not a lone sentence opener,
    and does not start with a known word ("J'ai"), or an initial ("D.").
    """
    not_names = _non_names()
    for token in _WORD.finditer(line):
        word = token.group().strip(".-'’")
        if len(word) == 1 and word.isupper() and token.group().endswith("."):
            return True
        _, *rest = re.split(r"[\-'’.]", word)
        whole = _capitalised(word) and word.casefold() not in not_names and _is_name(word)
        if whole and (len(_words(word)) > 1 or not _opens_sentence(line, token.start())):
            return True
        # spaCy may split a word at a dash or an apostrophe and start an entity inside it.
        if any(_capitalised(part) and part.casefold() not in not_names for part in rest):
            return True
    return False


def _doc_names(text: str, doc: "Doc") -> Iterator[tuple[int, int]]:
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
            if len(words) == 1 and (words[0] in stop_words or _opens_sentence(text, start)):
                continue
            yield start, end


_CHUNK = 100_000


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of at most ``_CHUNK`` characters, cut at a space (spaCy caps its input)."""
    start = 0
    while start < len(text):
        end = min(start + _CHUNK, len(text))
        if end < len(text):
            cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _analyse(lines: Sequence[str]) -> dict[str, tuple[tuple[int, int], ...]]:
    """The names of each line, spaCy reading the lines not seen yet all in one batch."""
    global _line_names
    seen = _line_names  # replaced when full, never cleared: another thread may be reading it
    spans = {line: seen[line] for line in lines if line in seen}
    new = [line for line in dict.fromkeys(lines) if line not in spans]
    pieces = [
        (line, offset, chunk)
        for line in new
        if _may_hold_names(line)
        for offset, chunk in _chunks(line)
    ]
    found: dict[str, list[tuple[int, int]]] = {line: [] for line in new}
    if pieces:
        nlp = get_nlp(PRIVACY)
        docs = list(
            nlp.pipe(
                (for_spacy(chunk) for _, _, chunk in pieces),
                disable=_NER_ONLY,
                batch_size=_BATCH,
            )
        )
        # Parts of speech only where a person was found: few lines, and the tagger costs as much
        # as the recogniser.
        tagged = [i for i, doc in enumerate(docs) if any(e.label_ == "PER" for e in doc.ents)]
        for name in _TAGGING:
            component = cast("Pipe", nlp.get_pipe(name))
            for i, doc in zip(tagged, component.pipe(docs[i] for i in tagged), strict=True):
                docs[i] = doc
        for (line, offset, chunk), doc in zip(pieces, docs, strict=True):
            found[line] += [(offset + s, offset + e) for s, e in _doc_names(chunk, doc)]
    spans.update((line, tuple(line_spans)) for line, line_spans in found.items())
    if len(seen) + len(new) > _MEMORY:
        _line_names = seen = {}
    seen.update(spans)
    return spans


def _cued_names(text: str) -> Iterator[Entity]:
    signature = SIGNATURE.search(text, max(0, len(text) - _SIGNATURE_TAIL))
    for match in [*CUED_NAME.finditer(text), *([signature] if signature else [])]:
        group = match.lastgroup
        if group is None:
            continue
        for start, end in _trimmed(text, match.start(group), match.end(group)):
            yield Entity(start, end, "NOM")


def _spacy_names(text: str, spans: dict[str, tuple[tuple[int, int], ...]]) -> Iterator[Entity]:
    offset = 0
    for line in text.split("\n"):
        for start, end in spans[line]:
            yield Entity(offset + start, offset + end, "NOM")
        offset += len(line) + 1


def names_many(texts: Sequence[str], known: Sequence[Iterable[str]]) -> list[list[Entity]]:
    """Person names in each text, and every other whole-word occurrence of each name found and
    of the text's ``known`` names (case-insensitive for those)."""
    spans = _analyse([line for text in texts for line in text.split("\n")])
    return [_names(text, names, spans) for text, names in zip(texts, known, strict=True)]


def _names(
    text: str, known: Iterable[str], spans: dict[str, tuple[tuple[int, int], ...]]
) -> list[Entity]:
    found = [e for e in _cued_names(text) if _is_name(text[e.start : e.end])]
    found += _spacy_names(text, spans)
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

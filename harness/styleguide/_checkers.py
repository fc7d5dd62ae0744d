"""The checkers: each one is an id, its parameters (validated from the rules file), a description
for the rendered guide, and a ``check`` that yields findings with character offsets.

A rule names its checker by id; the registry maps ids to classes (IFEval style), so a writer can
add a rule that reuses a checker with other parameters without touching Python.
"""

import re
import string
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar, NamedTuple, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from harness.privacy import EntityType, digits, find_personal_data
from harness.styleguide._matcher import Match, PhraseMatcher
from harness.styleguide._model import LexiconEntry
from harness.styleguide._readability import measure
from harness.text import Analysis, fold


class Finding(NamedTuple):
    """What a checker reports; the linter adds the rule, severity and position."""

    start: int
    end: int
    message: str
    suggestion: str | None = None


class Lexicons(Protocol):
    """What checkers need from the style guide: its lexicons, raw and compiled."""

    def lexicon(self, name: str) -> list[LexiconEntry]:
        """The entries of one lexicon."""
        ...

    def matcher(self, name: str) -> PhraseMatcher:
        """The compiled matcher of one lexicon."""
        ...


class Checker(BaseModel, ABC):
    """Base of all checkers: the fields are the parameters a rule gives in ``params``."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    checker_id: ClassVar[str]

    @abstractmethod
    def describe(self) -> str:
        """How the rule is checked, in French, for the rendered guide."""

    def lexicons_used(self) -> list[str]:
        """Names of the lexicons the checker reads (the loader checks they exist)."""
        return []

    @abstractmethod
    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        """Yield the findings in one text."""


REGISTRY: dict[str, type[Checker]] = {}
C = TypeVar("C", bound=type[Checker])


def register(checker: C) -> C:
    """Add a checker class to the registry under its ``checker_id``."""
    REGISTRY[checker.checker_id] = checker
    return checker


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"invalid regular expression {pattern!r}: {error}") from None
    return pattern


def _template(value: str, fields: set[str]) -> str:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
    except ValueError as error:
        raise ValueError(f"invalid message template ({error}); write {{{{ for a brace") from None
    for name in names:
        if name not in fields:
            allowed = ", ".join("{" + field + "}" for field in sorted(fields))
            raise ValueError(f"unknown placeholder {{{name}}} (allowed: {allowed})")
    return value


_QUOTES = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")


def _position(finding: Finding) -> tuple[int, int]:
    return finding.start, finding.end


def _quoted(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _QUOTES.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(low < start < high for low, high in spans)


@register
class Greeting(Checker):
    """The reply opens with one of the allowed greetings."""

    checker_id = "greeting"

    openings: list[str] = Field(default=[r"Bonjour\b", r"Madame, Monsieur\b"], min_length=1)
    """Regular expressions (case-insensitive), one of which must match at the start of the text."""
    message: str = "la réponse doit commencer par « Bonjour » (suivi du pseudonyme s'il est publié)"
    """Shown when no opening matches."""
    suggestion: str | None = "Bonjour,"
    """Shown as the suggestion."""

    @field_validator("openings")
    @classmethod
    def _valid_openings(cls, value: list[str]) -> list[str]:
        return [_regex(item) for item in value]

    def describe(self) -> str:
        return "La première ligne commence par : " + ", ".join(f"`{o}`" for o in self.openings)

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        start, end = analysis.stripped()
        text = analysis.text
        if any(re.match(o, text[start:], re.IGNORECASE) for o in self.openings):
            return
        line_end = text.find("\n", start, end)
        yield Finding(start, end if line_end < 0 else line_end, self.message, self.suggestion)


@register
class LexiconChecker(Checker):
    """Terms of one or more lexicons, French-aware, with their replacement as suggestion."""

    checker_id = "lexicon"

    lexicons: list[str] = Field(min_length=1)
    """Names of the lexicons whose terms are flagged (files ``lexicons/<name>.tsv``)."""
    message: str = "« {excerpt} »"
    """Message template; placeholders: {excerpt} (text found), {term}, {note}."""
    max_allowed: int = Field(default=0, ge=0)
    """How many matches are tolerated before the next ones are flagged."""
    defer_to: list[str] = Field(default_factory=list)
    """Lexicons owned by other rules: a match overlapping one of theirs is left to them."""
    skip_quotes: bool = True
    """Ignore terms inside quotation marks (the citizen's own words)."""
    extra_patterns: list[str] = Field(default_factory=list)
    """Regular expressions flagged too (for what a word list cannot hold, such as emoji)."""

    @field_validator("message")
    @classmethod
    def _valid_message(cls, value: str) -> str:
        return _template(value, {"excerpt", "term", "note"})

    @field_validator("extra_patterns")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return [_regex(item) for item in value]

    def describe(self) -> str:
        names = ", ".join(f"`{name}`" for name in self.lexicons)
        text = f"Termes des lexiques {names}" if len(self.lexicons) > 1 else f"Lexique {names}"
        if self.extra_patterns:
            text += " et motifs " + ", ".join(f"`{p}`" for p in self.extra_patterns)
        if self.max_allowed:
            text += f" ; toléré jusqu'à {self.max_allowed} occurrence(s)"
        return text + "."

    def lexicons_used(self) -> list[str]:
        return [*self.lexicons, *self.defer_to]

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        matches: list[Match] = []
        for name in self.lexicons:
            matches.extend(guide.matcher(name).find(analysis))
        taken = [
            (m.start, m.end) for name in self.defer_to for m in guide.matcher(name).find(analysis)
        ]
        quoted = _quoted(analysis.text) if self.skip_quotes else []
        found: list[Finding] = []
        for match in matches:
            if any(match.start < high and low < match.end for low, high in taken):
                continue
            if _inside(quoted, match.start):
                continue
            excerpt = analysis.text[match.start : match.end]
            message = self.message.format(
                excerpt=excerpt, term=match.entry.term, note=match.entry.note or ""
            )
            found.append(Finding(match.start, match.end, message, match.entry.suggestion))
        for pattern in self.extra_patterns:
            for hit in re.finditer(pattern, analysis.text):
                if hit.end() > hit.start() and not _inside(quoted, hit.start()):
                    message = self.message.format(excerpt=hit.group(), term=pattern, note="")
                    found.append(Finding(hit.start(), hit.end(), message))
        found.sort(key=_position)
        yield from found[self.max_allowed :]


@register
class PatternChecker(Checker):
    """Regular expressions, for punctuation and fixed forms."""

    checker_id = "pattern"

    patterns: list[str] = Field(min_length=1)
    """Regular expressions; every match is flagged."""
    message: str
    """Message template; placeholder: {excerpt}."""
    suggestion: str | None = None
    """Shown as the suggestion."""
    ignore_case: bool = False
    """Match regardless of case."""
    max_allowed: int = Field(default=0, ge=0)
    """How many matches are tolerated before the next ones are flagged."""

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return [_regex(item) for item in value]

    @field_validator("message")
    @classmethod
    def _valid_message(cls, value: str) -> str:
        return _template(value, {"excerpt"})

    def describe(self) -> str:
        text = "Motifs " + ", ".join(f"`{pattern}`" for pattern in self.patterns)
        if self.max_allowed:
            text += f" ; toléré jusqu'à {self.max_allowed} occurrence(s)"
        return text + "."

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        flags = re.IGNORECASE if self.ignore_case else 0
        found = sorted(
            (
                Finding(
                    hit.start(),
                    hit.end(),
                    self.message.format(excerpt=hit.group()),
                    self.suggestion,
                )
                for pattern in self.patterns
                for hit in re.finditer(pattern, analysis.text, flags)
                if hit.end() > hit.start()
            ),
            key=_position,
        )
        yield from found[self.max_allowed :]


def _words(count: int) -> str:
    return f"{count} mot{'s' if count > 1 else ''}"


@register
class WordCount(Checker):
    """The text's length in words."""

    checker_id = "word_count"

    min_words: int = Field(default=40, ge=0)
    """Fewer words are flagged."""
    max_words: int = Field(default=150, ge=1)
    """More words are flagged, from the first word past the limit."""

    def describe(self) -> str:
        return f"Entre {self.min_words} et {self.max_words} mots (décompte spaCy)."

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        words = analysis.words
        if len(words) > self.max_words:
            first = words[self.max_words]
            yield Finding(
                first.idx,
                analysis.stripped()[1],
                f"réponse de {_words(len(words))} : visez {self.max_words} mots au plus",
            )
        elif len(words) < self.min_words:
            start, end = analysis.stripped()
            yield Finding(
                start,
                end,
                f"réponse de {_words(len(words))} : visez au moins {self.min_words} mots",
            )


@register
class SentenceLength(Checker):
    """Sentences over a word limit; ``;`` and ``:`` do not end a sentence."""

    checker_id = "sentence_length"

    max_words: int = Field(default=25, ge=1)
    """Longer sentences are flagged."""

    def describe(self) -> str:
        return (
            f"Phrases de plus de {self.max_words} mots (« ; » et « : » ne coupent pas la phrase)."
        )

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        for sentence in analysis.sentences:
            if sentence.words > self.max_words:
                yield Finding(
                    sentence.start,
                    sentence.end,
                    f"phrase de {sentence.words} mots (au plus {self.max_words}) : coupez-la",
                )


@register
class ParagraphLength(Checker):
    """Paragraphs with too many sentences."""

    checker_id = "paragraph_length"

    max_sentences: int = Field(default=3, ge=1)
    """Paragraphs with more sentences are flagged."""

    def describe(self) -> str:
        return f"Paragraphes de plus de {self.max_sentences} phrases."

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        for start, end in analysis.paragraphs:
            count = sum(1 for s in analysis.sentences if start <= s.start < end)
            if count > self.max_sentences:
                yield Finding(
                    start,
                    end,
                    f"paragraphe de {count} phrases (au plus {self.max_sentences}) : aérez",
                )


@register
class Passive(Checker):
    """Verbs in the passive voice (spaCy: ``aux:pass`` child and ``Voice=Pass``)."""

    checker_id = "passive"

    max_allowed: int = Field(default=0, ge=0)
    """How many passive verbs are tolerated before the next ones are flagged."""
    ignore_lemmas: list[str] = Field(default_factory=list)
    """Participles that read as adjectives (« nous sommes désolés »)."""

    def describe(self) -> str:
        return "Verbes au passif (analyse en dépendances de spaCy)."

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        ignored = {fold(lemma) for lemma in self.ignore_lemmas}
        found = []
        for verb in analysis.doc:
            if "Pass" not in verb.morph.get("Voice", []) or fold(verb.lemma_) in ignored:
                continue
            auxiliaries = [c for c in verb.children if c.dep_ in {"aux:pass", "aux:tense"}]
            if not any(child.dep_ == "aux:pass" for child in auxiliaries):
                continue
            start = min(token.idx for token in [*auxiliaries, verb])
            found.append(
                Finding(
                    start,
                    verb.idx + len(verb.text),
                    "tournure passive : dites qui agit (« nous avons transmis votre demande »)",
                )
            )
        yield from found[self.max_allowed :]


_TU_FORMS = "tu|te|toi|ta|tes"


@register
class Tutoiement(Checker):
    """Second person singular, by regular expressions: the small spaCy model mis-tags it."""

    checker_id = "tutoiement"

    ton_determiners: list[str] = Field(
        default=[
            "le",
            "un",
            "du",
            "au",
            "ce",
            "son",
            "mon",
            "votre",
            "notre",
            "leur",
            "même",
            "bon",
        ]
    )
    """Words after which « ton » is the noun (« le ton de votre message »), not a possessive."""

    def describe(self) -> str:
        return "Tu, te, toi, ta, tes, t' ; « ton » sauf après un déterminant (« le ton »)."

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        text = analysis.text
        pattern = rf"(?<![\w'’])(?:(?:{_TU_FORMS})(?![\w'’])|t['’](?=\w)|ton(?=\s+\w))"
        noun_after = {fold(word) for word in self.ton_determiners}
        for hit in re.finditer(pattern, text, re.IGNORECASE):
            if hit.group().casefold() == "ton":
                before = re.findall(r"[\w']+", text[max(0, hit.start() - 30) : hit.start()])
                if before and fold(before[-1]) in noun_after:
                    continue
            yield Finding(
                hit.start(), hit.end(), f"tutoiement « {hit.group()} » : vouvoyez", "vous / votre"
            )


@register
class Acronyms(Checker):
    """Acronyms not spelled out at first use, unless everyone knows them."""

    checker_id = "acronyms"

    known: str = "acronyms"
    """Lexicon of acronyms everyone knows (compared regardless of case)."""

    def describe(self) -> str:
        return (
            "Sigles en capitales non développés à la première occurrence,"
            f" hors lexique `{self.known}`."
        )

    def lexicons_used(self) -> list[str]:
        return [self.known]

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        text = analysis.text
        known = {entry.term.casefold() for entry in guide.lexicon(self.known)}
        seen: set[str] = set()
        for hit in re.finditer(r"(?<![\w-])[A-ZÀ-Ý][A-ZÀ-Ý0-9]*[A-ZÀ-Ý](?![\w-])", text):
            acronym = hit.group()
            if acronym in seen or acronym.casefold() in known or len(acronym) > 8:
                continue
            if re.fullmatch("[IVXLCDM]+", acronym):
                continue
            seen.add(acronym)
            start, end = hit.span()
            inside = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
            explained = re.match(r"\s*\(\s*[^\W\d_][^()]{2,}\)", text[end:])
            if not inside and not explained:
                yield Finding(
                    start,
                    end,
                    f"sigle « {acronym} » non développé : écrivez le nom en entier à la première"
                    f" occurrence, suivi du sigle entre parenthèses",
                )


# The lint names of the kinds of personal data ``harness.privacy`` finds, for writers.
_KINDS: dict[EntityType, str] = {
    "EMAIL": "adresse électronique",
    "TÉLÉPHONE": "numéro de téléphone",
    "NIR": "numéro de sécurité sociale",
    "IBAN": "IBAN",
    "ADRESSE": "adresse postale",
    "NUMÉRO": "numéro de dossier",
    "DATE_NAISSANCE": "date de naissance",
    "NOM": "nom de personne",
}
# A short number given to call (« appelez le 3697 ») that is not in the lexicon: not personal data
# (short numbers are services' lines), but a public reply gives official numbers only.
_SHORT = re.compile(r"(?<![\w+,.])3\d[ .]?\d{2}(?![\d,.]?\d)(?!\s*(?:€|euros?\b|%))")
_PHONE_CUE = re.compile(
    r"(?:appel|compos|num[ée]ro|t[ée]l[ée]phon|joindre|joignable|contact|au)\w*\W+(?:le\s+)?$",
    re.IGNORECASE,
)
# A reply may greet the citizen by the pseudonym the platform publishes (« Bonjour Camille, »).
_GREETING = re.compile(r"\s*(?:Bonjour|Bonsoir|Cher|Chère)\s+([^\s,;:!?.]+)\s*[,;:!?.\n]")


@register
class PersonalData(Checker):
    """Personal data that must not appear in a public reply, as ``harness.privacy`` defines it."""

    checker_id = "personal_data"

    short_numbers: str = "short_numbers"
    """Lexicon of official phone numbers (short numbers such as 3646) that may be given."""
    names: bool = True
    """Also flag people's names (after a title or a role, or found by spaCy's NER)."""

    def describe(self) -> str:
        return (
            "Les données personnelles que l'anonymiseur remplace : courriel, numéro de téléphone"
            " hors lexique `short_numbers`, NIR, IBAN, adresse postale, numéro de dossier, date"
            " de naissance, nom de personne (après une civilité ou un rôle, entités PER de"
            " spaCy). Le pseudonyme de la salutation (« Bonjour Camille, ») est permis."
        )

    def lexicons_used(self) -> list[str]:
        return [self.short_numbers]

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        text = analysis.text
        official = [e.term for e in guide.lexicon(self.short_numbers)]
        greeted = _GREETING.match(text)
        found = find_personal_data(
            text, allow=[greeted.group(1)] if greeted else [], official_numbers=official
        )
        findings = [
            Finding(
                entity.start,
                entity.end,
                f"donnée personnelle ({_KINDS[entity.type]}) : une réponse est publique",
            )
            for entity in found
            if self.names or entity.type != "NOM"
        ]
        for hit in _SHORT.finditer(text):
            cued = _PHONE_CUE.search(text[max(0, hit.start() - 40) : hit.start()])
            taken = any(f.start < hit.end() and hit.start() < f.end for f in findings)
            if cued and not taken and digits(hit.group()) not in {digits(n) for n in official}:
                findings.append(
                    Finding(
                        hit.start(),
                        hit.end(),
                        "numéro de téléphone non officiel : une réponse ne donne que les numéros"
                        " du lexique `short_numbers`",
                    )
                )
        yield from sorted(findings)


@register
class Readability(Checker):
    """Readability scores outside the guide's thresholds (Kandel & Moles, LIX)."""

    checker_id = "readability"

    min_kandel_moles: float = 60.0
    """A lower Kandel & Moles score is flagged (higher is easier)."""
    max_lix: float = 55.0
    """A higher LIX is flagged (lower is easier)."""
    min_words: int = Field(default=30, ge=1)
    """Shorter texts are not scored: the formulas are unstable on a few words."""

    def describe(self) -> str:
        return (
            f"Kandel & Moles < {self.min_kandel_moles:g} ou LIX > {self.max_lix:g}, calculés par"
            f" Plume (phrases spaCy, syllabes orales), pour les textes d'au moins"
            f" {self.min_words} mots."
        )

    def check(self, analysis: Analysis, guide: Lexicons) -> Iterator[Finding]:
        if len(analysis.words) < self.min_words:
            return
        metrics = measure(analysis, long_sentence_words=0)
        problems = []
        if metrics.kandel_moles is not None and metrics.kandel_moles < self.min_kandel_moles:
            problems.append(f"Kandel-Moles {metrics.kandel_moles:g} < {self.min_kandel_moles:g}")
        if metrics.lix is not None and metrics.lix > self.max_lix:
            problems.append(f"LIX {metrics.lix:g} > {self.max_lix:g}")
        if problems:
            start, end = analysis.stripped()
            yield Finding(
                start,
                end,
                f"texte difficile à lire ({', '.join(problems)}) : phrases et mots plus courts",
            )

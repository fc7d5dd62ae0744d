"""What the scorers know about a reply, computed once per reply and shared between them.

spaCy runs once per reply (:func:`harness.text.analyse`, batched with ``nlp.pipe``), and the style
guide lints that same analysis: scoring a reply costs one spaCy pass, as linting it does. Gold
texts (key facts, gold replies) are analysed once per process, however many replies are scored
against them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from harness.scoring._claims import clauses, supposed
from harness.text import Analysis, analyse, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

    from harness.styleguide import LintResult, StyleGuide

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
# Verbs that carry grammar rather than content: a fact is not conveyed by "vous pouvez".
_LIGHT = frozenset(
    {"etre", "avoir", "pouvoir", "devoir", "faire", "aller", "falloir", "vouloir", "bien", "tres"}
)


@dataclass(frozen=True)
class Lemma:
    """A content word of a text: its folded lemma and where it is."""

    key: str
    """Folded lemma ("délais" → "delai")."""
    start: int
    """Character offset of the word."""


def content_word(token: Token) -> str | None:
    """The folded lemma of a word that carries content (a noun, verb, adjective or adverb, not a
    stop word or a light verb), or None."""
    if token.pos_ in _CONTENT_POS and not token.is_stop and token.is_alpha:
        key = fold(token.lemma_ or token.text)
        if key not in _LIGHT:
            return key
    return None


def content_lemmas(analysis: Analysis) -> tuple[Lemma, ...]:
    """The words that carry a text's content: nouns, verbs, adjectives and adverbs, without stop
    words and light verbs, as folded lemmas."""
    return tuple(Lemma(key, token.idx) for token in analysis.tokens if (key := content_word(token)))


def without(token: Token) -> bool:
    """Whether a noun or a verb is denied by "sans" ("sans rappel des jours passés", "sans
    attendre"), or by "faute de" and "à défaut de", which say the same ("faute d'avis")."""
    if any(c.dep_ in ("case", "mark") and c.lower_ == "sans" for c in token.children):
        return True
    return (
        token.dep_ == "nmod"
        and token.head.lower_ in ("faute", "défaut")
        and any(c.dep_ == "case" and c.lower_ in ("de", "d'") for c in token.children)
    )


@dataclass(frozen=True)
class AnalysedReply:
    """A reply as every scorer sees it."""

    analysis: Analysis
    """Its text analysis, shared with the style guide."""
    lemmas: tuple[Lemma, ...]
    """Its content words."""
    lint: LintResult | None
    """The style guide's verdict, when it was asked for and could run."""
    lint_error: str | None = None
    """Why ``lint`` is missing when it was asked for."""

    @property
    def text(self) -> str:
        """The reply."""
        return self.analysis.text


def analyse_replies(texts: Sequence[str], *, lint: bool = True) -> Iterator[AnalysedReply]:
    """Analyse ``texts`` in one spaCy pass; with ``lint``, the style guide checks each analysis.

    A generator, so that scoring many replies holds one batch of spaCy docs at a time. A style
    guide that cannot load or lint a reply leaves ``lint`` empty with the reason, never raises.
    """
    guide: StyleGuide | None = None
    error = None
    if lint:
        try:
            from harness.styleguide import load_styleguide

            guide = load_styleguide()
        except Exception as problem:  # tone and conciseness say why they are unscored
            error = f"the style guide could not be loaded ({problem})"
    for analysis in analyse(texts):
        result = None
        if guide is not None:
            result, error = _lint(analysis, guide)
        yield AnalysedReply(analysis, content_lemmas(analysis), result, error)


def _lint(analysis: Analysis, guide: StyleGuide) -> tuple[LintResult | None, str | None]:
    from harness.styleguide import lint_analyses

    try:
        return lint_analyses([analysis], guide)[0], None
    except Exception as error:  # a checker failing on one reply must not unscore the batch
        return None, f"the style guide could not lint the reply ({error})"


@dataclass(frozen=True)
class SourceClause:
    """A clause of a gold text, as the polarity check compares it with the reply's."""

    words: frozenset[str]
    """Its content words (folded lemmas)."""
    polarity: int
    """1 when it denies what it says (see :class:`harness.scoring._claims.Clause`)."""
    negated: int
    """The same from explicit negations only."""
    denied: frozenset[str]
    """The nouns and verbs it denies with "sans"."""
    supposed: bool = False
    """Whether it supposes what it says ("si une place se libère")."""


@dataclass(frozen=True)
class GoldText:
    """What scoring needs of a text from the gold set."""

    lemmas: tuple[Lemma, ...]
    """Its content words."""
    polarity: int
    """Polarity of its main clause: 0 when it states something, 1 when it denies it."""
    predicate: str
    """Folded lemma of its main clause's head ("Le dossier est complet" → "complet")."""
    negated: int = 0
    """Polarity of its main clause from explicit negations only (see ``polarity``)."""
    roles: tuple[Role, ...] = ()
    """The things it names and the word each depends on."""
    clauses: tuple[SourceClause, ...] = ()
    """Its clauses, each with its polarity."""


@dataclass(frozen=True)
class Role:
    """A noun in an argument of a word: "l'entreprise" in "demandée à l'entreprise" is the
    ``obl`` of "demander"."""

    head: str
    """Folded lemma of the word it depends on."""
    relation: str
    """Its dependency relation, without subtype (``obl`` for ``obl:arg``)."""
    noun: str
    """Its folded lemma."""


_ROLES = frozenset({"nsubj", "obj", "iobj", "obl", "nmod"})


def roles(tokens: Sequence[Token]) -> list[tuple[Token, Role]]:
    """The nouns among ``tokens`` that are an argument of a content word, with their role."""
    found = []
    for token in tokens:
        relation = token.dep_.split(":")[0]
        head = fold(token.head.lemma_ or token.head.text)
        if (
            token.pos_ in ("NOUN", "PROPN")
            and token.is_alpha
            and not token.is_stop
            and relation in _ROLES
            and token.head.i != token.i
            and head not in _LIGHT
        ):
            found.append((token, Role(head, relation, fold(token.lemma_ or token.text))))
    return found


_GOLD_CACHE: dict[str, GoldText] = {}
_CACHE_LIMIT = 20_000


def parts(text: str) -> list[tuple[int, int]]:
    """The spans of a text between its semicolons and colons, each a statement of its own that
    spaCy does not always parse apart ("le dossier est en cours d'instruction ; aucune décision
    n'a encore été prise" rooted as one denied clause)."""
    bounds = [0, *(m.end() for m in re.finditer(r"\s[;:]\s", text)), len(text)]
    return list(itertools.pairwise(bounds))


def gold_texts(texts: Sequence[str]) -> list[GoldText]:
    """What accuracy reads of gold texts (an item's context, key facts, citizen's message), kept
    for the process: each is analysed once however many replies are scored against it."""
    missing = list(dict.fromkeys(t for t in texts if t not in _GOLD_CACHE))
    if missing:
        if len(_GOLD_CACHE) + len(missing) > _CACHE_LIMIT:
            _GOLD_CACHE.clear()
        for analysis in analyse(missing):
            found = clauses(analysis, 0, len(analysis.text))
            main = next(iter(found), None)
            _GOLD_CACHE[analysis.text] = GoldText(
                content_lemmas(analysis),
                main.polarity if main else 0,
                fold(main.head.lemma_ or main.head.text) if main else "",
                main.negated if main else 0,
                tuple(role for _, role in roles(analysis.tokens)),
                tuple(
                    SourceClause(
                        frozenset(w for t in c.tokens if (w := content_word(t))),
                        c.polarity,
                        c.negated,
                        frozenset(fold(t.lemma_) for t in c.tokens if without(t)),
                        supposed(c.head),
                    )
                    # A relative or adverbial clause of the sources says its own thing: "qui
                    # dépend de la réponse" is not denied by "la Cnil ne communique pas…".
                    for start, end in parts(analysis.text)
                    for c in clauses(analysis, start, end, subordinate=True)
                ),
            )
    return [_GOLD_CACHE[t] for t in texts]

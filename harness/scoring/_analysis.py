"""What the scorers need to know about a text, computed once per text and shared between them.

spaCy runs once over a batch of replies (``nlp.pipe``, without the parser and entity recogniser,
which the lemmas do not need) and the style guide's linter once over the same batch, so that
scoring a thousand replies costs two passes, not one per scorer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from harness.nlp import get_nlp

if TYPE_CHECKING:
    from harness.styleguide import LintResult

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
# Verbs that carry grammar rather than content: a fact is not conveyed by "vous pouvez".
_LIGHT = frozenset(
    {"etre", "avoir", "pouvoir", "devoir", "faire", "aller", "falloir", "vouloir", "bien", "tres"}
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_BATCH = 64


def count_words(text: str) -> int:
    """Words as a reader counts them (elisions and hyphenated words count once)."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower case without accents, so that "délai" and "delai" are one word."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Lemma:
    """A content word of a text: its folded lemma and where it is."""

    key: str
    """Folded lemma ("délais" → "delai")."""
    start: int
    """Character offset of the word."""


@dataclass(frozen=True)
class Analysis:
    """One text, analysed."""

    text: str
    """The text."""
    lemmas: tuple[Lemma, ...]
    """Its content words."""
    lint: LintResult | None
    """The style guide's verdict, when it was asked for and could run."""
    lint_error: str | None
    """Why ``lint`` is missing when it was asked for."""

    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans, cut at final punctuation and line breaks (spaCy's parser is not run)."""
        spans, start = [], 0
        for match in _SENTENCE_END.finditer(self.text):
            if self.text[start : match.start()].strip():
                spans.append((start, match.start()))
            start = match.end()
        if self.text[start:].strip():
            spans.append((start, len(self.text)))
        return spans


_LEMMA_CACHE: dict[str, tuple[Lemma, ...]] = {}
_CACHE_LIMIT = 20_000


def _content_lemmas(texts: Sequence[str]) -> list[tuple[Lemma, ...]]:
    nlp = get_nlp()
    disabled = [name for name in ("parser", "ner") if name in nlp.pipe_names]
    return [
        tuple(
            Lemma(fold(token.lemma_ or token.text), token.idx)
            for token in doc
            if token.pos_ in _CONTENT_POS
            and not token.is_stop
            and token.is_alpha
            and fold(token.lemma_ or token.text) not in _LIGHT
        )
        for doc in nlp.pipe(texts, batch_size=_BATCH, disable=disabled)
    ]


def lemmatise(texts: Sequence[str], *, cache: bool = True) -> list[tuple[Lemma, ...]]:
    """Content lemmas of each text; with ``cache``, kept for the process, so that a gold item's
    key facts are lemmatised once however many replies are scored against them."""
    if not cache:
        return _content_lemmas(texts)
    missing = list(dict.fromkeys(t for t in texts if t not in _LEMMA_CACHE))
    if missing:
        if len(_LEMMA_CACHE) + len(missing) > _CACHE_LIMIT:
            _LEMMA_CACHE.clear()
        _LEMMA_CACHE.update(zip(missing, _content_lemmas(missing), strict=True))
    return [_LEMMA_CACHE[t] for t in texts]


def _lint(texts: Sequence[str]) -> list[tuple[LintResult | None, str | None]]:
    """The style guide's verdict on each text, or why there is none."""
    try:
        from harness.styleguide import lint_many
    except ImportError as error:
        return [(None, f"the style guide package is not available ({error})")] * len(texts)
    try:
        return [(result, None) for result in lint_many(list(texts))]
    except Exception:  # one text the linter refuses (too long) must not unscore the whole batch
        pass
    verdicts: list[tuple[LintResult | None, str | None]] = []
    for text in texts:
        try:
            verdicts.append((lint_many([text])[0], None))
        except Exception as error:
            verdicts.append((None, f"the style guide could not lint the reply ({error})"))
    return verdicts


def analyse(texts: Sequence[str], *, lint: bool = True) -> list[Analysis]:
    """Analyse ``texts`` in one batch; with ``lint``, also run the style guide over them."""
    lemmas = lemmatise(texts, cache=False)
    verdicts = _lint(texts) if lint and texts else [(None, None)] * len(texts)
    return [
        Analysis(text=t, lemmas=lm, lint=result, lint_error=error)
        for t, lm, (result, error) in zip(texts, lemmas, verdicts, strict=True)
    ]

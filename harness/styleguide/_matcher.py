"""Finding lexicon terms in a text, French-aware: case, accents, apostrophes, elisions, inflections.

A term is analysed by the same spaCy pipeline as the texts; a term word matches a text word when
they share a folded surface form, lemma or singular (« sollicitez » matches « solliciter »,
« afin d'obtenir » matches « afin de », « Délais » matches « délai »). ``*`` matches any one word.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from harness.styleguide._model import LexiconEntry
from harness.text import Analysis, fold, singular

WILDCARD = "*"
_ANY = frozenset[str]()


@dataclass(frozen=True)
class Match:
    """A lexicon entry found in a text."""

    entry: LexiconEntry
    """The entry whose term matched."""
    start: int
    """Character offset of the match."""
    end: int
    """Character offset just past it."""


@dataclass(frozen=True)
class _Pattern:
    entry: LexiconEntry
    steps: tuple[frozenset[str], ...]


def variants(entry: LexiconEntry) -> list[str]:
    """The spellings of a term (``ledit / ladite`` → two variants)."""
    return [part.strip() for part in entry.term.split(" / ") if part.strip()]


class PhraseMatcher:
    """Leftmost-longest, non-overlapping matching of one lexicon's terms."""

    def __init__(self, entries: Sequence[LexiconEntry], analysed: Iterable[Analysis]) -> None:
        """Build from the entries and the analyses of their variants, in ``variants`` order."""
        self._by_first: dict[str, list[_Pattern]] = defaultdict(list)
        self._wildcard_first: list[_Pattern] = []
        analyses = iter(analysed)
        for entry in entries:
            for _ in variants(entry):
                term = next(analyses)
                steps = tuple(
                    _ANY if token.text == WILDCARD else _term_keys(token.text, token.lemma_)
                    for token in term.tokens
                )
                if not steps:
                    continue
                pattern = _Pattern(entry, steps)
                if steps[0]:
                    for key in steps[0]:
                        self._by_first[key].append(pattern)
                else:
                    self._wildcard_first.append(pattern)

    def find(self, analysis: Analysis) -> list[Match]:
        """Matches in text order; where two overlap, the one starting first (then longest) wins."""
        keys = analysis.keys
        tokens = analysis.tokens
        first_keys = self._by_first.keys()
        matches: list[Match] = []
        index = 0
        while index < len(tokens):
            if first_keys.isdisjoint(keys[index]) and not self._wildcard_first:
                index += 1
                continue
            best = 0
            best_entry: LexiconEntry | None = None
            candidates = [p for key in keys[index] for p in self._by_first.get(key, ())]
            for pattern in [*candidates, *self._wildcard_first]:
                length = len(pattern.steps)
                if length <= best or index + length > len(tokens):
                    continue
                if all(
                    (not step and any(ch.isalnum() for ch in tokens[index + offset].text))
                    or (step & keys[index + offset])
                    for offset, step in enumerate(pattern.steps)
                ):
                    best, best_entry = length, pattern.entry
            if best_entry is None:
                index += 1
                continue
            last = tokens[index + best - 1]
            matches.append(Match(best_entry, tokens[index].idx, last.idx + len(last.text)))
            index += best
        return matches


def _term_keys(text: str, lemma: str) -> frozenset[str]:
    surface = fold(text)
    folded_lemma = fold(lemma) if lemma else surface
    return frozenset((surface, singular(surface), folded_lemma, singular(folded_lemma)))

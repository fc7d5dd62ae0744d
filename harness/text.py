"""One text analysed once, for the style guide and the scorers alike, and ``fold``, the one way
Plume compares two spellings of a word.

``analyse`` runs spaCy's French pipeline once over a batch of texts; an ``Analysis`` keeps the doc
and derives from it, on demand, what the checkers and scorers share: words, sentences corrected
for replies, paragraphs, and the folded forms lexicon terms are matched on.

spaCy runs on a copy of the text where typographic apostrophes and non-breaking spaces are
replaced one character for one character, so every token offset is an offset into the original.
"""

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_CHARACTERS = 100_000
"""Longest text linted or scored: Plume checks replies, not whole documents (and spaCy refuses
texts over a million characters)."""

# spaCy's French tokenizer only splits elisions on the ASCII apostrophe ("J’ai" stays one token),
# and it cannot encode lone surrogates (which Python strings may hold).
_SAME_LENGTH = str.maketrans(
    {"’": "'", "ʼ": "'", "‘": "'", "´": "'", "\u00a0": " ", "\u202f": " "}
    | {chr(code): "\ufffd" for code in range(0xD800, 0xE000)}
)
_ELIDED = {
    "l'": "le",
    "d'": "de",
    "j'": "je",
    "m'": "me",
    "t'": "te",
    "s'": "se",
    "c'": "ce",
    "n'": "ne",
    "qu'": "que",
    "jusqu'": "jusque",
    "lorsqu'": "lorsque",
    "puisqu'": "puisque",
    "quoiqu'": "quoique",
}
# Letters NFKD leaves whole: French spells them either way (cœur, coeur).
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_OPENING = set("([{«\"“'")


def for_spacy(text: str) -> str:
    """The text spaCy sees: same length, ASCII apostrophes, plain spaces, no lone surrogate."""
    return text.translate(_SAME_LENGTH)


def fold(word: str) -> str:
    """The form under which two spellings of a word or phrase compare equal.

    Case-folded, without accents, ligatures spelt out (œ → oe), typographic apostrophes made
    ASCII, runs of spaces (non-breaking ones included) made one space; an elided clitic becomes
    its full word (d' → de), so that « afin d'obtenir » matches « afin de ».
    """
    folded = " ".join(word.translate(_SAME_LENGTH).casefold().split())
    if folded in _ELIDED:
        return _ELIDED[folded]
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_LIGATURES)


def singular(folded: str) -> str:
    """A folded word without a plural ending, so that délais matches délai and susvisés susvisé."""
    return folded[:-1] if len(folded) > 3 and folded[-1] in "sx" else folded


def is_word(token: "Token") -> bool:
    """Whether a token counts as a word: it holds a letter or digit and is not an elided clitic."""
    text = token.text
    return any(char.isalnum() for char in text) and not text.endswith("'")


def word_count(text: str) -> int:
    """The words of ``text``, counted as :attr:`Analysis.words` counts them, from spaCy's tokenizer
    alone: counting needs neither the tagger nor the parser, which cost a hundred times more."""
    from harness.nlp import get_nlp

    doc = get_nlp().make_doc(for_spacy(text))
    return sum(1 for token in doc if not token.is_space and is_word(token))


@dataclass(frozen=True)
class Sentence:
    """A sentence, merged across ``;`` and ``:``."""

    start: int
    """Character offset of its start."""
    end: int
    """Character offset of its end."""
    words: int
    """Words it holds."""


class Analysis:
    """A text and its spaCy doc, with what the style guide and the scorers derive from them."""

    def __init__(self, text: str, doc: "Doc") -> None:
        self.text = text
        self.doc = doc
        self.tokens: list[Token] = [token for token in doc if not token.is_space]
        """Non-space tokens in order."""

    @cached_property
    def words(self) -> list["Token"]:
        """Tokens that count as words (« l'honneur » is one word, « écrivez-nous » two)."""
        return [token for token in self.tokens if is_word(token)]

    @cached_property
    def keys(self) -> list[frozenset[str]]:
        """For each token, the folded forms a lexicon term can match: surface, lemma, singular."""
        keys = []
        for token in self.tokens:
            surface = fold(token.text)
            lemma = fold(token.lemma_) if token.lemma_ else surface
            keys.append(frozenset((surface, lemma, singular(surface), singular(lemma))))
        return keys

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences holding at least one word, with spaCy's boundaries corrected for replies.

        spaCy ends sentences at ``;`` and ``:`` (a length rule must not) and misses line breaks
        after a greeting or a sign-off (« Bonjour Camille, ⏎ Votre demande… »).
        """
        tokens = self.tokens
        if not tokens:
            return []
        starts = {0}
        for index in range(1, len(tokens)):
            previous, token = tokens[index - 1], tokens[index]
            gap = self.text[previous.idx + len(previous.text) : token.idx]
            if "\n" in gap:
                wrapped = previous.text[-1].isalnum() and token.text[0].islower()
                if _BLANK_LINE.search(gap) or not wrapped:
                    starts.add(index)
                continue
            if not token.is_sent_start:
                continue
            if previous.text in {";", ":"}:
                continue
            if token.is_punct and token.text[0] not in _OPENING:
                continue
            starts.add(index)
        bounds = sorted(starts)
        sentences = []
        for number, first in enumerate(bounds):
            last = (bounds[number + 1] if number + 1 < len(bounds) else len(tokens)) - 1
            words = sum(1 for token in tokens[first : last + 1] if is_word(token))
            if words:
                end_token = tokens[last]
                sentences.append(
                    Sentence(
                        start=tokens[first].idx,
                        end=end_token.idx + len(end_token.text),
                        words=words,
                    )
                )
        return sentences

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``; the whole text if none does."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence.start, sentence.end
        return 0, len(self.text)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Character ranges of the blocks separated by blank lines, without surrounding space."""
        ranges = []
        position = 0
        for match in [*_BLANK_LINE.finditer(self.text), None]:
            stop = match.start() if match else len(self.text)
            block = self.text[position:stop]
            if block.strip():
                lead = len(block) - len(block.lstrip())
                ranges.append((position + lead, position + len(block.rstrip())))
            if match:
                position = match.end()
        return ranges

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (from 1) of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def stripped(self) -> tuple[int, int]:
        """The text's range without leading and trailing space."""
        lead = len(self.text) - len(self.text.lstrip())
        return lead, max(lead, len(self.text.rstrip()))


def analyse(texts: Sequence[str], *, parse: bool = True) -> Iterator[Analysis]:
    """Analyses of the texts, in order, from one ``nlp.pipe`` pass.

    Every component runs but the entity recogniser, which costs 40 % of the pipeline and whose
    entities nothing here reads: names are ``harness.privacy``'s business, and it reads each line
    on its own. ``parse=False`` skips the parser too, almost three times faster than the whole
    pipeline: words, lemmas and morphology are the same, sentences are missing (for lexicon terms).

    A generator, so that a caller working through many texts holds one batch of docs at a time.

    Raises:
        PlumeError: spaCy's French model is not installed.
    """
    from harness.nlp import get_nlp

    skipped = ["ner"] if parse else ["parser", "ner"]
    docs = get_nlp().pipe((for_spacy(text) for text in texts), batch_size=64, disable=skipped)
    for text, doc in zip(texts, docs, strict=True):
        yield Analysis(text, doc)

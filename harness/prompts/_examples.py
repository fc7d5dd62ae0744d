"""Choosing few-shot examples for an item: same service first, then the closest wording (BM25)."""

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence

from harness.gold import GoldItem, split_of

_WORD = re.compile(r"\w+")
# Function words carry no topic; without them BM25 matches on what the experience is about.
_STOPWORD_TEXT = """
a ai as au aux avec avez avoir avons c ce ces cet cette d dans de des du elle elles en est et
été être il ils j je l la le les leur leurs m ma me mes mon n ne nos notre nous on ont ou par
pas plus pour qu que qui s sa sans se ses son sont sur t ta te tes ton tu un une vos votre
vous y à ça
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_K1 = 1.5
_B = 0.75


def _tokens(item: GoldItem) -> list[str]:
    text = f"{item.experience.title} {item.experience.text}".lower()
    return [word for word in _WORD.findall(text) if word not in _STOPWORDS]


class ExampleSelector:
    """Chooses few-shot examples from one pool; the BM25 index is built once, not per item.

    Items of the same service come first, then those whose experience reads most like the item
    (BM25 over title and text); ties go by a hash of both ids, so the choice is stable. The item
    itself and every dev or test item are never shown: a score on them would be a score on
    answers the model was given.
    """

    def __init__(self, pool: Sequence[GoldItem]) -> None:
        self._candidates = [o for o in pool if split_of(o.id) == "train"]
        documents = [Counter(_tokens(o)) for o in self._candidates]
        lengths = [sum(d.values()) for d in documents]
        self._average = sum(lengths) / len(lengths) if lengths and sum(lengths) else 1.0
        frequency = Counter(word for document in documents for word in document)
        total = len(documents)
        self._idf = {
            word: math.log(1 + (total - seen + 0.5) / (seen + 0.5))
            for word, seen in frequency.items()
        }
        # word -> (candidate index, term frequency): scoring touches only shared words.
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for index, document in enumerate(documents):
            for word, count in document.items():
                self._postings.setdefault(word, []).append((index, count))
        self._norms = [_K1 * (1 - _B + _B * length / self._average) for length in lengths]
        self._by_service: dict[str, list[int]] = {}
        for index, candidate in enumerate(self._candidates):
            self._by_service.setdefault(candidate.service.casefold(), []).append(index)
        self._hashes = [_id_hash(o.id) for o in self._candidates]

    def select(self, item: GoldItem, count: int) -> list[GoldItem]:
        """Up to ``count`` examples for ``item``."""
        if count <= 0:
            return []
        scores: dict[int, float] = {}
        for word in set(_tokens(item)):
            idf = self._idf.get(word)
            if idf is None:
                continue
            for index, frequency in self._postings[word]:
                gain = idf * frequency * (_K1 + 1) / (frequency + self._norms[index])
                scores[index] = scores.get(index, 0.0) + gain
        mine = _id_hash(item.id)
        same = self._by_service.get(item.service.casefold(), [])
        chosen: list[int] = []
        for group in (same, range(len(self._candidates))):
            ranked = heapq.nsmallest(
                count - len(chosen) + 1,  # one spare: the item itself may rank
                (i for i in group if i not in chosen),
                key=lambda i: (-scores.get(i, 0.0), self._hashes[i] ^ mine),
            )
            chosen += [i for i in ranked if self._candidates[i].id != item.id]
            chosen = chosen[:count]
            if len(chosen) == count:
                break
        return [self._candidates[i] for i in chosen]


def _id_hash(item_id: str) -> int:
    return int.from_bytes(hashlib.sha256(item_id.encode()).digest()[:8], "big")


def select_examples(item: GoldItem, pool: Sequence[GoldItem], count: int) -> list[GoldItem]:
    """Up to ``count`` train-split examples for ``item`` from ``pool`` (see ``ExampleSelector``).

    Building the selector indexes the pool: to choose for many items, build it once.
    """
    return ExampleSelector(pool).select(item, count)

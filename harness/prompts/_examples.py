"""Choosing few-shot examples for an item: same service first, then the closest wording (BM25)."""

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
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
        average = sum(lengths) / len(lengths) if lengths and sum(lengths) else 1.0
        frequency = Counter(word for document in documents for word in document)
        total = len(documents)
        # word -> (candidate, the word's BM25 weight in it): scoring an item then touches only
        # the candidates that share one of its words.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for index, (document, length) in enumerate(zip(documents, lengths, strict=True)):
            norm = _K1 * (1 - _B + _B * length / average)
            for word, count in document.items():
                seen = frequency[word]
                idf = math.log(1 + (total - seen + 0.5) / (seen + 0.5))
                weight = idf * count * (_K1 + 1) / (count + norm)
                self._postings.setdefault(word, []).append((index, weight))
        self._by_service: dict[str, list[int]] = {}
        for index, candidate in enumerate(self._candidates):
            self._by_service.setdefault(candidate.service.casefold(), []).append(index)
        self._hashes = [_id_hash(o.id) for o in self._candidates]

    def select(self, item: GoldItem, count: int) -> list[GoldItem]:
        """Up to ``count`` examples for ``item``."""
        if count <= 0:
            return []
        scores = self._scores(item)
        mine = _id_hash(item.id)

        def rank(index: int) -> tuple[float, int]:
            return -scores.get(index, 0.0), self._hashes[index] ^ mine

        same = self._by_service.get(item.service.casefold(), [])
        chosen: list[int] = []
        for group in (same, range(len(self._candidates))):
            # One spare: the item itself may rank. nsmallest keeps pool order on full ties.
            ranked = heapq.nsmallest(
                count - len(chosen) + 1, (i for i in group if i not in chosen), key=rank
            )
            chosen += [i for i in ranked if self._candidates[i].id != item.id]
            chosen = chosen[:count]
            if len(chosen) == count:
                break
        return [self._candidates[i] for i in chosen]

    def _scores(self, item: GoldItem) -> dict[int, float]:
        """The BM25 score of each candidate sharing a word with ``item``, by pool position.

        Words are summed in sorted order, not set order: set order follows ``PYTHONHASHSEED``,
        and sums taken in another order can differ in their last bits and rank differently
        from one process to the next.
        """
        scores: defaultdict[int, float] = defaultdict(float)
        for word in sorted(set(_tokens(item))):
            for index, weight in self._postings.get(word, ()):
                scores[index] += weight
        return scores


def _id_hash(item_id: str) -> int:
    return int.from_bytes(hashlib.sha256(item_id.encode()).digest()[:8], "big")


def select_examples(item: GoldItem, pool: Sequence[GoldItem], count: int) -> list[GoldItem]:
    """Up to ``count`` train-split examples for ``item`` from ``pool`` (see ``ExampleSelector``).

    Building the selector indexes the pool: to choose for many items, build it once.
    """
    return ExampleSelector(pool).select(item, count)

"""Choosing few-shot examples for an item: same service first, then the closest wording (BM25)."""

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import cast

import numpy as np
from numpy.typing import NDArray

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
# Above this many candidates a group is cut down to its top scores before the full sort: sorting
# a whole service of a 10k-item pool for two examples would cost more than the scoring.
_PARTITION_ABOVE = 256


def _tokens(item: GoldItem) -> list[str]:
    text = f"{item.experience.title} {item.experience.text}".lower()
    return [word for word in _WORD.findall(text) if word not in _STOPWORDS]


class ExampleSelector:
    """Chooses few-shot examples from one pool; the BM25 index is built once, not per item.

    Items of the same service come first, then those whose experience reads most like the item
    (BM25 over title and text); ties go by a hash of both ids, so the choice is stable. The item
    itself and every dev or test item are never shown: a score on them would be a score on
    answers the model was given.

    An item's score is summed over its words in sorted order, never in set order: set order
    follows ``PYTHONHASHSEED``, and scores that differ only in their last bits would otherwise
    rank differently from one process to the next.
    """

    def __init__(self, pool: Sequence[GoldItem]) -> None:
        self._candidates = [o for o in pool if split_of(o.id) == "train"]
        tokens = [_tokens(o) for o in self._candidates]
        documents = [Counter(t) for t in tokens]
        lengths = [sum(d.values()) for d in documents]
        self._average = sum(lengths) / len(lengths) if lengths and sum(lengths) else 1.0
        frequency = Counter(word for document in documents for word in document)
        total = len(documents)
        # Word ids follow the sorted words, so that ascending ids are the fixed summing order.
        self._vocabulary = {word: number for number, word in enumerate(sorted(frequency))}
        # math.log, not np.log: the weights must be the very floats the pure-Python BM25 gave.
        idf = np.array(
            [
                math.log(1 + (total - frequency[word] + 0.5) / (frequency[word] + 0.5))
                for word in self._vocabulary
            ],
            dtype=np.float64,
        )
        norms = np.array(
            [_K1 * (1 - _B + _B * length / self._average) for length in lengths],
            dtype=np.float64,
        )
        # Each candidate's known words, ascending, end to end: the candidates' cache entries below
        # are slices of it, and the postings are it regrouped by word.
        sizes = np.array([len(d) for d in documents], dtype=np.intp)
        owner_of = np.repeat(np.arange(total, dtype=np.intp), sizes)
        word_of = np.array(
            [self._vocabulary[word] for document in documents for word in document],
            dtype=np.intp,
        )
        tf = np.array(
            [seen for document in documents for seen in document.values()], dtype=np.float64
        )
        order = np.lexsort((word_of, owner_of))
        word_of, tf = word_of[order], tf[order]
        # Postings as one sparse word x candidate matrix (CSR): an item's score then touches only
        # the candidates that share a word, and a 10k pool needs no dense pool x vocabulary array.
        # The sort is stable, so each word's candidates stay ascending.
        by_word = np.argsort(word_of, kind="stable")
        self._owners: NDArray[np.intp] = owner_of[by_word]
        posted = tf[by_word]
        # Same operations in the same order as the per-posting formula, hence the same floats.
        self._weights: NDArray[np.float64] = (
            idf[word_of[by_word]] * posted * (_K1 + 1) / (posted + norms[self._owners])
        )
        self._starts: NDArray[np.intp] = np.zeros(len(self._vocabulary) + 1, dtype=np.intp)
        np.cumsum(np.bincount(word_of, minlength=len(self._vocabulary)), out=self._starts[1:])
        by_service: dict[str, list[int]] = {}
        by_id: dict[str, list[int]] = {}
        for index, candidate in enumerate(self._candidates):
            by_service.setdefault(candidate.service.casefold(), []).append(index)
            by_id.setdefault(candidate.id, []).append(index)
        self._by_service = {s: np.array(g, dtype=np.intp) for s, g in by_service.items()}
        self._by_id = {i: frozenset(g) for i, g in by_id.items()}
        self._all: NDArray[np.intp] = np.arange(total, dtype=np.intp)
        self._hashes: NDArray[np.uint64] = np.array(
            [_id_hash(o.id) for o in self._candidates], dtype=np.uint64
        )
        # Keyed on the text itself, not the id: an id says nothing about which text came with it.
        # It grows by one small array per distinct text asked about, on top of the pool's own.
        self._words: dict[tuple[str, str], NDArray[np.intp]] = {}
        ends = np.cumsum(sizes)
        starts = (ends - sizes).tolist()
        for candidate, start, end in zip(self._candidates, starts, ends.tolist(), strict=True):
            self._words[_text_key(candidate)] = word_of[start:end]

    def select(self, item: GoldItem, count: int) -> list[GoldItem]:
        """Up to ``count`` examples for ``item``."""
        if count <= 0 or not self._candidates:
            return []
        scores = self._scores(item)
        mine = np.uint64(_id_hash(item.id))
        own = self._by_id.get(item.id, frozenset())
        same = self._by_service.get(item.service.casefold())
        groups = (self._all,) if same is None else (same, self._all)
        chosen: list[int] = []
        for group in groups:
            # One spare: the item itself may rank (several times, if its id repeats in the pool,
            # and then the next group fills in). The ones already chosen are dropped after the
            # ranking, so the ranking takes as many more: count - len(chosen) + 1 in all.
            ranked = self._top(group, count + 1, scores, mine)
            fresh = [i for i in ranked if i not in chosen][: count - len(chosen) + 1]
            chosen += [i for i in fresh if i not in own]
            chosen = chosen[:count]
            if len(chosen) == count:
                break
        return [self._candidates[i] for i in chosen]

    def _word_ids(self, tokens: list[str]) -> NDArray[np.intp]:
        """The item's words known to the pool, ascending: the order their weights are summed in."""
        known = {self._vocabulary[w] for w in tokens if w in self._vocabulary}
        return np.array(sorted(known), dtype=np.intp)

    def _scores(self, item: GoldItem) -> NDArray[np.float64]:
        """The BM25 score of every candidate for ``item``; 0 where no word is shared."""
        key = _text_key(item)
        words = self._words.get(key)
        if words is None:
            words = self._words[key] = self._word_ids(_tokens(item))
        starts = self._starts[words]
        sizes = self._starts[words + 1] - starts
        # The item's postings lists end to end, word after word in ascending word id.
        shift = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
        positions = shift + np.arange(shift.size, dtype=np.intp)
        # bincount adds the weights in array order, one candidate at a time: each candidate's
        # sum runs over its words in sorted order, as the reference loop does.
        scores = np.bincount(
            self._owners[positions],
            weights=self._weights[positions],
            minlength=len(self._candidates),
        )
        # numpy's stubs type bincount as counting; with weights it returns their float64 sums.
        return cast("NDArray[np.float64]", scores)

    def _top(
        self, group: NDArray[np.intp], wanted: int, scores: NDArray[np.float64], mine: np.uint64
    ) -> list[int]:
        """The first ``wanted`` of ``group`` by (-score, id hash ^ ``mine``, position).

        ``group`` is ascending, and the sort is stable, so a full tie keeps pool order.
        """
        mark = scores[group]
        if group.size > max(_PARTITION_ABOVE, wanted):
            # Everything scoring under the wanted-th best score cannot be among the first
            # ``wanted``; those tying with it stay, for the hash to order.
            least = np.partition(mark, group.size - wanted)[group.size - wanted]
            keep = mark >= least
            group, mark = group[keep], mark[keep]
        order = np.lexsort((self._hashes[group] ^ mine, -mark))
        top: list[int] = group[order[:wanted]].tolist()
        return top


def _text_key(item: GoldItem) -> tuple[str, str]:
    return item.experience.title, item.experience.text


def _id_hash(item_id: str) -> int:
    return int.from_bytes(hashlib.sha256(item_id.encode()).digest()[:8], "big")


def select_examples(item: GoldItem, pool: Sequence[GoldItem], count: int) -> list[GoldItem]:
    """Up to ``count`` train-split examples for ``item`` from ``pool`` (see ``ExampleSelector``).

    Building the selector indexes the pool: to choose for many items, build it once.
    """
    return ExampleSelector(pool).select(item, count)

"""The indexed selector chooses exactly what the plain BM25 loop chooses, item for item.

``Reference`` is the pure-Python selector the numpy one replaced, kept here as the definition of
the choice; its one change is that it sums an item's words in sorted order, not in set order
(which follows ``PYTHONHASHSEED``).
"""

import hashlib
import heapq
import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.gold import GoldItem, load_gold, split_of
from harness.prompts import ExampleSelector, _examples, select_examples

BUNDLED = Path(__file__).resolve().parents[2] / "gold" / "services-publics-plus.jsonl"
COUNTS = range(5)

# The words and BM25 parameters are the module's: what is tested is the index and the ranking.
_tokens = _examples._tokens
_K1, _B = _examples._K1, _examples._B


class Reference:
    """The selector as it was before numpy, scoring split from choosing so counts share scores."""

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
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for index, document in enumerate(documents):
            for word, count in document.items():
                self._postings.setdefault(word, []).append((index, count))
        self._norms = [_K1 * (1 - _B + _B * length / self._average) for length in lengths]
        self._by_service: dict[str, list[int]] = {}
        for index, candidate in enumerate(self._candidates):
            self._by_service.setdefault(candidate.service.casefold(), []).append(index)
        self._hashes = [_id_hash(o.id) for o in self._candidates]

    def scores(self, item: GoldItem) -> dict[int, float]:
        scores: dict[int, float] = {}
        for word in sorted(set(_tokens(item))):  # the fix: set order varies between processes
            idf = self._idf.get(word)
            if idf is None:
                continue
            for index, frequency in self._postings[word]:
                gain = idf * frequency * (_K1 + 1) / (frequency + self._norms[index])
                scores[index] = scores.get(index, 0.0) + gain
        return scores

    def choose(self, item: GoldItem, scores: dict[int, float], count: int) -> list[GoldItem]:
        if count <= 0:
            return []
        mine = _id_hash(item.id)
        same = self._by_service.get(item.service.casefold(), [])
        chosen: list[int] = []
        for group in (same, range(len(self._candidates))):
            ranked = heapq.nsmallest(
                count - len(chosen) + 1,
                (i for i in group if i not in chosen),
                key=lambda i: (-scores.get(i, 0.0), self._hashes[i] ^ mine),
            )
            chosen += [i for i in ranked if self._candidates[i].id != item.id]
            chosen = chosen[:count]
            if len(chosen) == count:
                break
        return [self._candidates[i] for i in chosen]

    def select(self, item: GoldItem, count: int) -> list[GoldItem]:
        return self.choose(item, self.scores(item), count)


def _id_hash(item_id: str) -> int:
    return int.from_bytes(hashlib.sha256(item_id.encode()).digest()[:8], "big")


def _ids(chosen: Sequence[GoldItem]) -> list[str]:
    return [o.id for o in chosen]


def _assert_same_choices(pool: Sequence[GoldItem], queries: Sequence[GoldItem]) -> int:
    """Compares every query at every count; returns how many choices were not empty."""
    reference, fast = Reference(pool), ExampleSelector(pool)
    shown = 0
    for item in queries:
        scores = reference.scores(item)
        for count in COUNTS:
            expected = reference.choose(item, scores, count)
            # Ids alone would hide a duplicate id picked at the wrong position.
            assert fast.select(item, count) == expected, (item.id, count, _ids(expected))
            shown += bool(expected)
    return shown


def _cycled(count: int, services: Sequence[str] | None = None) -> list[GoldItem]:
    """The bundled set cycled to ``count`` items with fresh ids, as ``benchmarks/_common.py``."""
    source = [json.loads(line) for line in BUNDLED.read_text().splitlines() if line.strip()]
    items = []
    for number in range(count):
        data = dict(source[number % len(source)])
        data["id"] = f"{data['id']}-b{number:05d}"
        if services:
            data["service"] = services[number % len(services)]
        items.append(GoldItem.model_validate(data))
    return items


def test_the_bundled_gold_set() -> None:
    items = load_gold(BUNDLED).items
    assert _assert_same_choices(items, items) > 0


def test_scores_are_the_same_floats_to_the_last_bit() -> None:
    # Choices alone rarely show a sum taken in another order; the bits of the scores do.
    # The bundled set's dev and test texts are nowhere in the pool: their words are not cached.
    for items in (load_gold(BUNDLED).items, _cycled(300)):
        reference, fast = Reference(items), ExampleSelector(items)
        for item in items:
            expected = reference.scores(item)
            scores = fast._scores(item).tolist()
            assert scores == [expected.get(i, 0.0) for i in range(len(scores))], item.id


def test_two_thousand_items_cycled_from_the_bundled_set() -> None:
    # Every text comes back about thirty times: whole groups tie on score, the hash decides.
    items = _cycled(2000)
    assert _assert_same_choices(items, items) > 0


def test_large_services_are_cut_down_before_the_sort() -> None:
    # Two services of some 600 train items each: beyond _PARTITION_ABOVE, so the partition runs,
    # with ties on the cut-off score (cycled texts) that the hash must still order.
    items = _cycled(2000, ["Caf", "cpam"])
    assert len(Reference(items)._by_service["caf"]) > _examples._PARTITION_ABOVE
    assert _assert_same_choices(items, items[::7]) > 0


def test_items_outside_the_pool_and_an_empty_pool() -> None:
    items = load_gold(BUNDLED).items
    pool, outside = items[:40], items[40:]
    assert _assert_same_choices(pool, outside) > 0
    assert _assert_same_choices([], items[:3]) == 0
    dev_only = [o for o in items if split_of(o.id) != "train"]
    assert _assert_same_choices(dev_only, items[:3]) == 0


def test_select_examples_is_the_selector() -> None:
    items = load_gold(BUNDLED).items
    selector = ExampleSelector(items)
    for item in items[:10]:
        assert select_examples(item, items, 3) == selector.select(item, 3)


def test_a_repeated_query_is_answered_from_the_cache_alike() -> None:
    items = load_gold(BUNDLED).items
    selector, reference = ExampleSelector(items), Reference(items)
    for item in items:
        # Same id, other text: the cached words of the pool item must not be reused.
        other = item.model_copy(
            update={"experience": items[-1 - items.index(item)].experience}, deep=True
        )
        for query in (item, other, item):
            assert selector.select(query, 3) == reference.select(query, 3)


TRAIN = [i for i in (f"item-{n}" for n in range(40)) if split_of(i) == "train"][:6]
OTHER = [i for i in (f"item-{n}" for n in range(40)) if split_of(i) != "train"][:3]
ids = st.sampled_from(TRAIN + OTHER)  # few ids: duplicates in the pool, the query's among them
services = st.sampled_from(["Caf", "caf", "CAF", "CPAM", "Urssaf"])
titles = st.sampled_from(["Titre", "Attente", "Le dossier"])
words = st.sampled_from(
    ["prime", "activité", "carte", "vitale", "dossier", "attente", "permis", "le", "de", "Prime"]
)
texts = st.lists(words, min_size=1, max_size=6).map(" ".join)


def _item(item_id: str, service: str, title: str, text: str) -> GoldItem:
    return GoldItem.model_validate(
        {
            "id": item_id,
            "service": service,
            "experience": {"title": title, "text": text, "sentiment": "negative"},
            "reply": "Bonjour, merci pour votre message.",
        }
    )


gold_items = st.builds(_item, ids, services, titles, texts)


@settings(max_examples=300, deadline=None)
@given(
    pool=st.lists(gold_items, max_size=14),
    outside=st.lists(gold_items, max_size=2),
    cut=st.sampled_from([1, 2, _examples._PARTITION_ABOVE]),
)
def test_small_pools_with_ties_and_repeated_ids(
    pool: list[GoldItem], outside: list[GoldItem], cut: int
) -> None:
    # A low cut sends even these small groups through the partition.
    with mock.patch.object(_examples, "_PARTITION_ABOVE", cut):
        _assert_same_choices(pool, pool + outside)


@pytest.mark.parametrize("count", [-1, 0])
def test_no_examples_asked_none_given(count: int) -> None:
    items = load_gold(BUNDLED).items
    assert ExampleSelector(items).select(items[0], count) == []

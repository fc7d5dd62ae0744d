"""Choosing few-shot examples for an item: same service first, then the closest wording (BM25)."""

import hashlib
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


def select_examples(item: GoldItem, pool: Sequence[GoldItem], count: int) -> list[GoldItem]:
    """Up to ``count`` train-split items to show as examples for ``item``.

    Items of the same service come first, then those whose experience reads most like this one
    (BM25 over title and text); ties go by a hash of both ids, so the choice is stable. The item
    itself and every dev or test item are never shown: a score on them would be a score on
    answers the model was given.
    """
    candidates = [o for o in pool if o.id != item.id and split_of(o.id) == "train"]
    if count <= 0 or not candidates:
        return []
    documents = [_tokens(o) for o in candidates]
    average = sum(len(d) for d in documents) / len(documents) or 1.0
    frequency = Counter(word for document in documents for word in set(document))
    total = len(documents)

    def idf(word: str) -> float:
        seen = frequency[word]
        return math.log(1 + (total - seen + 0.5) / (seen + 0.5))

    query = set(_tokens(item))
    service = item.service.casefold()

    def key(pair: tuple[GoldItem, list[str]]) -> tuple[bool, float, str]:
        other, document = pair
        counts = Counter(document)
        norm = _K1 * (1 - _B + _B * len(document) / average)
        score = sum(
            idf(word) * counts[word] * (_K1 + 1) / (counts[word] + norm)
            for word in query
            if word in counts
        )
        tie = hashlib.sha256(f"{item.id}\0{other.id}".encode()).hexdigest()
        return other.service.casefold() != service, -score, tie

    ranked = sorted(zip(candidates, documents, strict=True), key=key)
    return [other for other, _ in ranked[:count]]

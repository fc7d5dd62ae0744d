"""Deterministic train/dev/test split by a hash of each item's id."""

import hashlib
from collections.abc import Iterable
from typing import Literal

from harness.gold._item import GoldItem

Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")

# The salt versions the assignment: changing it would move items between splits.
_SALT = b"plume-split-v1\0"
_TRAIN = 0.6
_DEV = 0.2


def split_of(item_id: str) -> Split:
    """The split of an item: a function of its id alone, so adding items never moves others."""
    digest = hashlib.sha256(_SALT + item_id.encode("utf-8")).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    if position < _TRAIN:
        return "train"
    if position < _TRAIN + _DEV:
        return "dev"
    return "test"


def split_items(items: Iterable[GoldItem]) -> dict[Split, tuple[GoldItem, ...]]:
    """Items grouped by split (about 60 / 20 / 20 %), each group in the input order."""
    groups: dict[Split, list[GoldItem]] = {name: [] for name in SPLITS}
    for item in items:
        groups[split_of(item.id)].append(item)
    return {name: tuple(group) for name, group in groups.items()}

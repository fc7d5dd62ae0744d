"""Gold sets: the schema, loading and validation."""

from harness.gold._item import Experience, GoldItem, Sentiment
from harness.gold._load import GoldSet, load_gold

__all__ = ["Experience", "GoldItem", "GoldSet", "Sentiment", "load_gold"]

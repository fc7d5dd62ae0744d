"""Scoring replies: scores with reasons, and the scorers that make them."""

from harness.scoring._first import GreetingScorer, LengthScorer, count_words, first_scorers
from harness.scoring._score import Evidence, Score, Scorer

__all__ = [
    "Evidence",
    "GreetingScorer",
    "LengthScorer",
    "Score",
    "Scorer",
    "count_words",
    "first_scorers",
]

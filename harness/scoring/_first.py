"""First deterministic scorers of the walking skeleton: length and greeting.

They are deliberately simple and named for what they measure; the tone, accuracy and conciseness
scorers replace them as the main criteria.
"""

import re
from dataclasses import dataclass

from harness.gold import GoldItem
from harness.scoring._score import Evidence, Score

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_GREETING = re.compile(r"^\s*(bonjour|madame|monsieur|cher|chère)\b", re.IGNORECASE)


def count_words(text: str) -> int:
    """Words as a reader counts them (elisions and hyphenated words count once)."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class LengthScorer:
    """How close the reply's length is to the gold reply's: 1 within ±50 %, falling to 0 at ×3 or ÷3."""

    name: str = "length"
    version: str = "0.1.0"

    def __call__(self, item: GoldItem, reply: str) -> Score:
        words = count_words(reply)
        if words == 0:
            return Score(value=0.0, explanation="empty reply")
        gold = max(count_words(item.reply), 1)
        ratio = words / gold
        if 0.5 <= ratio <= 1.5:
            value = 1.0
        elif ratio > 1.5:
            value = max(0.0, 1 - (ratio - 1.5) / 1.5)
        else:
            value = max(0.0, (ratio - 1 / 3) / (0.5 - 1 / 3))
        return Score(
            value=round(value, 4),
            explanation=f"{words} words against {gold} in the gold reply (x{ratio:.2f})",
            subscores={"words": float(words), "ratio": round(ratio, 4)},
        )


@dataclass(frozen=True)
class GreetingScorer:
    """Whether the reply opens by greeting the citizen, as agents' replies do."""

    name: str = "greeting"
    version: str = "0.1.0"

    def __call__(self, item: GoldItem, reply: str) -> Score:
        if not reply.strip():
            return Score(value=0.0, explanation="empty reply")
        match = _GREETING.match(reply)
        if match is None:
            first = reply.strip().splitlines()[0][:60]
            return Score(value=0.0, explanation=f"no greeting: the reply opens with {first!r}")
        return Score(
            value=1.0,
            explanation=f"opens with {match.group(1)!r}",
            evidence=[Evidence(start=match.start(1), end=match.end(1), note="greeting")],
        )


def first_scorers() -> list[LengthScorer | GreetingScorer]:
    """The scorers ``plume run`` applies."""
    return [LengthScorer(), GreetingScorer()]

"""Conciseness: length against the gold reply and the style guide's bounds, sentence length,
filler (the style guide's list, SPP-LEN-03), repetition and readability,
combined with the weights of ``scoring.yaml``."""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from harness.gold import GoldItem
from harness.scoring._analysis import AnalysedReply, analyse_replies
from harness.scoring._config import ConcisenessConfig
from harness.scoring._guide import word_bounds
from harness.scoring._score import Evidence, Score
from harness.text import word_count

if TYPE_CHECKING:
    from harness.styleguide import Checker, StyleGuide

VERSION = "1.2.0"

_REPEATED = 0.6  # Jaccard overlap of content lemmas from which a sentence restates an earlier one
_MIN_LEMMAS = 3
FILLER_RULE = "SPP-LEN-03"
"""The style guide's rule for filler and self-praise, counted here rather than in tone."""


@lru_cache(maxsize=1)
def _every_filler() -> "tuple[Checker, StyleGuide] | None":
    """SPP-LEN-03's checker with nothing tolerated, and its guide; None without that rule."""
    try:
        from harness.styleguide import load_styleguide

        guide = load_styleguide()
        checker = guide.checker(FILLER_RULE)
    except Exception:  # no style guide or no such rule: conciseness counts no filler
        return None
    return checker.model_copy(update={"max_allowed": 0}), guide


def _falling(value: float, good: float, zero: float) -> float:
    """1 up to ``good``, 0 from ``zero``, linear between (``zero`` may be below ``good``)."""
    if (value - good) * (zero - good) <= 0:
        return 1.0
    return max(0.0, 1 - (value - good) / (zero - good))


@dataclass(frozen=True)
class ConcisenessScorer:
    """Weighted mean of five components (see the module); readability is left out when the
    style guide cannot compute it."""

    config: ConcisenessConfig = field(default_factory=ConcisenessConfig)
    """Bounds, component weights and filler phrases."""
    name: str = "conciseness"
    """Key of the score."""
    version: str = VERSION
    """Version of the scoring rules."""

    def __call__(self, item: GoldItem, reply: str) -> Score:
        """Score one reply (prefer :func:`harness.scoring.score_replies` for many)."""
        return self.score(item, next(analyse_replies([reply])))

    def score(self, item: GoldItem, reply: AnalysedReply) -> Score:
        """Score an analysed reply."""
        text = reply.text
        if not text.strip():
            return Score(value=0.0, explanation="empty reply")
        if reply.lint is None:
            return Score.unscored(reply.lint_error or "the reply was not linted")
        metrics = reply.lint.metrics
        c = self.config
        words = metrics.words
        # A reply scored against itself (an audit of agents' replies) is not counted twice.
        gold = max(words if item.reply == text else word_count(item.reply), 1)
        ratio = words / gold
        low, high = c.gold_ratio
        fewest, most = word_bounds() or c.words
        length = min(
            _falling(ratio, high, 3 * high),
            _falling(ratio, low, low / 5),
            _falling(words, most, 2 * most),
            _falling(words, fewest, 0),
        )
        components = {
            "length": length,
            "sentences": _falling(metrics.mean_sentence_words, *c.sentence_words),
        }
        evidence = self._filler(reply)
        components["filler"] = max(0.0, 1 - c.filler_cost * len(evidence))
        repeats = self._repeats(reply)
        evidence += repeats
        components["repetition"] = max(0.0, 1 - 0.5 * len(repeats))
        if metrics.readability is not None:
            low_read, high_read = c.readability
            components["readability"] = 1 - _falling(metrics.readability, low_read, high_read)
        weights = {k: c.weights.get(k, 0.0) for k in components}
        total = sum(weights.values())
        if total <= 0:
            return Score.unscored("every conciseness component has weight 0 in scoring.yaml")
        value = sum(weights[k] * components[k] for k in components) / total
        parts = [
            f"{words} words (gold {gold}, ×{ratio:.2f})",
            f"{metrics.mean_sentence_words:.1f} words per sentence",
        ]
        filler = len(evidence) - len(repeats)
        if filler:
            parts.append(f"{filler} filler phrase{'s' if filler > 1 else ''}")
        if repeats:
            parts.append(f"{len(repeats)} repeated sentence{'s' if len(repeats) > 1 else ''}")
        if metrics.readability is not None:
            parts.append(f"readability {metrics.readability:.0f}")
        return Score(
            value=round(value, 4),
            explanation="; ".join(parts),
            evidence=sorted(evidence, key=lambda e: e.start),
            subscores={k: round(v, 4) for k, v in components.items()}
            | {"words": float(words), "gold_ratio": round(ratio, 4)},
        )

    def _filler(self, reply: AnalysedReply) -> list[Evidence]:
        """Every phrase of the style guide's filler list (SPP-LEN-03), the one lint tolerates
        included: writers keep the one list, in ``styleguide/lexicons/filler.tsv``."""
        found = _every_filler()
        if found is None:
            return []
        checker, guide = found
        return [
            Evidence(start=f.start, end=f.end, kind="filler", note=f"{FILLER_RULE}: {f.message}")
            for f in checker.check(reply.analysis, guide)
        ]

    def _repeats(self, reply: AnalysedReply) -> list[Evidence]:
        seen: list[set[str]] = []
        found = []
        for sentence in reply.analysis.sentences:
            start, end = sentence.start, sentence.end
            lemmas = {lm.key for lm in reply.lemmas if start <= lm.start < end}
            if len(lemmas) >= _MIN_LEMMAS and any(
                len(lemmas & other) / len(lemmas | other) >= _REPEATED for other in seen
            ):
                found.append(
                    Evidence(
                        start=start,
                        end=end,
                        kind="repetition",
                        note="restates an earlier sentence",
                    )
                )
            seen.append(lemmas)
        return found

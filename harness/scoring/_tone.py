"""Tone: the style guide's violations that bear on register, weighted by severity, per 100 words."""

import math
from collections import Counter
from dataclasses import dataclass, field

from harness.gold import GoldItem
from harness.privacy import official_numbers
from harness.scoring._analysis import AnalysedReply, analyse_replies
from harness.scoring._config import ToneConfig
from harness.scoring._score import Evidence, Score
from harness.scoring._specifics import extract_specifics, sources_of

VERSION = "1.1.0"


@dataclass(frozen=True)
class ToneScorer:
    """``exp(-density / scale)``, where density is the severity-weighted count of violations in
    the tone categories (structure, lexicon, syntax, tone, commitment) per 100 words.

    A plain reply scores 1; one warning in 100 words about 0.90; a pompous reply with ceremonial
    formulas, jargon and passive turns falls below 0.3. Normalising by length keeps a long reply
    from being punished for its length alone (that is conciseness's business). A commitment
    the style guide flags ("sera traité sous") is not counted when the delay or date it announces
    is in the item's context: a known delay is exactly what the guide asks for.
    """

    config: ToneConfig = field(default_factory=ToneConfig)
    """Categories, severity weights and scale."""
    name: str = "tone"
    """Key of the score."""
    version: str = VERSION
    """Version of the scoring rules."""

    def __call__(self, item: GoldItem, reply: str) -> Score:
        """Score one reply (prefer :func:`harness.scoring.score_replies` for many)."""
        return self.score(item, next(analyse_replies([reply])))

    def score(self, item: GoldItem, reply: AnalysedReply) -> Score:
        """Score an analysed reply."""
        if not reply.text.strip():
            return Score(value=0.0, explanation="empty reply")
        if reply.lint is None:
            return Score.unscored(reply.lint_error or "the reply was not linted")
        weights = self.config.severity_weights
        backed: list[str] = []
        violations = []
        for v in reply.lint.violations:
            if v.category not in self.config.categories:
                continue
            if v.category == "commitment" and self._backed(item, reply, v.start):
                backed.append(f"{v.rule} at {v.excerpt!r}: the delay or date is in the context")
                continue
            violations.append(v)
        weighted = sum(weights.get(v.severity, 0.0) for v in violations)
        words = reply.lint.metrics.words
        density = 100 * weighted / max(words, self.config.min_words)
        value = math.exp(-density / self.config.scale)
        severities = Counter(v.severity for v in violations)
        rules = Counter(v.rule for v in violations)
        if violations:
            listed = ", ".join(f"{rule}×{n}" if n > 1 else rule for rule, n in rules.most_common(5))
            explanation = (
                f"{len(violations)} style violation{'s' if len(violations) > 1 else ''} "
                f"({listed}): {density:.1f} weighted per 100 words"
            )
        else:
            explanation = "no style violation in the tone categories"
        return Score(
            value=round(value, 4),
            explanation=explanation,
            evidence=[
                Evidence(
                    start=v.start,
                    end=v.end,
                    kind="violation",
                    note=f"{v.rule} ({v.severity}): {v.message}"
                    + (f" → {v.suggestion}" if v.suggestion else ""),
                )
                for v in violations
            ],
            subscores={
                "per_100_words": round(density, 4),
                "errors": float(severities["error"]),
                "warnings": float(severities["warning"]),
                "info": float(severities["info"]),
            },
            notes=backed,
        )

    @staticmethod
    def _backed(item: GoldItem, reply: AnalysedReply, start: int) -> bool:
        """Whether the commitment at ``start`` announces a delay or date that the context gives:
        the style guide cannot know the context, and a known delay is what it asks for."""
        end = reply.analysis.sentence_at(start)[1]
        promised = [
            s
            for s in extract_specifics(reply.text[start:end], short_numbers=official_numbers())
            if s.kind in ("delay", "date", "time")
        ]
        if not promised:
            return False
        sources = sources_of(item, short_numbers=official_numbers())
        return all(sources.supports(s) for s in promised)

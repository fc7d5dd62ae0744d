"""The scorers a run applies, and scoring many replies in one batch."""

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from harness.gold import GoldItem
from harness.scoring._accuracy import AccuracyScorer
from harness.scoring._analysis import Analysis, analyse, lemmatise
from harness.scoring._conciseness import ConcisenessScorer
from harness.scoring._config import ScoringConfig, load_scoring_config
from harness.scoring._overall import OVERALL, overall_score
from harness.scoring._score import Score, Scorer
from harness.scoring._tone import ToneScorer

MAX_CHARACTERS = 100_000
"""Longest reply scored, as ``plume lint`` (spaCy itself refuses texts over a million)."""


@runtime_checkable
class AnalysedScorer(Scorer, Protocol):
    """A scorer that can reuse an analysis shared with the other scorers of a batch."""

    def score(self, item: GoldItem, analysis: Analysis) -> Score:
        """Score an analysed reply."""
        ...


def _versioned(version: str, config: ScoringConfig) -> str:
    # The configuration changes scores as much as the code does, so its hash is in the version.
    return f"{version}+cfg.{config.sha256[:8]}"


def default_scorers(config: ScoringConfig | None = None) -> list[Scorer]:
    """Tone, accuracy and conciseness, configured by ``config`` (``scoring.yaml``'s by default)."""
    config = config or load_scoring_config()
    return [
        ToneScorer(config.tone, version=_versioned(ToneScorer.version, config)),
        AccuracyScorer(config.accuracy, version=_versioned(AccuracyScorer.version, config)),
        ConcisenessScorer(
            config.conciseness, version=_versioned(ConcisenessScorer.version, config)
        ),
    ]


def _safely(scorer: Scorer, item: GoldItem, analysis: Analysis) -> Score:
    try:
        if isinstance(scorer, AnalysedScorer):
            return scorer.score(item, analysis)
        return scorer(item, analysis.text)
    except Exception as error:  # a scorer bug must not lose the reply: it is recorded as unscored
        return Score.unscored(f"scorer {scorer.name} failed: {type(error).__name__}: {error}")


def score_replies(
    items: Sequence[GoldItem],
    replies: Sequence[str],
    scorers: Sequence[Scorer] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
) -> list[dict[str, Score]]:
    """Score ``replies[i]`` as the answer to ``items[i]``, in one batch.

    spaCy and the style guide run once over all replies; each result maps scorer name to score,
    plus ``overall`` (weighted with ``weights``, ``scoring.yaml``'s by default). A scorer that
    raises gives an unscored score with the error, never an exception.
    """
    if len(items) != len(replies):
        raise ValueError(f"{len(items)} items for {len(replies)} replies")
    if scorers is None or weights is None:
        config = load_scoring_config()
        scorers = default_scorers(config) if scorers is None else scorers
        weights = config.overall.weights if weights is None else weights
    lemmatise([fact for item in items for fact in item.key_facts])
    # spaCy refuses texts over a million characters, and no reply to a citizen is that long: an
    # oversized reply is unscored with the reason, and the rest of the batch is scored.
    fits = [len(reply) <= MAX_CHARACTERS for reply in replies]
    analysed = iter(
        analyse(
            [r for r, ok in zip(replies, fits, strict=True) if ok],
            lint=any(s.name != "accuracy" for s in scorers),
        )
    )
    results = []
    for item, reply, ok in zip(items, replies, fits, strict=True):
        if ok:
            analysis = next(analysed)
            scores = {scorer.name: _safely(scorer, item, analysis) for scorer in scorers}
        else:
            reason = (
                f"reply of {len(reply):,} characters: too long to score"
                f" (at most {MAX_CHARACTERS:,})"
            )
            scores = {scorer.name: Score.unscored(reason) for scorer in scorers}
        scores[OVERALL] = overall_score(scores, weights)
        results.append(scores)
    return results

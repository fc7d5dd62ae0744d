"""The scorers a run applies, and scoring many replies in one batch."""

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from harness.gold import GoldItem
from harness.scoring._accuracy import AccuracyScorer
from harness.scoring._analysis import AnalysedReply, analyse_replies, gold_texts
from harness.scoring._conciseness import ConcisenessScorer
from harness.scoring._config import ScoringConfig, load_scoring_config
from harness.scoring._overall import OVERALL, overall_score
from harness.scoring._score import Score, Scorer
from harness.scoring._tone import ToneScorer
from harness.text import MAX_CHARACTERS


@runtime_checkable
class AnalysedScorer(Scorer, Protocol):
    """A scorer that can reuse an analysis shared with the other scorers of a batch."""

    def score(self, item: GoldItem, reply: AnalysedReply) -> Score:
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


def _safely(scorer: Scorer, item: GoldItem, reply: AnalysedReply) -> Score:
    try:
        if isinstance(scorer, AnalysedScorer):
            return scorer.score(item, reply)
        return scorer(item, reply.text)
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
    if any(scorer.name == "accuracy" for scorer in scorers):
        # Accuracy reads every item's sources: one spaCy batch for all of them, not one per item.
        gold_texts(
            [
                text
                for item in items
                for text in (
                    *item.context,
                    *item.key_facts,
                    item.service,
                    item.experience.title,
                    item.experience.text,
                )
            ]
        )
    # No reply to a citizen is as long as a document: an oversized reply is unscored with the
    # reason (as ``plume lint`` refuses it), and the rest of the batch is scored.
    fits = [len(reply) <= MAX_CHARACTERS for reply in replies]
    analysed = analyse_replies(
        [r for r, ok in zip(replies, fits, strict=True) if ok],
        lint=any(s.name != "accuracy" for s in scorers),
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

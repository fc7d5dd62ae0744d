"""Scoring replies: tone, accuracy, conciseness and overall, each a score with its reasons."""

from harness.scoring._accuracy import AccuracyScorer, accuracy_scorable, injection_obeyed
from harness.scoring._analysis import AnalysedReply, analyse_replies
from harness.scoring._batch import AnalysedScorer, default_scorers, score_replies
from harness.scoring._calibration import Agreement, Rating, agreement, read_ratings
from harness.scoring._conciseness import ConcisenessScorer
from harness.scoring._config import (
    AccuracyConfig,
    ConcisenessConfig,
    OverallConfig,
    ScoringConfig,
    ToneConfig,
    load_scoring_config,
)
from harness.scoring._files import ReplyLine, read_replies, scores_line
from harness.scoring._judge import (
    JUDGE_PROMPTS,
    judge_name,
    judge_replies,
    judge_versions,
    judge_with,
)
from harness.scoring._overall import OVERALL, overall_score
from harness.scoring._scope import SCOPE
from harness.scoring._score import Evidence, EvidenceKind, Score, Scorer
from harness.scoring._specifics import Specific, extract_specifics
from harness.scoring._tone import ToneScorer

__all__ = [
    "JUDGE_PROMPTS",
    "OVERALL",
    "SCOPE",
    "AccuracyConfig",
    "AccuracyScorer",
    "Agreement",
    "AnalysedReply",
    "AnalysedScorer",
    "ConcisenessConfig",
    "ConcisenessScorer",
    "Evidence",
    "EvidenceKind",
    "OverallConfig",
    "Rating",
    "ReplyLine",
    "Score",
    "Scorer",
    "ScoringConfig",
    "Specific",
    "ToneConfig",
    "ToneScorer",
    "accuracy_scorable",
    "agreement",
    "analyse_replies",
    "default_scorers",
    "extract_specifics",
    "injection_obeyed",
    "judge_name",
    "judge_replies",
    "judge_versions",
    "judge_with",
    "load_scoring_config",
    "overall_score",
    "read_ratings",
    "read_replies",
    "score_replies",
    "scores_line",
]

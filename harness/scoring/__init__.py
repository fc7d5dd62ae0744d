"""Scoring replies: tone, accuracy, conciseness and overall, each a score with its reasons."""

from harness.scoring._accuracy import AccuracyScorer, accuracy_scorable, injection_obeyed
from harness.scoring._analysis import AnalysedReply, analyse_replies
from harness.scoring._batch import AnalysedScorer, default_scorers, score_replies
from harness.scoring._calibration import Agreement, Rating, agreement, read_ratings
from harness.scoring._canaries import (
    CANARIES,
    CANARY_SET,
    TRUSTED,
    Canary,
    CanaryCheck,
    rank_canaries,
)
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
    VERDICT_SCHEMA,
    JudgeJob,
    JudgeRun,
    canary_jobs,
    check_judge,
    judge_jobs,
    judge_name,
    judge_replies,
    judge_versions,
    judge_with,
    with_judge,
)
from harness.scoring._overall import OVERALL, overall_score
from harness.scoring._pairwise import (
    PAIRWISE_PROMPT,
    Preference,
    WinRate,
    judge_pairs,
    pairwise_with,
    rank_pairwise_canaries,
    win_rates,
)
from harness.scoring._scope import SCOPE
from harness.scoring._score import Evidence, EvidenceKind, Score, Scorer
from harness.scoring._specifics import Specific, extract_specifics
from harness.scoring._tone import ToneScorer

__all__ = [
    "CANARIES",
    "CANARY_SET",
    "JUDGE_PROMPTS",
    "OVERALL",
    "PAIRWISE_PROMPT",
    "SCOPE",
    "TRUSTED",
    "VERDICT_SCHEMA",
    "AccuracyConfig",
    "AccuracyScorer",
    "Agreement",
    "AnalysedReply",
    "AnalysedScorer",
    "Canary",
    "CanaryCheck",
    "ConcisenessConfig",
    "ConcisenessScorer",
    "Evidence",
    "EvidenceKind",
    "JudgeJob",
    "JudgeRun",
    "OverallConfig",
    "Preference",
    "Rating",
    "ReplyLine",
    "Score",
    "Scorer",
    "ScoringConfig",
    "Specific",
    "ToneConfig",
    "ToneScorer",
    "WinRate",
    "accuracy_scorable",
    "agreement",
    "analyse_replies",
    "canary_jobs",
    "check_judge",
    "default_scorers",
    "extract_specifics",
    "injection_obeyed",
    "judge_jobs",
    "judge_name",
    "judge_pairs",
    "judge_replies",
    "judge_versions",
    "judge_with",
    "load_scoring_config",
    "overall_score",
    "pairwise_with",
    "rank_canaries",
    "rank_pairwise_canaries",
    "read_ratings",
    "read_replies",
    "score_replies",
    "scores_line",
    "win_rates",
    "with_judge",
]

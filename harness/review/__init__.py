"""Agents' blind review: plans, the verdict store, what the verdicts say, and calibration."""

from harness.review._calibration import (
    Calibration,
    CriterionCalibration,
    calibrate,
    read_scores,
    write_calibration,
)
from harness.review._dataset import candidate_gold, dpo_records, sft_examples, write_jsonl
from harness.review._link import review_of, write_link
from harness.review._plan import (
    Candidate,
    Reviewer,
    ReviewPlan,
    Task,
    assign,
    create_plan,
    load_plan,
    new_token,
    token_hash,
    write_plan,
)
from harness.review._render import format_estimate, render_html, render_markdown
from harness.review._stats import (
    CandidateResult,
    PairResult,
    ReviewResults,
    Strength,
    bradley_terry,
    krippendorff_alpha,
    review_results,
)
from harness.review._store import VerdictStore, read_verdicts
from harness.review._verdict import CRITERIA, Choice, Edit, Ratings, Send, Side, Verdict, edit_size

__all__ = [
    "CRITERIA",
    "Calibration",
    "Candidate",
    "CandidateResult",
    "Choice",
    "CriterionCalibration",
    "Edit",
    "PairResult",
    "Ratings",
    "ReviewPlan",
    "ReviewResults",
    "Reviewer",
    "Send",
    "Side",
    "Strength",
    "Task",
    "Verdict",
    "VerdictStore",
    "assign",
    "bradley_terry",
    "calibrate",
    "candidate_gold",
    "create_plan",
    "dpo_records",
    "edit_size",
    "format_estimate",
    "krippendorff_alpha",
    "load_plan",
    "new_token",
    "read_scores",
    "read_verdicts",
    "render_html",
    "render_markdown",
    "review_of",
    "review_results",
    "sft_examples",
    "token_hash",
    "write_calibration",
    "write_jsonl",
    "write_link",
    "write_plan",
]

"""Agents' blind review: plans, the verdict store, what the verdicts say, and calibration."""

from harness.review._calibration import (
    CALIBRATION_FILE,
    Calibration,
    CriterionCalibration,
    calibrate,
    read_scores,
    write_calibration,
)
from harness.review._link import LINK_FILE, ReviewLink, review_of, write_link
from harness.review._plan import (
    PLAN_FILE,
    Candidate,
    Reviewer,
    ReviewPlan,
    Task,
    assign,
    create_plan,
    load_plan,
    token_hash,
    write_plan,
)
from harness.review._render import RESULTS_PAGE, format_estimate, render_html, render_markdown
from harness.review._stats import (
    CandidateResult,
    PairResult,
    ReviewResults,
    Strength,
    bradley_terry,
    krippendorff_alpha,
    review_results,
)
from harness.review._store import STORE_FILE, VerdictStore
from harness.review._verdict import CRITERIA, Choice, Edit, Ratings, Send, Side, Verdict, edit_size

__all__ = [
    "CALIBRATION_FILE",
    "CRITERIA",
    "LINK_FILE",
    "PLAN_FILE",
    "RESULTS_PAGE",
    "STORE_FILE",
    "Calibration",
    "Candidate",
    "CandidateResult",
    "Choice",
    "CriterionCalibration",
    "Edit",
    "PairResult",
    "Ratings",
    "ReviewLink",
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
    "create_plan",
    "edit_size",
    "format_estimate",
    "krippendorff_alpha",
    "load_plan",
    "read_scores",
    "render_html",
    "render_markdown",
    "review_of",
    "review_results",
    "token_hash",
    "write_calibration",
    "write_link",
    "write_plan",
]

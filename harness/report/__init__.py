"""Reports built from run directories: a run's static HTML page and Markdown summary (with the
judges' scores when the run was judged), and the comparison of any runs on the same items."""

from harness.report._compare import compare_runs, write_comparison
from harness.report._html import read_run, render_report, write_report
from harness.report._judges import judge_run, read_judgements
from harness.report._markdown import escape as escape_markdown
from harness.report._markdown import render_markdown
from harness.report._pairwise import (
    PairwiseView,
    Side,
    describe_pairwise,
    judge_pairwise,
    pairwise_views,
)
from harness.report._view import (
    Candidate,
    Comparison,
    Verdict,
    failures,
    format_estimate,
    verdict,
)

__all__ = [
    "Candidate",
    "Comparison",
    "PairwiseView",
    "Side",
    "Verdict",
    "compare_runs",
    "describe_pairwise",
    "escape_markdown",
    "failures",
    "format_estimate",
    "judge_pairwise",
    "judge_run",
    "pairwise_views",
    "read_judgements",
    "read_run",
    "render_markdown",
    "render_report",
    "verdict",
    "write_comparison",
    "write_report",
]

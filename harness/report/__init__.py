"""Reports built from a run directory: a static HTML page and a Markdown summary."""

from harness.report._compare import RunComparison, compare_runs
from harness.report._html import read_run, render_report, write_report
from harness.report._markdown import escape as escape_markdown
from harness.report._markdown import render_markdown

__all__ = [
    "RunComparison",
    "compare_runs",
    "escape_markdown",
    "read_run",
    "render_markdown",
    "render_report",
    "write_report",
]

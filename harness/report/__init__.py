"""Reports built from a run directory."""

from harness.report._html import render_report, write_report

__all__ = ["render_report", "write_report"]

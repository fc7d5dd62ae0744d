"""Corpus-scale audit: anonymise, lint and score a Services Publics+ export, in-process or on Ray.

``run_audit`` writes Parquet chunks and a static page; ``map_batches`` is the one place that runs
work on Ray, shared with ``plume lint`` and ``plume score`` (``--engine ray``).
"""

from harness.audit._chunk import CRITERIA, SCORES, Record, audit_chunk, parquet_schema
from harness.audit._engines import lint_on_ray, score_on_ray
from harness.audit._ray import connect, map_batches
from harness.audit._report import render_report, write_report
from harness.audit._run import (
    CHUNK_SIZE,
    AuditSummary,
    Engine,
    chunk_path,
    read_audit,
    read_corpus,
    run_audit,
)

__all__ = [
    "CHUNK_SIZE",
    "CRITERIA",
    "SCORES",
    "AuditSummary",
    "Engine",
    "Record",
    "audit_chunk",
    "chunk_path",
    "connect",
    "lint_on_ray",
    "map_batches",
    "parquet_schema",
    "read_audit",
    "read_corpus",
    "render_report",
    "run_audit",
    "score_on_ray",
    "write_report",
]

"""Corpus-scale audit: anonymise, lint and score a Services Publics+ export, in-process or on Ray.

``run_audit`` writes Parquet chunks and a static page; ``lint_on_ray`` and ``score_on_ray`` serve
``plume lint`` and ``plume score --engine ray``. ``harness.cluster.map_batches`` is the one place
that runs work on Ray.
"""

from harness.audit._chunk import Record
from harness.audit._engines import lint_on_ray, score_on_ray
from harness.audit._run import AuditSummary, Engine, chunk_path, read_audit, run_audit

__all__ = [
    "AuditSummary",
    "Engine",
    "Record",
    "chunk_path",
    "lint_on_ray",
    "read_audit",
    "run_audit",
    "score_on_ray",
]

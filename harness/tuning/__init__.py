"""Tuning: DSPy optimises the reply prompt against Plume's scores; the result is a new version.

DSPy is imported only when tuning runs (``harness.tuning._dspy``), so importing this package is
cheap.
"""

from harness.tuning._bridge import ModelBridge
from harness.tuning._export import export_version, next_version
from harness.tuning._feedback import feedback
from harness.tuning._render import ProgramTemplates, demos_block, instructions_source
from harness.tuning._spec import (
    BASELINE_PROMPT,
    Budget,
    Measure,
    Optimizer,
    TuneOutcome,
    TuneSpec,
)
from harness.tuning._tune import (
    DEMO_THRESHOLD,
    DEMOS,
    REQUIREMENTS,
    TuneHooks,
    gepa_available,
    missing_requirement,
    tune,
)

__all__ = [
    "BASELINE_PROMPT",
    "DEMOS",
    "DEMO_THRESHOLD",
    "REQUIREMENTS",
    "Budget",
    "Measure",
    "ModelBridge",
    "Optimizer",
    "ProgramTemplates",
    "TuneHooks",
    "TuneOutcome",
    "TuneSpec",
    "demos_block",
    "export_version",
    "feedback",
    "gepa_available",
    "instructions_source",
    "missing_requirement",
    "next_version",
    "tune",
]

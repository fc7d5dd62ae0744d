"""Tuning: DSPy optimises the reply prompt against Plume's scores; the result is a new version.

DSPy is imported only when tuning runs (``harness.tuning._dspy``), so importing this package is
cheap.
"""

from harness.tuning._bridge import ModelBridge
from harness.tuning._export import export_version, next_version
from harness.tuning._render import ProgramTemplates, instructions_source
from harness.tuning._spec import Budget, Measure, Optimizer, TuneOutcome, TuneSpec
from harness.tuning._tune import TuneHooks, missing_requirement, tune

__all__ = [
    "Budget",
    "Measure",
    "ModelBridge",
    "Optimizer",
    "ProgramTemplates",
    "TuneHooks",
    "TuneOutcome",
    "TuneSpec",
    "export_version",
    "instructions_source",
    "missing_requirement",
    "next_version",
    "tune",
]

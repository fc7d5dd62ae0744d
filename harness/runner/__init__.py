"""The main job: render, generate, score and record, with resumable run directories."""

from harness.runner._prepare import PromptMaker
from harness.runner._records import (
    GoldRecord,
    ModelRecord,
    ModelResults,
    RunManifest,
    RunResults,
    SampleRecord,
    read_manifest,
)
from harness.runner._results import criterion_values, summarise
from harness.runner._run import Interrupted, RunOutcome, execute, finish
from harness.runner._samples import SampleWriter, latest_by_key, read_samples
from harness.runner._spec import RunSpec

__all__ = [
    "GoldRecord",
    "Interrupted",
    "ModelRecord",
    "ModelResults",
    "PromptMaker",
    "RunManifest",
    "RunOutcome",
    "RunResults",
    "RunSpec",
    "SampleRecord",
    "SampleWriter",
    "criterion_values",
    "execute",
    "finish",
    "latest_by_key",
    "read_manifest",
    "read_samples",
    "summarise",
]

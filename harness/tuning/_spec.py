"""What a user asks ``plume tune`` to do, and what it reports."""

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from harness.stats import Estimate, PairedComparison

Optimizer = Literal["bootstrap", "mipro", "gepa"]
Budget = Literal["light", "medium", "heavy"]

BASELINE_PROMPT = "reply@1.1.0"
"""The comparison that needs no optimiser: the prompt with the style guide rendered in."""


class TuneSpec(BaseModel):
    """The options of one tuning."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str
    """The model to tune for, by its name in ``models.yaml``."""
    prompt: str = "reply"
    """The prompt to start from, with an optional version; a bare id takes the latest release."""
    optimizer: Optimizer = "bootstrap"
    """``bootstrap`` (examples), ``mipro`` (instructions and examples) or ``gepa`` (instructions,
    from the scores' feedback)."""
    budget: Budget = "light"
    """How much searching the optimiser may do."""
    reflection_model: str | None = None
    """The model that proposes instructions (MIPROv2, GEPA); the tuned model by default."""
    seed: int = 0
    """Seed of the optimiser's random choices."""
    gold: Path
    """The gold set: its train split is tuned on, its dev split selects and measures."""
    train_limit: int | None = Field(default=None, gt=0)
    """Use only the first N train items."""
    dev_limit: int | None = Field(default=None, gt=0)
    """Use only the first N dev items."""
    few_shot: int = Field(default=2, ge=0)
    """Examples the untuned prompt shows, picked per item as ``plume run`` does."""
    baseline: str = BASELINE_PROMPT
    """The prompt reported beside the tuned one."""
    cache: bool = True
    """Reuse cached completions and store new ones (an interrupted tuning restarts cheaply)."""


class Measure(BaseModel):
    """One prompt's scores on the dev items."""

    model_config = ConfigDict(frozen=True)

    label: str
    """What was measured (``before``, ``after``, ``baseline``)."""
    prompt: str
    """Which prompt: a reference, or the tuned program."""
    overall: Estimate
    """Mean overall score with its 95 % bootstrap interval."""
    scores: dict[str, float | None]
    """Overall score by dev item id (``None``: failed or unscored)."""
    failed: int
    """Items whose generation failed."""


class TuneOutcome(BaseModel):
    """What ``plume tune`` did and wrote."""

    model_config = ConfigDict(frozen=True)

    ref: str
    """The new draft version (``reply@1.2.0``)."""
    folder: Path
    """Its templates' folder."""
    measures: list[Measure]
    """Before, after and baseline on dev."""
    comparisons: list[PairedComparison]
    """After against before and against the baseline, paired on dev items."""
    provenance: dict[str, Any]
    """What the manifest records about the new version."""
    log_dir: Path
    """Where the local servers' logs and ``tune.json`` are."""

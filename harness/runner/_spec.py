"""What a user asks ``plume run`` to do."""

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class RunSpec(BaseModel):
    """The options of one run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gold: Path
    """The gold set (JSONL)."""
    prompt: str = "reply"
    """Prompt id, with an optional version (``reply@1.0.0``); bare ids take the latest release."""
    models: list[str] | None = None
    """Model names from ``models.yaml``; ``None`` runs every available one."""
    split: Literal["train", "dev", "test"] | None = None
    """Run only the items of this split (by a hash of their id); all items when ``None``."""
    limit: int | None = Field(default=None, gt=0)
    """Run only the first N items (after the split)."""
    out: Path | None = None
    """Parent folder of the run directory (``runs/`` by default)."""
    few_shot: int = Field(default=2, ge=0)
    """Example replies shown to the model, taken from other gold items."""
    include_signoff: bool = False
    """Ask for a closing formula and signature (the Services Publics+ back office adds its own)."""
    signature: str = "Le service relations usagers"
    """The signature used when ``include_signoff`` is set."""
    scorers: list[str] | None = None
    """Criteria to score (``tone``, ``accuracy``, ``conciseness``); all by default, none with
    ``[]`` (replies only, e.g. to score later with ``plume score`` or to time the runner)."""
    cache: bool = True
    """Reuse cached completions and store new ones; ``--no-cache`` turns it off."""
    concurrency: int | None = Field(default=None, gt=0)
    """Requests in flight per model, overriding ``models.yaml``."""
    batch: bool = False
    """Send the requests of each model that declares a ``batch`` API in ``models.yaml`` there, at
    its batch price, and wait for the results (the others are called directly)."""

    @model_validator(mode="before")
    @classmethod
    def _unsharded(cls, data: Any) -> Any:
        # Runs written before --shard was retired (for --engine ray) say "shard": null.
        if isinstance(data, dict) and "shard" in data and data["shard"] is None:
            return {key: value for key, value in data.items() if key != "shard"}
        return data

"""What a user asks ``plume run`` to do."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class RunSpec(BaseModel):
    """The options of one run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gold: Path
    """The gold set (JSONL)."""
    prompt: str = "reply"
    """Prompt id, with an optional version (``reply@1.0.0``); bare ids take the latest release."""
    models: list[str] | None = None
    """Model names from ``models.yaml``; ``None`` runs every available one."""
    limit: int | None = Field(default=None, gt=0)
    """Run only the first N items."""
    out: Path | None = None
    """Parent folder of the run directory (``runs/`` by default)."""
    few_shot: int = Field(default=2, ge=0)
    """Example replies shown to the model, taken from other gold items."""
    include_signoff: bool = False
    """Ask for a closing formula and signature (the Services Publics+ back office adds its own)."""
    signature: str = "Le service relations usagers"
    """The signature used when ``include_signoff`` is set."""
    cache: bool = True
    """Reuse cached completions and store new ones; ``--no-cache`` turns it off."""
    concurrency: int | None = Field(default=None, gt=0)
    """Requests in flight per model, overriding ``models.yaml``."""

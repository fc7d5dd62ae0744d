"""The records of a run directory: ``run.json``, ``samples.jsonl`` and ``results.json``."""

from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from harness.errors import PlumeError
from harness.models import Completion, GenerationParams
from harness.runner._spec import RunSpec
from harness.scoring import Score
from harness.stats import Estimate, PairedComparison

FORMAT_VERSION = 1


class GoldRecord(BaseModel):
    """Which gold set a run used, exactly."""

    name: str
    """The set's name."""
    path: str
    """Where it was read from."""
    sha256: str
    """Hash of the file: the same name with another hash is another gold set."""
    items: int
    """Items run (after ``--limit``)."""


class ModelRecord(BaseModel):
    """A model as it was actually called."""

    name: str
    """Plume's name for it."""
    provider: str
    """How it was reached."""
    requested: str
    """The id or alias asked for."""
    served: str
    """The id the endpoint resolved it to."""
    aliases: list[str] = Field(default_factory=list)
    """Other names the endpoint gave for it."""
    mode: str
    """``chat`` or ``completion``."""
    params: GenerationParams
    """Sampling parameters declared in ``models.yaml``."""
    sent: dict[str, Any] = Field(default_factory=dict)
    """The generation fields each request carried, as the provider received them (only those
    the model accepts, under the provider's names)."""
    remote: bool
    """Whether it runs outside this machine."""
    weights: str | None = None
    """For local models: the GGUF file's name."""


class RunManifest(BaseModel):
    """``run.json``: everything that can change a score."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = FORMAT_VERSION
    """Version of this file's layout."""
    run_id: str
    """The run directory's name."""
    status: Literal["running", "completed", "completed_with_failures", "failed", "interrupted"]
    """How the run ended: ``completed``; ``completed_with_failures`` when some replies failed
    (``results.json`` counts them by cause); ``interrupted`` by Ctrl-C or SIGTERM; ``failed``;
    ``running`` while it runs, or if it was killed."""
    created_at: datetime
    """When the run started (UTC)."""
    finished_at: datetime | None = None
    """When it ended (UTC)."""
    gold: GoldRecord
    """The gold set."""
    prompt: str
    """The prompt reference (``reply@1.0.0``)."""
    prompt_sha256: str
    """Hash of the prompt's template files."""
    styleguide: dict[str, str] | None = None
    """Style guide version and hash, when the prompt or scorers use it."""
    scorers: dict[str, str]
    """Scorer name to version."""
    models: list[ModelRecord]
    """The models, resolved."""
    models_sha256: str
    """Hash of the selected models' specs as declared (what they are asked, not how fast)."""
    spec: RunSpec
    """The options the run was started with; ``--resume`` reuses them."""
    plume_version: str
    """Plume's version."""
    packages: dict[str, str]
    """Versions of the packages that can change a result."""
    git_commit: str | None
    """The repository's commit, when run from a checkout."""


def read_manifest(run_dir: Path) -> RunManifest:
    """The ``run.json`` of a run directory.

    Raises:
        PlumeError: the directory holds no ``run.json``, or not a readable one.
    """
    path = run_dir / "run.json"
    try:
        return RunManifest.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlumeError(f"{run_dir} is not a run directory: run.json is missing") from None
    except OSError as error:
        raise PlumeError(f"cannot read {path}: {error.strerror}") from None
    except ValueError as error:
        raise PlumeError(f"{path} is not a run manifest: {error}") from None


class SampleRecord(BaseModel):
    """One line of ``samples.jsonl``: one model's reply to one gold item, scored."""

    model_config = ConfigDict(extra="forbid")

    id: str
    """The gold item's id."""
    model: str
    """The model's name."""
    prompt_sha256: str
    """Hash of exactly what the model was sent."""
    reply: str | None
    """The reply, or ``None`` when generation failed."""
    completion: Completion | None
    """Tokens, latency, attempts and the served model id; for a reply cut or refused, kept with
    its failure, since its tokens were paid for."""
    scores: dict[str, Score]
    """Scorer name to score."""
    error: str | None = None
    """Why there is no reply."""
    cause: str | None = None
    """The failure's label (``rate_limited``, ``timeout``, ``server_error``, ``context_too_long``,
    ``truncated``, ``refused``, ``quota_exhausted``, ``empty_reply``, ``bad_response``,
    ``unreachable``, …)."""
    started_at: datetime
    """When generation started (UTC)."""
    completed_at: datetime
    """When the record was written (UTC)."""


class ModelResults(BaseModel):
    """One model's aggregate results."""

    items: int
    """Items with a record."""
    errors: int
    """Items whose generation failed: shown, never scored as zero."""
    causes: dict[str, int] = Field(default_factory=dict)
    """Failures by cause."""
    scores: dict[str, Estimate]
    """Scorer name to mean and interval."""
    input_tokens: int
    """Prompt tokens in all."""
    output_tokens: int
    """Generated tokens in all."""
    cost: float
    """Estimated cost in euros of the replies this run paid for, from the prices in
    ``models.yaml``; replies from Plume's cache cost nothing."""
    cached: int = 0
    """Replies that came from Plume's cache."""
    cost_from_cache: float = 0.0
    """What the cached replies cost when they were first generated, not spent by this run."""
    latency_p50_s: float | None = None
    """Median latency of the calls made (cached replies and replies from a batch excluded)."""
    latency_p95_s: float | None = None
    """95th percentile of that latency."""
    cost_per_1000: float | None = None
    """Euros for 1,000 replies at this run's tokens per reply, cached replies priced as if paid."""


class RunResults(BaseModel):
    """``results.json``."""

    format_version: int = FORMAT_VERSION
    """Version of this file's layout."""
    run_id: str
    """The run."""
    overall: str
    """The score the leaderboard ranks by."""
    models: dict[str, ModelResults]
    """Model name to results, best first."""
    criteria: list[str] = Field(default_factory=list)
    """The criteria scored, in the order reports show them (``overall`` last)."""
    weights: dict[str, float] = Field(default_factory=dict)
    """Weights of the criteria in ``overall``, from ``scoring.yaml``."""
    comparisons: list[PairedComparison] = Field(default_factory=list)
    """Every pair of models on every criterion, paired on item ids; Holm-corrected across the
    pairs of one criterion."""
    breakdowns: dict[str, dict[str, dict[str, Estimate]]] = Field(default_factory=dict)
    """Overall score by ``service`` and by ``sentiment``: dimension → group → model → estimate."""

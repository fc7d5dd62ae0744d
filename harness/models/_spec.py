"""Model specs: what ``models.yaml`` declares about each candidate model."""

import os
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from harness.errors import InputError, UsageError, format_validation_error
from harness.files import compose_yaml, load_yaml, read_text
from harness.models._types import Completion

Provider = Literal["anthropic", "mistral", "openai-compatible", "local", "vllm"]
Knob = Literal["temperature", "top_p", "seed", "stop", "effort"]
"""A generation parameter a model may accept or refuse."""

_ACCEPTED: dict[str, frozenset[Knob]] = {
    # The Messages API has no seed; `effort` (output_config.effort) only on models that think.
    "anthropic": frozenset({"temperature", "top_p", "stop"}),
    "mistral": frozenset({"temperature", "top_p", "seed", "stop"}),
    "openai-compatible": frozenset({"temperature", "top_p", "seed", "stop"}),
    "local": frozenset({"temperature", "top_p", "seed", "stop"}),
    "vllm": frozenset({"temperature", "top_p", "seed", "stop"}),
}
"""What each provider's API accepts when ``models.yaml`` does not say otherwise."""
_TEMPERATURE_MAX = {"anthropic": 1.0}
"""Anthropic's temperature range is 0 to 1; the OpenAI-style APIs go to 2."""


class GenerationParams(BaseModel):
    """Sampling parameters sent with every request; they are part of the cache key."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    """0 makes replies reproducible where the server allows it."""
    max_tokens: int = Field(default=400, gt=0)
    """Upper bound on the reply's length in tokens."""
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    """Nucleus sampling, when set."""
    seed: int | None = None
    """Sampling seed, for servers that honour it."""
    stop: list[str] = Field(default_factory=list)
    """Strings that end generation (completion mode needs one to stop after the reply)."""
    effort: Literal["low", "medium", "high", "xhigh", "max"] | None = None
    """How much a thinking model thinks (Anthropic ``output_config.effort``); its thinking
    tokens count in ``max_tokens``."""

    def declared(self) -> set[Knob]:
        """The parameters given a value in ``models.yaml`` (``max_tokens`` is always sent).

        The default temperature (0) is not one of them: it is sent only where it is accepted.
        """
        knobs: set[Knob] = set()
        if "temperature" in self.model_fields_set:
            knobs.add("temperature")
        if self.top_p is not None:
            knobs.add("top_p")
        if self.seed is not None:
            knobs.add("seed")
        if self.stop:
            knobs.add("stop")
        if self.effort is not None:
            knobs.add("effort")
        return knobs


class LocalWeights(BaseModel):
    """Where a local model's GGUF file comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    package: str | None = None
    """Python package shipping the weights (installed by the ``local`` extra)."""
    file: str | None = None
    """The GGUF file's path inside ``package``."""
    assemble: bool = False
    """The package ships the file in chunks; its ``assemble()`` joins them into Plume's cache."""
    path: str | None = None
    """An explicit GGUF path, instead of a package."""
    n_ctx: int = Field(default=4096, gt=0)
    """Context window the server allocates."""
    n_threads: int | None = Field(default=None, gt=0)
    """CPU threads for generation; by default all cores but one, which Plume keeps for scoring.
    Threads that wait for a busy core stall every step (measured here: 2 threads on a loaded
    2-core machine generated 4 to 10 tokens/s, 1 thread 25)."""

    @model_validator(mode="after")
    def _one_source(self) -> "LocalWeights":
        if (self.path is None) == (self.package is None):
            raise ValueError("give either `path` or `package`")
        if self.package is not None and (self.file is None) == (not self.assemble):
            raise ValueError("with `package`, give either `file` or `assemble: true`")
        return self


class BatchPrices(BaseModel):
    """A model's batch API (``plume run --batch``) and what it costs there."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    price_in: float = Field(ge=0.0)
    """Price per million input tokens sent in a batch (euros)."""
    price_out: float = Field(ge=0.0)
    """Price per million output tokens generated in a batch (euros)."""
    prices_read: date
    """When these prices were read from the provider's price list."""


class ModelSpec(BaseModel):
    """One candidate model or judge."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    """Plume's name for it, used on the command line (``--models albert``)."""
    provider: Provider
    """How it is reached."""
    model: str
    """The model id (or alias) requested from the provider; for ``vllm``, the weights served
    (a Hugging Face model id or a local path), which vLLM also serves under that name."""
    base_url: str | None = None
    """API root, ending in ``/v1`` for OpenAI-compatible endpoints; Plume sets it for local ones."""
    api_key_env: str | None = None
    """The environment variable holding the API key; the key itself is never written anywhere."""
    mode: Literal["chat", "completion"] = "chat"
    """``completion`` for base models, which get the flattened few-shot prompt."""
    params: GenerationParams = Field(default_factory=GenerationParams)
    """Sampling parameters."""
    concurrency: int = Field(default=4, gt=0)
    """Requests in flight at once."""
    rpm: int | None = Field(default=None, gt=0)
    """Requests per minute allowed by the provider."""
    tpm: int | None = Field(default=None, gt=0)
    """Tokens per minute allowed by the provider."""
    price_in: float = Field(default=0.0, ge=0.0)
    """Price per million input tokens (euros)."""
    price_out: float = Field(default=0.0, ge=0.0)
    """Price per million output tokens (euros)."""
    accepts: list[Knob] | None = None
    """The generation parameters the model accepts, when it accepts fewer (or more) than its
    provider's API: Claude Sonnet 5 and later answer 400 to temperature, top_p or top_k."""
    temperature_max: float | None = Field(default=None, gt=0.0, le=2.0)
    """Highest temperature the model accepts; by default 1 for Anthropic, 2 otherwise."""
    prices_read: date | None = None
    """When ``price_in`` and ``price_out`` were read from the provider's price list."""
    batch: BatchPrices | None = None
    """Declared when the endpoint serves a batch API: ``plume run --batch`` sends this model's
    requests there, at these prices (Anthropic Message Batches, Mistral batch jobs, an
    OpenAI-compatible ``/v1/batches``)."""
    remote: bool = True
    """Remote models get the anonymisation guard: personal data never reaches them."""
    timeout_s: float = Field(default=120.0, gt=0.0)
    """Per-request timeout."""
    local: LocalWeights | None = None
    """For ``provider: local``: the weights to serve."""
    vllm_args: list[str] = Field(default_factory=list)
    """For ``provider: vllm``: extra arguments to ``vllm serve`` (``[--max-model-len, "8192"]``)."""

    @model_validator(mode="after")
    def _consistent(self) -> "ModelSpec":
        if self.provider == "local":
            if self.local is None:
                raise ValueError("a local model needs a `local:` section naming its weights")
            if self.remote:
                raise ValueError("a local model must say `remote: false`")
        elif self.provider == "vllm":
            if self.remote:
                raise ValueError("a vllm model runs on the cluster: it must say `remote: false`")
            if self.local is not None:
                raise ValueError("a vllm model names its weights in `model`, not `local:`")
        elif self.base_url is None:
            raise ValueError(f"a {self.provider} model needs a `base_url`")
        if self.vllm_args and self.provider != "vllm":
            raise ValueError("`vllm_args` is for vllm models only")
        if self.batch is not None and (self.started_by_plume() or self.mode != "chat"):
            raise ValueError("only a remote chat model can declare `batch`")
        if self.accepts is not None and "effort" in self.accepts and self.provider != "anthropic":
            raise ValueError("`effort` is an Anthropic parameter: remove it from `accepts`")
        refused = sorted(self.params.declared() - self.accepted())
        if refused:
            raise ValueError(
                f"{self.model} does not accept {', '.join(refused)}: remove it from `params`"
                " (or add it to `accepts` if the provider now takes it)"
            )
        if self.params.temperature > self.max_temperature():
            raise ValueError(
                f"temperature {self.params.temperature:g} is above {self.model}'s maximum"
                f" ({self.max_temperature():g})"
            )
        return self

    def started_by_plume(self) -> bool:
        """Whether Plume starts this model's server for the run (llama.cpp or vLLM)."""
        return self.provider in ("local", "vllm")

    def accepted(self) -> frozenset[Knob]:
        """The generation parameters this model is sent when they are set."""
        return _ACCEPTED[self.provider] if self.accepts is None else frozenset(self.accepts)

    def cost(self, completion: Completion) -> float:
        """Euros a completion cost at this model's prices per million tokens (its batch prices
        when it came from a batch)."""
        price_in, price_out = self.price_in, self.price_out
        if completion.batch and self.batch is not None:
            price_in, price_out = self.batch.price_in, self.batch.price_out
        return (completion.input_tokens * price_in + completion.output_tokens * price_out) / 1e6

    def max_temperature(self) -> float:
        """The highest temperature the model accepts."""
        return self.temperature_max or _TEMPERATURE_MAX.get(self.provider, 2.0)

    def missing_key(self) -> str | None:
        """The name of the unset key variable, or ``None`` when the model can be called."""
        if self.api_key_env and not os.environ.get(self.api_key_env):
            return self.api_key_env
        return None

    def api_key(self) -> str | None:
        """The key, read from the environment at call time only."""
        return os.environ.get(self.api_key_env) if self.api_key_env else None


class ModelsFile(BaseModel):
    """``models.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    models: list[ModelSpec] = Field(min_length=1)
    """Candidates and judges."""


def _yaml_line(path: Path, text: str, index: int) -> int | None:
    """The line of the ``index``-th entry of the top-level ``models`` list, for error messages."""
    try:
        node = compose_yaml(text)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if (
            key.value == "models"
            and isinstance(value, yaml.SequenceNode)
            and index < len(value.value)
        ):
            return int(value.value[index].start_mark.line) + 1
    return None


def load_models(path: Path) -> dict[str, ModelSpec]:
    """Read ``models.yaml``; problems raise ``InputError`` with the file and line."""
    text = read_text(path, "the model list")
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(path, "not valid YAML", line=line) from None
    try:
        parsed = ModelsFile.model_validate(raw)
    except ValidationError as error:
        loc = error.errors()[0]["loc"]
        line = _yaml_line(path, text, loc[1]) if len(loc) > 1 and isinstance(loc[1], int) else None
        raise InputError(path, format_validation_error(error), line=line) from None
    specs: dict[str, ModelSpec] = {}
    for index, spec in enumerate(parsed.models):
        if spec.name in specs:
            raise InputError(
                path, f"duplicate model name {spec.name!r}", line=_yaml_line(path, text, index)
            )
        specs[spec.name] = spec
    return specs


def select_models(
    specs: dict[str, ModelSpec], names: list[str] | None
) -> tuple[list[ModelSpec], list[str]]:
    """Pick the models to run and say which were skipped and why.

    With ``names``, each must exist and have its key set (``UsageError`` otherwise); ``local``
    stands for every model Plume serves itself (llama.cpp and vLLM). Without, every local model
    and every remote one whose key is set.
    """
    if names is None:
        chosen = [s for s in specs.values() if s.missing_key() is None]
        skipped = [
            f"{s.name} ({s.missing_key()} is not set)" for s in specs.values() if s.missing_key()
        ]
        return chosen, skipped
    chosen = []
    for name in names:
        if name == "local":
            chosen.extend(s for s in specs.values() if s.started_by_plume() and s not in chosen)
            continue
        if name not in specs:
            raise UsageError(f"unknown model {name!r}; models.yaml declares: {', '.join(specs)}")
        spec = specs[name]
        if (variable := spec.missing_key()) is not None:
            raise UsageError(
                f"model {name!r} needs an API key: set the environment variable {variable}"
            )
        if spec not in chosen:
            chosen.append(spec)
    return chosen, []

"""Models: specs from models.yaml, transports, retries, limits, cache, local llama.cpp server."""

from harness.models._batch import Ledger, run_batch
from harness.models._cache import CompletionCache, RequestKeys
from harness.models._check import CheckResult, availability_all, check_all
from harness.models._errors import ModelCallError
from harness.models._http import ServedModel, list_served
from harness.models._local import LocalServer, serve_local, server_installed, weights_path
from harness.models._model import Model, screen
from harness.models._retry import RetryPolicy, call_with_retries
from harness.models._spec import (
    BatchPrices,
    GenerationParams,
    LocalWeights,
    ModelSpec,
    load_models,
    select_models,
)
from harness.models._types import ChatMessage, Completion, payload_sha256

__all__ = [
    "BatchPrices",
    "ChatMessage",
    "CheckResult",
    "Completion",
    "CompletionCache",
    "GenerationParams",
    "Ledger",
    "LocalServer",
    "LocalWeights",
    "Model",
    "ModelCallError",
    "ModelSpec",
    "RequestKeys",
    "RetryPolicy",
    "ServedModel",
    "availability_all",
    "call_with_retries",
    "check_all",
    "list_served",
    "load_models",
    "payload_sha256",
    "run_batch",
    "screen",
    "select_models",
    "serve_local",
    "server_installed",
    "weights_path",
]

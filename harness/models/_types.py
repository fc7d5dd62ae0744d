"""What goes into a model and what comes out."""

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict


class ChatMessage(BaseModel):
    """One message of a chat prompt."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Literal["system", "user", "assistant"]
    """Who speaks."""
    content: str
    """What is said."""


class Completion(BaseModel):
    """A model's answer, with what it cost."""

    model_config = ConfigDict(extra="forbid")

    text: str
    """The generated reply."""
    served_model: str
    """The model id the endpoint says produced it (aliases resolved)."""
    input_tokens: int = 0
    """Prompt tokens, as reported by the endpoint."""
    output_tokens: int = 0
    """Generated tokens, as reported by the endpoint."""
    finish_reason: str | None = None
    """Why generation stopped (``stop``, ``length``, …)."""
    latency_s: float = 0.0
    """Wall time of the successful call, retries excluded."""
    attempts: int = 1
    """How many calls it took (1 when the first succeeded)."""
    cached: bool = False
    """Whether it came from Plume's cache rather than the model."""
    batch: bool = False
    """Whether it came from a provider's batch API: priced at its batch price, and its
    ``latency_s`` is not a call's (a batch takes minutes to hours)."""


def payload_sha256(payload: list[ChatMessage] | str) -> str:
    """Hash of exactly what a model is sent: chat messages, or a completion-mode text."""
    digest = hashlib.sha256()
    if isinstance(payload, str):
        digest.update(b"text\0" + payload.encode())
    else:
        for message in payload:
            digest.update(f"{message.role}\0{message.content}\0".encode())
    return digest.hexdigest()

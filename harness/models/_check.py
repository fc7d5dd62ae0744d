"""Before a paid run: is each model served, and does one tiny real call go through?"""

import asyncio
import shutil
from dataclasses import dataclass
from typing import Any

import aiohttp

from harness.errors import UsageError
from harness.models._errors import ModelCallError
from harness.models._local import server_installed, weights_path
from harness.models._model import Model
from harness.models._retry import RetryPolicy
from harness.models._spec import ModelSpec
from harness.models._types import ChatMessage

CHECK_PROMPT = [
    ChatMessage(role="system", content="Tu réponds en une phrase courte."),
    ChatMessage(
        role="user", content="Bonjour, pouvez-vous confirmer la réception de mon dossier ?"
    ),
]
"""The smoke test's prompt: a few dozen tokens, no personal data."""


async def availability(spec: ModelSpec, session: aiohttp.ClientSession) -> str:
    """``yes: serves ID`` when the model can be called now, else ``no: why``; no generation.

    A remote model is available when its key is set, its endpoint answers and serves its id; a
    local one when its server and weights are installed; a vllm one when vLLM is.
    """
    if spec.provider == "local":
        if not server_installed():
            return "no: the local extra is not installed"
        assert spec.local is not None
        try:
            weights_path(spec.local, materialise=False)
        except UsageError as error:
            return f"no: {error}"
        return "yes"
    if spec.provider == "vllm":
        return "yes" if shutil.which("vllm") else "no: vllm is not installed (GPU machines only)"
    if (variable := spec.missing_key()) is not None:
        return f"no: {variable} is not set"
    try:
        served = await Model(spec, session).resolve()
    except ModelCallError as error:
        return f"no: {error}"
    notice = served.notice()
    return f"yes: serves {served.id}" + (f" ({notice})" if notice else "")


@dataclass(frozen=True)
class CheckResult:
    """What one tiny real call to a model showed."""

    served: str | None
    """The id the endpoint serves under the requested one (and whether it is deprecated)."""
    sent: dict[str, Any]
    """The generation fields the request carried."""
    latency_s: float | None = None
    """Wall time of the call."""
    cost: float | None = None
    """Its cost in euros, at the declared prices."""
    reply: str | None = None
    """The beginning of the reply."""
    error: str | None = None
    """Why it failed, with its cause."""


async def check(
    spec: ModelSpec, session: aiohttp.ClientSession, base_url: str | None = None
) -> CheckResult:
    """Resolve the served id, then make one tiny real call with the declared parameters."""
    model = Model(spec, session, base_url=base_url, retry=RetryPolicy(max_attempts=2))
    try:
        served = await model.resolve()
        completion = await model.generate(CHECK_PROMPT)
    except ModelCallError as error:
        return CheckResult(served=None, sent=model.fields, error=f"{error.cause}: {error}")
    notice = served.notice()
    return CheckResult(
        served=served.id + (f" ({notice})" if notice else ""),
        sent=model.fields,
        latency_s=completion.latency_s,
        cost=spec.cost(completion),
        reply=completion.text.strip()[:80],
    )


def check_all(
    specs: list[ModelSpec], base_urls: dict[str, str] | None = None
) -> dict[str, CheckResult]:
    """``check`` every model at once (each is one call); by model name."""

    async def run() -> dict[str, CheckResult]:
        async with aiohttp.ClientSession() as session:
            results = await asyncio.gather(
                *(check(s, session, (base_urls or {}).get(s.name)) for s in specs)
            )
        return {spec.name: result for spec, result in zip(specs, results, strict=True)}

    return asyncio.run(run())


def availability_all(specs: list[ModelSpec]) -> dict[str, str]:
    """``availability`` of every model, asked at once; by model name."""

    async def run() -> dict[str, str]:
        async with aiohttp.ClientSession() as session:
            answers = await asyncio.gather(*(availability(s, session) for s in specs))
        return {spec.name: answer for spec, answer in zip(specs, answers, strict=True)}

    return asyncio.run(run())

"""Loopback fakes of Anthropic, Mistral and Albert that are as strict as their documentation.

Each checks every header and body field the way its provider does (unknown fields refused,
``anthropic-version`` required, sampling parameters refused where the model refuses them) and
answers with the documented shapes. ``then`` holds what to answer to the next generation requests
that pass the checks (the last one repeats); by default a plain reply.

Sources, read 2026-12-07:
- Anthropic: platform.claude.com docs (Messages API, errors, rate limits, stop reasons, models
  overview, Claude Sonnet 5.5 migration guide), anthropic-sdk-python src/anthropic/types
  (message_create_params.py, output_config_param.py, stop_reason.py, model_info.py).
- Mistral: mistralai/client-python src/mistralai/models (chatcompletionrequest.py,
  thinkchunk.py, textchunk.py, basemodelcard.py), docs.mistral.ai (reasoning, errors).
- Albert: etalab-ia/OpenGateLLM api/utils/exceptions.py (422 "Max tokens exceeded.", 429 "Rate
  limit exceeded"), api/domain/model/views.py (ModelView) and api/use_cases/models
  (GetOneModelUseCase: GET /v1/models/{model} resolves aliases), the per-day 429 detail of
  _accesscontroller.py (July 2025 snapshot; see ../shared/research/providers.md).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

Answer = tuple[int, Any, dict[str, str]]


@dataclass
class Fake:
    """What a fake received and what it answers next."""

    key: str
    then: list[Answer] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    """Generation request bodies that passed the checks."""
    times: list[float] = field(default_factory=list)
    """When each of them arrived (``time.monotonic``)."""
    refused: list[tuple[int, Any]] = field(default_factory=list)
    """What the checks refused, with the status answered."""
    gets: list[str] = field(default_factory=list)
    """Paths of the GET requests, in order."""
    limit_headers: dict[str, str] = field(default_factory=dict)
    """Rate-limit headers sent with every answer."""

    def next_answer(self, default: Answer) -> Answer:
        if not self.then:
            return default
        return self.then.pop(0) if len(self.then) > 1 else self.then[0]

    def refuse(self, status: int, body: Any) -> web.Response:
        self.refused.append((status, body))
        return web.json_response(body, status=status, headers=self.limit_headers)


# --- Anthropic -------------------------------------------------------------------------------

# anthropic-sdk-python types/message_create_params.py: the body fields of POST /v1/messages.
ANTHROPIC_FIELDS = {
    "max_tokens", "messages", "model", "cache_control", "container", "inference_geo",
    "metadata", "output_config", "service_tier", "stop_sequences", "system", "temperature",
    "thinking", "tool_choice", "tools", "top_k", "top_p", "stream",
}  # fmt: skip
ANTHROPIC_MODELS = {
    # models overview; sonnet-5-5 page: adaptive thinking, non-default sampling → 400.
    "claude-sonnet-5-5": {"lifecycle": "active", "refuses_sampling": True},
    # sonnet-4-6 page: Legacy, accepts temperature.
    "claude-sonnet-4-6": {"lifecycle": "deprecated", "refuses_sampling": False},
    # model-deprecations: Claude Sonnet 4.5 retired on 2026-11-30.
    "claude-sonnet-4-5-20250929": {"lifecycle": "retired", "refuses_sampling": False},
}
ANTHROPIC_ALIASES = {"claude-sonnet-4-5": "claude-sonnet-4-5-20250929"}


def anthropic_error(kind: str, message: str) -> dict[str, Any]:
    """The error shape of the errors page."""
    return {"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_1"}


def anthropic_message(
    text: str = "Bonjour, voici la réponse.",
    *,
    stop_reason: str = "end_turn",
    model: str = "claude-sonnet-5-5",
    thinking: bool = True,
) -> Answer:
    """A Message: with adaptive thinking a thinking block comes before the text block."""
    content: list[dict[str, Any]] = []
    if thinking:
        content.append({"type": "thinking", "thinking": "Réponse brève.", "signature": "sig"})
    content.append({"type": "text", "text": text})
    return (
        200,
        {
            "id": "msg_01",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": content,
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": 120, "output_tokens": 48},
        },
        {},
    )


Refuse = Callable[[int, Any], web.Response]


def anthropic_gate(request: web.Request, key: str, refuse: Refuse) -> web.Response | None:
    """Anthropic's refusal of a request without the key or the ``anthropic-version`` header."""
    if request.headers.get("x-api-key") != key:
        return refuse(401, anthropic_error("authentication_error", "invalid x-api-key"))
    if "anthropic-version" not in request.headers:
        return refuse(
            400, anthropic_error("invalid_request_error", "anthropic-version: header is required")
        )
    return None


def anthropic_app(fake: Fake) -> web.Application:
    """``POST /v1/messages`` and ``GET /v1/models/{id}`` as Anthropic documents them."""

    def authenticated(request: web.Request) -> web.Response | None:
        return anthropic_gate(request, fake.key, fake.refuse)

    async def messages(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        body = await request.json()
        for name in body:
            if name not in ANTHROPIC_FIELDS:
                return fake.refuse(
                    400,
                    anthropic_error(
                        "invalid_request_error", f"{name}: Extra inputs are not permitted"
                    ),
                )
        for name in ("model", "messages", "max_tokens"):
            if name not in body:
                return fake.refuse(
                    400, anthropic_error("invalid_request_error", f"{name}: Field required")
                )
        model = ANTHROPIC_ALIASES.get(body["model"], body["model"])
        card = ANTHROPIC_MODELS.get(model)
        if card is None or card["lifecycle"] == "retired":
            return fake.refuse(404, anthropic_error("not_found_error", f"model: {body['model']}"))
        if any(m.get("role") == "system" for m in body["messages"]):
            return fake.refuse(
                400,
                anthropic_error(
                    "invalid_request_error",
                    'messages: Unexpected role "system". Use the top-level `system` parameter.',
                ),
            )
        for name in ("temperature", "top_p", "top_k"):
            if name in body and card["refuses_sampling"]:
                return fake.refuse(
                    400,
                    anthropic_error(
                        "invalid_request_error", f"{name} is not supported on this model"
                    ),
                )
        if not 0.0 <= body.get("temperature", 0.0) <= 1.0:
            return fake.refuse(
                400,
                anthropic_error(
                    "invalid_request_error", "temperature: Input should be less than or equal to 1"
                ),
            )
        if body.get("output_config", {}).get("effort") not in (
            None, "low", "medium", "high", "xhigh", "max",
        ):  # fmt: skip
            return fake.refuse(
                400, anthropic_error("invalid_request_error", "output_config.effort")
            )
        fake.bodies.append(body)
        fake.times.append(time.monotonic())
        status, answer, headers = fake.next_answer(anthropic_message(model=model))
        return web.json_response(answer, status=status, headers={**fake.limit_headers, **headers})

    async def model_info(request: web.Request) -> web.Response:
        fake.gets.append(request.path)
        if (refusal := authenticated(request)) is not None:
            return refusal
        requested = request.match_info["model_id"]
        model = ANTHROPIC_ALIASES.get(requested, requested)
        if model not in ANTHROPIC_MODELS:
            return fake.refuse(404, anthropic_error("not_found_error", f"model: {requested}"))
        lifecycle = ANTHROPIC_MODELS[model]["lifecycle"]
        # model_info.py: id, type, display_name, created_at, lifecycle, deprecated_at, retires_at.
        return web.json_response(
            {
                "type": "model",
                "id": model,
                "display_name": model,
                "created_at": "2026-06-30T00:00:00Z",
                "lifecycle": lifecycle,
                "deprecated_at": None if lifecycle == "active" else "2026-08-01T00:00:00Z",
                "retires_at": "2026-11-30T00:00:00Z" if lifecycle != "active" else None,
            }
        )

    app = web.Application()
    app.router.add_post("/v1/messages", messages)
    app.router.add_get("/v1/models/{model_id}", model_info)
    return app


def anthropic_limits(remaining_requests: int, reset_in_s: float) -> dict[str, str]:
    """Rate-limit headers of the rate-limits page (resets in RFC 3339)."""
    reset = (datetime.now(UTC) + timedelta(seconds=reset_in_s)).isoformat().replace("+00:00", "Z")
    return {
        "anthropic-ratelimit-requests-limit": "50",
        "anthropic-ratelimit-requests-remaining": str(remaining_requests),
        "anthropic-ratelimit-requests-reset": reset,
        "anthropic-ratelimit-input-tokens-limit": "30000",
        "anthropic-ratelimit-input-tokens-remaining": "29000",
        "anthropic-ratelimit-input-tokens-reset": reset,
        "anthropic-ratelimit-output-tokens-limit": "8000",
        "anthropic-ratelimit-output-tokens-remaining": "7000",
        "anthropic-ratelimit-output-tokens-reset": reset,
    }


# --- Mistral ---------------------------------------------------------------------------------

# chatcompletionrequest.py: every field; anything else is refused with 422 extra_forbidden.
MISTRAL_FIELDS = {
    "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed",
    "response_format", "tools", "tool_choice", "presence_penalty", "frequency_penalty", "n",
    "safe_prompt", "prediction", "parallel_tool_calls", "prompt_mode", "metadata",
}  # fmt: skip


def mistral_card(model_id: str, aliases: list[str], **extra: Any) -> dict[str, Any]:
    """A model card of ``GET /v1/models`` (basemodelcard.py)."""
    return {
        "id": model_id,
        "object": "model",
        "created": 1777000000,
        "owned_by": "mistralai",
        "capabilities": {"completion_chat": True},
        "name": model_id,
        "max_context_length": 262144,
        "aliases": aliases,
        "deprecation": None,
        "deprecation_replacement_model": None,
        "default_model_temperature": 0.3,
        "type": "base",
        **extra,
    }


MISTRAL_MODELS = [
    mistral_card("mistral-medium-2604", ["mistral-medium-latest", "mistral-medium-3-5"]),
    mistral_card(
        "mistral-medium-2505",
        [],
        deprecation="2026-05-22T00:00:00Z",
        deprecation_replacement_model="mistral-medium-2604",
    ),
]


# client-python chatcompletionresponse.py, chatcompletionchoice.py (finish_reason: stop, length,
# model_length, error, tool_calls), assistantmessage.py (content: text or a list of chunks).
def mistral_reply(
    content: Any = "Bonjour, voici la réponse.", *, finish_reason: str = "stop"
) -> Answer:
    """A chat completion; ``content`` is a string, or a list of chunks for reasoning models."""
    return (
        200,
        {
            "id": "cmpl-1",
            "object": "chat.completion",
            "model": "mistral-medium-2604",
            "created": 1777000000,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "tool_calls": None},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140},
        },
        {},
    )


def mistral_gate(request: web.Request, key: str, refuse: Refuse) -> web.Response | None:
    """Mistral's refusal of a request without the key."""
    if request.headers.get("Authorization") != f"Bearer {key}":
        return refuse(401, {"message": "Unauthorized", "request_id": "1"})
    return None


def mistral_app(fake: Fake) -> web.Application:
    """``POST /v1/chat/completions`` and ``GET /v1/models`` as Mistral documents them."""

    def authenticated(request: web.Request) -> web.Response | None:
        return mistral_gate(request, fake.key, fake.refuse)

    async def chat(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        body = await request.json()
        unknown = [name for name in body if name not in MISTRAL_FIELDS]
        if unknown:
            detail = [
                {
                    "type": "extra_forbidden",
                    "loc": ["body", name],
                    "msg": "Extra inputs are not permitted",
                    "input": body[name],
                }
                for name in unknown
            ]
            return fake.refuse(
                422,
                {
                    "object": "error",
                    "message": {"detail": detail},
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                },
            )
        fake.bodies.append(body)
        fake.times.append(time.monotonic())
        status, answer, headers = fake.next_answer(mistral_reply())
        return web.json_response(answer, status=status, headers={**fake.limit_headers, **headers})

    async def models(request: web.Request) -> web.Response:
        fake.gets.append(request.path)
        if (refusal := authenticated(request)) is not None:
            return refusal
        return web.json_response({"object": "list", "data": MISTRAL_MODELS})

    app = web.Application()
    app.router.add_post("/v1/chat/completions", chat)
    app.router.add_get("/v1/models", models)
    return app


# --- Albert (OpenGateLLM) --------------------------------------------------------------------

# OpenGateLLM api/domain/model/views.py (ModelView), as GET /v1/models and /v1/models/{model}
# answer it.
ALBERT_ID = "mistral-small-3-2-24b-instruct-2506"
ALBERT_ALIASES = ["openweight-medium"]
# Every name the Albert fake serves: its id and its aliases.
ALBERT_NAMES = (ALBERT_ID, *ALBERT_ALIASES)
ALBERT_SERVED = {
    "object": "model",
    "id": ALBERT_ID,
    "type": "text-generation",
    "aliases": ALBERT_ALIASES,
    "created": 1750000000,
    "owned_by": "Albert API",
    "max_context_length": 128000,
    "costs": {"prompt_tokens": 0.0, "completion_tokens": 0.0},
}


def albert_app(fake: Fake, *, lists_aliases: bool = False) -> web.Application:
    """OpenGateLLM's routes; its ``/v1/models`` may leave out the ``openweight-*`` aliases."""

    def authenticated(request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {fake.key}":
            return fake.refuse(403, {"detail": "Invalid API key."})
        return None

    async def chat(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        body = await request.json()
        if body.get("model") not in ALBERT_NAMES:
            return fake.refuse(404, {"detail": "Model not found."})
        fake.bodies.append(body)
        fake.times.append(time.monotonic())
        default = mistral_reply()
        default[1]["model"] = ALBERT_ID
        status, answer, headers = fake.next_answer(default)
        return web.json_response(answer, status=status, headers=headers)

    async def models(request: web.Request) -> web.Response:
        fake.gets.append(request.path)
        if (refusal := authenticated(request)) is not None:
            return refusal
        entry = dict(ALBERT_SERVED) if lists_aliases else {**ALBERT_SERVED, "aliases": []}
        return web.json_response({"object": "list", "data": [entry]})

    async def one_model(request: web.Request) -> web.Response:
        fake.gets.append(request.path)
        if (refusal := authenticated(request)) is not None:
            return refusal
        name = request.match_info["model"]
        if name not in ALBERT_NAMES:
            return fake.refuse(404, {"detail": "Model not found."})
        return web.json_response(ALBERT_SERVED)

    app = web.Application()
    app.router.add_post("/v1/chat/completions", chat)
    app.router.add_get("/v1/models", models)
    app.router.add_get("/v1/models/{model}", one_model)
    return app

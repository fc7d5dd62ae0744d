"""Contract tests: Plume's requests pass loopback fakes as strict as each provider's documentation,
and every documented answer ends in a reply or a failure with its cause (see providers.py)."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp import web

from harness.errors import InputError
from harness.models import (
    ChatMessage,
    Completion,
    CompletionCache,
    Model,
    ModelCallError,
    ModelSpec,
    RetryPolicy,
    load_models,
)
from harness.models._limits import ProviderLimits, shared
from tests.models.fake_server import serve_app
from tests.models.providers import (
    Answer,
    Fake,
    albert_app,
    anthropic_app,
    anthropic_error,
    anthropic_limits,
    anthropic_message,
    mistral_app,
    mistral_reply,
)

REPO = Path(__file__).resolve().parents[2]
T = TypeVar("T")
MESSAGES = [
    ChatMessage(role="system", content="Tu réponds aux usagers."),
    ChatMessage(role="user", content="Mon dossier est bloqué depuis un mois."),
]
# The errors page's own wording.
TOO_LONG = "prompt is too long: 210417 tokens > 200000 maximum"
TOO_LARGE = "Request exceeds the maximum allowed number of bytes."
KEYS = {"anthropic": "ANTHROPIC_API_KEY", "mistral": "MISTRAL_API_KEY", "albert": "ALBERT_API_KEY"}


@pytest.fixture
def declared(monkeypatch: pytest.MonkeyPatch) -> dict[str, ModelSpec]:
    """The models as the repository's models.yaml declares them, with test keys set."""
    for variable in KEYS.values():
        monkeypatch.setenv(variable, f"key-{variable}")
    return load_models(REPO / "models.yaml")


def against(app: web.Application, spec: ModelSpec, use: Callable[[Model], Awaitable[T]]) -> T:
    """Run ``use`` on a model of ``spec`` that talks to ``app`` on loopback."""

    async def go() -> T:
        async with serve_app(app) as base_url, aiohttp.ClientSession() as session:
            model = Model(
                spec, session, base_url=base_url, retry=RetryPolicy(3, base_s=0.01, cap_s=0.02)
            )
            return await use(model)

    return asyncio.run(go())


async def generate(model: Model) -> Completion:
    return await model.generate(MESSAGES)


def failure(app: web.Application, spec: ModelSpec) -> ModelCallError:
    with pytest.raises(ModelCallError) as raised:
        against(app, spec, generate)
    return raised.value


# --- Anthropic -------------------------------------------------------------------------------


def test_claude_as_declared_passes_the_strict_messages_api(declared: dict[str, ModelSpec]) -> None:
    fake = Fake(key="key-ANTHROPIC_API_KEY")
    completion = against(anthropic_app(fake), declared["claude"], generate)
    assert fake.refused == []
    body = fake.bodies[0]
    # Sonnet 5.5 refuses sampling parameters: none is sent; effort and room for thinking are.
    assert not {"temperature", "top_p", "top_k", "seed"} & set(body)
    assert body["output_config"] == {"effort": "low"} and body["max_tokens"] == 2000
    assert body["system"] == "Tu réponds aux usagers."
    assert body["messages"] == [{"role": "user", "content": MESSAGES[1].content}]
    # The thinking block is not the reply.
    assert completion.text == "Bonjour, voici la réponse."
    assert (completion.input_tokens, completion.output_tokens) == (120, 48)


def test_samples_of_a_model_without_temperature_are_distinct_in_the_cache(
    declared: dict[str, ModelSpec], tmp_path: Path
) -> None:
    # Claude is sent no temperature: it samples at its default, so samples must not collapse.
    fake = Fake(key="key-ANTHROPIC_API_KEY")
    cache = CompletionCache(tmp_path / "cache.sqlite")

    async def samples(model: Model) -> None:
        for index in (0, 1, 1):
            await model.generate(MESSAGES, sample_index=index)

    async def go() -> None:
        async with serve_app(anthropic_app(fake)) as base_url, aiohttp.ClientSession() as session:
            await samples(Model(declared["claude"], session, base_url=base_url, cache=cache))

    asyncio.run(go())
    cache.close()
    assert len(fake.bodies) == 2  # samples 0 and 1 asked, the repeated 1 from the cache


def test_the_retired_claude_id_is_refused_before_any_call(declared: dict[str, ModelSpec]) -> None:
    fake = Fake(key="key-ANTHROPIC_API_KEY")
    old = declared["claude"].model_copy(update={"model": "claude-sonnet-4-5"})
    with pytest.raises(ModelCallError, match="retired") as raised:
        against(anthropic_app(fake), old, lambda model: model.resolve())
    assert raised.value.cause == "retired"
    assert fake.gets == ["/v1/models/claude-sonnet-4-5"] and fake.bodies == []


def test_an_unknown_claude_id_is_refused_and_a_current_one_resolved(
    declared: dict[str, ModelSpec],
) -> None:
    fake = Fake(key="key-ANTHROPIC_API_KEY")
    typo = declared["claude"].model_copy(update={"model": "claude-sonet-5-5"})
    with pytest.raises(ModelCallError, match="does not serve 'claude-sonet-5-5'") as raised:
        against(anthropic_app(fake), typo, lambda model: model.resolve())
    assert raised.value.cause == "unknown_model"
    served = against(anthropic_app(fake), declared["claude"], lambda model: model.resolve())
    assert served.id == "claude-sonnet-5-5" and served.lifecycle == "active"
    assert served.notice() is None
    legacy = declared["claude"].model_copy(update={"model": "claude-sonnet-4-6"})
    served = against(anthropic_app(fake), legacy, lambda model: model.resolve())
    assert served.notice() == "deprecated, retires on 2026-11-30"


def test_a_temperature_for_a_model_that_refuses_it_fails_when_the_file_loads(
    tmp_path: Path,
) -> None:
    text = (REPO / "models.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "models.yaml"
    bad.write_text(
        text.replace("params: {max_tokens: 2000, effort: low}", "params: {temperature: 0.0}"),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="does not accept temperature") as raised:
        load_models(bad)
    entry = text.splitlines().index("  - name: claude") + 1
    assert f"models.yaml:{entry}:" in str(raised.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"params": {"temperature": 1.5}}, "above claude-sonnet-4-6's maximum"),
        ({"params": {"seed": 3}}, "does not accept seed"),
        ({"params": {"effort": "low"}}, "does not accept effort"),
        ({"provider": "mistral", "accepts": ["effort"]}, "`effort` is an Anthropic parameter"),
        (
            {"provider": "mistral", "temperature_max": 1.5, "params": {"temperature": 1.8}},
            "above claude-sonnet-4-6's maximum \\(1.5\\)",
        ),
    ],
)
def test_parameters_a_provider_refuses_are_refused_at_load(
    fields: dict[str, Any], message: str
) -> None:
    base = {
        "name": "claude",
        "provider": "anthropic",
        "model": "claude-sonnet-4-6",
        "base_url": "https://api.anthropic.com/v1",
    }
    with pytest.raises(ValueError, match=message):
        ModelSpec.model_validate(base | fields)


def test_a_tuned_temperature_is_kept_within_anthropics_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k")
    spec = ModelSpec.model_validate(
        {
            "name": "legacy",
            "provider": "anthropic",
            "model": "claude-sonnet-4-6",
            "base_url": "http://unused/v1",
            "api_key_env": "ANTHROPIC_API_KEY",
        }
    )
    # Tuning copies parameters without validation; the strict fake refuses temperature > 1.
    tuned = spec.model_copy(update={"params": spec.params.model_copy(update={"temperature": 1.4})})
    fake = Fake(key="k")
    against(anthropic_app(fake), tuned, generate)
    assert fake.refused == [] and fake.bodies[0]["temperature"] == 1.0


@pytest.mark.parametrize(
    ("stop_reason", "cause"),
    [("max_tokens", "truncated"), ("model_context_window_exceeded", "truncated"),
     ("refusal", "refused")],
)  # fmt: skip
def test_a_cut_or_refused_claude_reply_is_a_failure_with_its_cause(
    declared: dict[str, ModelSpec], stop_reason: str, cause: str
) -> None:
    fake = Fake(key="key-ANTHROPIC_API_KEY", then=[anthropic_message(stop_reason=stop_reason)])
    error = failure(anthropic_app(fake), declared["claude"])
    assert error.cause == cause and not error.retryable
    assert len(fake.bodies) == 1


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, anthropic_error("invalid_request_error", TOO_LONG)),
        (413, anthropic_error("request_too_large", TOO_LARGE)),
    ],
)  # fmt: skip
def test_claude_context_errors_are_context_too_long(
    declared: dict[str, ModelSpec], status: int, body: dict[str, Any]
) -> None:
    fake = Fake(key="key-ANTHROPIC_API_KEY", then=[(status, body, {})])
    error = failure(anthropic_app(fake), declared["claude"])
    assert error.cause == "context_too_long"
    assert len(fake.bodies) == 1  # not retried


def test_the_providers_retry_verdict_and_milliseconds_are_honoured(
    declared: dict[str, ModelSpec],
) -> None:
    overloaded = anthropic_error("overloaded_error", "Overloaded")
    fake = Fake(
        key="key-ANTHROPIC_API_KEY",
        then=[(529, overloaded, {"x-should-retry": "false", "retry-after-ms": "5"})],
    )
    error = failure(anthropic_app(fake), declared["claude"])
    assert len(fake.bodies) == 1 and error.retry_after == pytest.approx(0.005)
    fake = Fake(
        key="key-ANTHROPIC_API_KEY",
        then=[(400, anthropic_error("invalid_request_error", "x"), {"x-should-retry": "true"}),
              anthropic_message()],
    )  # fmt: skip
    assert against(anthropic_app(fake), declared["claude"], generate).attempts == 2


def test_an_exhausted_request_budget_waits_for_the_providers_reset(
    declared: dict[str, ModelSpec],
) -> None:
    fake = Fake(key="key-ANTHROPIC_API_KEY", limit_headers=anthropic_limits(0, reset_in_s=0.4))

    async def twice(model: Model) -> None:
        await model.generate(MESSAGES)
        await model.generate([*MESSAGES[:1], ChatMessage(role="user", content="Autre")])

    against(anthropic_app(fake), declared["claude"], twice)
    assert len(fake.bodies) == 2
    assert fake.times[1] - fake.times[0] >= 0.3  # the second waited for the reset


def test_limits_are_shared_by_endpoint_and_key() -> None:
    assert shared("https://api.example/v1", "a") is shared("https://api.example/v1/", "a")
    assert shared("https://api.example/v1", "a") is not shared("https://api.example/v1", "b")


def test_openai_style_limit_headers_are_read() -> None:
    limits = ProviderLimits()
    limits.update({"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "400ms"})

    async def take() -> float:
        started = time.monotonic()
        await limits.take({"requests": 1})
        return time.monotonic() - started

    assert asyncio.run(take()) >= 0.3
    limits.update({"x-ratelimit-remaining-requests": "5", "x-ratelimit-reset-requests": "1m0s"})
    assert asyncio.run(take()) < 0.3  # requests are left: no wait


# --- Mistral ---------------------------------------------------------------------------------


def test_mistral_gets_random_seed_and_no_unknown_field(declared: dict[str, ModelSpec]) -> None:
    seeded = declared["mistral"].model_copy(
        update={"params": declared["mistral"].params.model_copy(update={"seed": 7})}
    )
    fake = Fake(key="key-MISTRAL_API_KEY")
    against(mistral_app(fake), seeded, generate)
    assert fake.refused == []
    assert fake.bodies[0]["random_seed"] == 7 and "seed" not in fake.bodies[0]
    assert fake.bodies[0]["model"] == "mistral-medium-2604"


def test_the_strict_mistral_fake_refuses_what_mistral_refuses(
    declared: dict[str, ModelSpec],
) -> None:
    # The fake itself: a `seed` field is refused as Mistral does (422 extra_forbidden).
    as_openai = declared["albert"].model_copy(
        update={"params": declared["albert"].params.model_copy(update={"seed": 7})}
    )
    fake = Fake(key="key-ALBERT_API_KEY")
    error = failure(mistral_app(fake), as_openai)
    assert error.status == 422 and "extra_forbidden" in str(error)


def test_a_reasoning_reply_in_chunks_keeps_only_its_text(declared: dict[str, ModelSpec]) -> None:
    chunks = [
        {"type": "thinking", "thinking": [{"type": "text", "text": "L'usager attend."}]},
        {"type": "text", "text": "Bonjour, "},
        {"type": "text", "text": "votre dossier avance."},
    ]
    fake = Fake(key="key-MISTRAL_API_KEY", then=[mistral_reply(chunks)])
    completion = against(mistral_app(fake), declared["mistral"], generate)
    assert completion.text == "Bonjour, votre dossier avance."


@pytest.mark.parametrize("reason", ["length", "model_length"])
def test_a_cut_mistral_reply_is_truncated(declared: dict[str, ModelSpec], reason: str) -> None:
    fake = Fake(key="key-MISTRAL_API_KEY", then=[mistral_reply(finish_reason=reason)])
    assert failure(mistral_app(fake), declared["mistral"]).cause == "truncated"


@pytest.mark.parametrize(
    "content", [42, [{"type": "text"}], {"text": "?"}], ids=["number", "chunk", "object"]
)
def test_a_malformed_answer_is_a_bad_response_not_a_crash(
    declared: dict[str, ModelSpec], content: Any
) -> None:
    fake = Fake(key="key-MISTRAL_API_KEY", then=[mistral_reply(content)])
    error = failure(mistral_app(fake), declared["mistral"])
    assert error.cause == "bad_response" and len(fake.bodies) == 1


def test_a_floating_alias_resolves_to_the_dated_id(declared: dict[str, ModelSpec]) -> None:
    alias = declared["mistral"].model_copy(update={"model": "mistral-medium-latest"})
    fake = Fake(key="key-MISTRAL_API_KEY")

    async def resolve_then_generate(model: Model) -> str:
        await model.resolve()
        await model.generate(MESSAGES)
        return model.served_id

    assert against(mistral_app(fake), alias, resolve_then_generate) == "mistral-medium-2604"
    assert fake.bodies[0]["model"] == "mistral-medium-2604"


def test_a_deprecated_mistral_model_names_its_replacement(
    declared: dict[str, ModelSpec],
) -> None:
    old = declared["mistral"].model_copy(update={"model": "mistral-medium-2505"})
    fake = Fake(key="key-MISTRAL_API_KEY")
    with pytest.raises(ModelCallError, match="use 'mistral-medium-2604' instead") as raised:
        against(mistral_app(fake), old, lambda model: model.resolve())
    assert raised.value.cause == "retired" and fake.bodies == []


# --- Albert ----------------------------------------------------------------------------------


def test_an_unlisted_albert_alias_is_resolved_by_name(declared: dict[str, ModelSpec]) -> None:
    fake = Fake(key="key-ALBERT_API_KEY")
    served = against(albert_app(fake), declared["albert"], lambda model: model.resolve())
    assert served.id == "mistral-small-3-2-24b-instruct-2506"
    assert fake.gets == ["/v1/models", "/v1/models/openweight-medium"]


def test_albert_max_tokens_exceeded_is_context_too_long(declared: dict[str, ModelSpec]) -> None:
    fake = Fake(key="key-ALBERT_API_KEY", then=[(422, {"detail": "Max tokens exceeded."}, {})])
    assert failure(albert_app(fake), declared["albert"]).cause == "context_too_long"


def test_albert_per_day_quota_stops_calls_to_the_model(declared: dict[str, ModelSpec]) -> None:
    day: Answer = (429, {"detail": "Rate limit exceeded: 1000 requests per day."}, {})
    fake = Fake(key="key-ALBERT_API_KEY", then=[day])

    async def three(model: Model) -> list[str]:
        causes = []
        for _ in range(3):
            try:
                await model.generate(MESSAGES)
            except ModelCallError as error:
                causes.append(error.cause)
        return causes

    assert against(albert_app(fake), declared["albert"], three) == ["quota_exhausted"] * 3
    assert len(fake.bodies) == 1  # neither retried nor called again


def test_a_per_minute_429_is_still_retried(declared: dict[str, ModelSpec]) -> None:
    minute = (
        429,
        {"detail": "Rate limit exceeded: 100 requests per minute."},
        {"Retry-After": "0"},
    )
    fake = Fake(key="key-ALBERT_API_KEY", then=[minute, mistral_reply()])
    completion = against(albert_app(fake), declared["albert"], generate)
    assert completion.attempts == 2

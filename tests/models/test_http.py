"""The model layer against a scripted OpenAI-compatible server: faults, retries, keys."""

import asyncio
from typing import Any

import aiohttp
import pytest

from harness.models import ChatMessage, Completion, Model, ModelCallError, ModelSpec, RetryPolicy
from tests.models.fake_server import Scripted, ok, serve

MESSAGES = [
    ChatMessage(role="system", content="Sois bref."),
    ChatMessage(role="user", content="Bonjour"),
]
FAST = RetryPolicy(max_attempts=4, base_s=0.01, cap_s=0.05)


def spec(**overrides: Any) -> ModelSpec:
    fields: dict[str, Any] = {
        "name": "albert",
        "provider": "openai-compatible",
        "model": "alias-x",
        "base_url": "http://unused/v1",
        "api_key_env": "ALBERT_API_KEY",
    }
    return ModelSpec.model_validate(fields | overrides)


def generate(script: Scripted, model_spec: ModelSpec, policy: RetryPolicy = FAST) -> Completion:
    async def go() -> Completion:
        async with serve(script) as base_url, aiohttp.ClientSession() as session:
            return await Model(model_spec, session, base_url=base_url, retry=policy).generate(
                MESSAGES
            )

    return asyncio.run(go())


def test_a_429_then_success_is_retried_and_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBERT_API_KEY", "key-123")
    script = Scripted(
        [(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"}), ok("Réponse.")]
    )
    completion = generate(script, spec())
    assert completion.text == "Réponse."
    assert completion.attempts == 2
    assert (completion.input_tokens, completion.output_tokens) == (12, 5)
    assert len(script.requests) == 2


def test_server_errors_are_retried_until_attempts_run_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBERT_API_KEY", "key-123")
    script = Scripted([(503, "overloaded", {})])
    with pytest.raises(ModelCallError, match="HTTP 503"):
        generate(script, spec())
    assert len(script.requests) == FAST.max_attempts


def test_authentication_errors_are_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBERT_API_KEY", "wrong-key-456")
    script = Scripted([(401, {"error": {"message": "invalid key"}}, {})])
    with pytest.raises(ModelCallError, match="HTTP 401") as error:
        generate(script, spec())
    assert len(script.requests) == 1
    assert "wrong-key-456" not in str(error.value)


def test_the_key_travels_only_in_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBERT_API_KEY", "key-789")
    script = Scripted([ok()])
    generate(script, spec())
    assert script.headers[0]["Authorization"] == "Bearer key-789"
    assert "key-789" not in str(script.requests[0])


def test_parameters_and_messages_are_sent_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBERT_API_KEY", "k")
    script = Scripted([ok()])
    generate(script, spec(params={"temperature": 0.3, "max_tokens": 50, "stop": ["###"]}))
    sent = script.requests[0]
    assert sent["model"] == "alias-x"
    assert sent["temperature"] == 0.3 and sent["max_tokens"] == 50 and sent["stop"] == ["###"]
    assert sent["messages"] == [m.model_dump() for m in MESSAGES]


def test_an_answer_without_choices_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBERT_API_KEY", "k")
    script = Scripted([(200, {"model": "model-x", "choices": []}, {})])
    with pytest.raises(ModelCallError, match=r"choices\[0\]"):
        generate(script, spec())


def test_an_unreachable_endpoint_is_retryable() -> None:
    async def go() -> None:
        async with aiohttp.ClientSession() as session:
            model = Model(
                spec(api_key_env=None), session, base_url="http://127.0.0.1:9/v1", retry=FAST
            )
            await model.generate(MESSAGES)

    with pytest.raises(ModelCallError, match="cannot reach") as error:
        asyncio.run(go())
    assert error.value.retryable


def test_served_models_come_with_their_aliases() -> None:
    async def go() -> list[str]:
        async with serve(Scripted([ok()])) as base_url, aiohttp.ClientSession() as session:
            listed = await Model(spec(api_key_env=None), session, base_url=base_url).served()
            return [m.id for m in listed] + [a for m in listed for a in m.aliases]

    assert asyncio.run(go()) == ["model-x", "alias-x"]

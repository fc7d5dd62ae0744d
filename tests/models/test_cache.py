"""The completion cache: found by its model, parameters and exact prompt; nothing else matches."""

from pathlib import Path
from typing import Any

import pytest

from harness.errors import PlumeError
from harness.models import (
    ChatMessage,
    Completion,
    CompletionCache,
    RequestKeys,
    payload_sha256,
)

PARAMS = {"temperature": 0.0, "max_tokens": 100}


def cache_key(
    provider: str, model: str, prompt: list[ChatMessage] | str, params: dict[str, Any]
) -> str:
    return RequestKeys(provider, model, params).prompt(payload_sha256(prompt))


def _completion(text: str) -> Completion:
    return Completion(text=text, served_model="m", input_tokens=3, output_tokens=2)


def test_a_completion_is_found_again_only_for_its_model_parameters_and_prompt(
    tmp_path: Path,
) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    prompt = [ChatMessage(role="user", content="Bonjour")]
    cache.put(cache_key("openai-compatible", "m", prompt, PARAMS), _completion("Réponse"))
    cache.close()
    again = CompletionCache(tmp_path / "c.sqlite")  # on disk, for the next run
    hit = again.get(cache_key("openai-compatible", "m", prompt, PARAMS))
    assert hit is not None and hit.text == "Réponse" and hit.cached
    for other in [
        cache_key("openai-compatible", "other", prompt, PARAMS),
        cache_key("openai-compatible", "m", prompt, PARAMS | {"max_tokens": 5}),
        cache_key("anthropic", "m", prompt, PARAMS),
        cache_key("openai-compatible", "m", [ChatMessage(role="user", content="Bonjour.")], PARAMS),
        cache_key("openai-compatible", "m", "Bonjour", PARAMS),
    ]:
        assert again.get(other) is None
    again.close()


def test_a_completion_is_on_disk_as_soon_as_it_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = CompletionCache(path)
    key = cache_key("openai-compatible", "m", "p", PARAMS)
    cache.put(key, _completion("R"))
    other = CompletionCache(path)  # another run, while this one goes on (or was killed)
    hit = other.get(key)
    assert hit is not None and hit.text == "R" and hit.cached
    other.close()
    cache.close()


def test_a_cache_that_cannot_be_opened_says_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(PlumeError, match="use --no-cache"):
        CompletionCache(blocker / "c.sqlite")


def test_samples_are_told_apart_only_when_sampling() -> None:
    greedy = RequestKeys("openai-compatible", "m", PARAMS)
    assert greedy.prompt("abc", sample_index=3) == greedy.prompt("abc")  # temperature 0: one answer
    sampled = RequestKeys("openai-compatible", "m", PARAMS | {"temperature": 0.7})
    assert sampled.prompt("abc", sample_index=1) != sampled.prompt("abc", sample_index=2)

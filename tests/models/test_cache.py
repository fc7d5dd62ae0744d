"""The completion cache: found by its model, parameters and exact prompt; nothing else matches."""

from pathlib import Path
from typing import Any

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


def test_writes_are_committed_together_and_all_kept_on_close(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = CompletionCache(path, batch=3, delay_s=3600)
    keys = [cache_key("openai-compatible", "m", f"p{i}", PARAMS) for i in range(4)]
    cache.put(keys[0], _completion("R0"))
    cache.put(keys[1], _completion("R1"))
    other = CompletionCache(path)
    assert other.get(keys[0]) is None  # not committed yet
    hit = cache.get(keys[0])  # but this cache answers with it
    assert hit is not None and hit.text == "R0" and hit.cached
    cache.put(keys[2], _completion("R2"))  # the third write commits the batch
    assert [other.get(k) is not None for k in keys[:3]] == [True, True, True]
    cache.put(keys[3], _completion("R3"))
    assert other.get(keys[3]) is None
    cache.close()
    assert other.get(keys[3]) is not None
    other.close()


def test_an_old_write_is_committed_with_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = CompletionCache(path, batch=1000, delay_s=0.0)
    key = cache_key("openai-compatible", "m", "p", PARAMS)
    cache.put(key, _completion("R"))
    assert CompletionCache(path).get(key) is not None


def test_samples_are_told_apart_only_when_sampling() -> None:
    greedy = RequestKeys("openai-compatible", "m", PARAMS)
    assert greedy.prompt("abc", sample_index=3) == greedy.prompt("abc")  # temperature 0: one answer
    sampled = RequestKeys("openai-compatible", "m", PARAMS | {"temperature": 0.7})
    assert sampled.prompt("abc", sample_index=1) != sampled.prompt("abc", sample_index=2)

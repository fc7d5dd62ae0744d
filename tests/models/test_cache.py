"""The completion cache: found by prompt, or by recipe once linked; nothing else matches."""

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


def test_a_linked_completion_is_recalled_with_its_prompt_hash(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    prompt = [ChatMessage(role="user", content="Bonjour")]
    key = cache_key("openai-compatible", "m", prompt, PARAMS)
    named = RequestKeys("openai-compatible", "m", PARAMS).recipe("recipe-1")
    cache.put(key, _completion("Réponse"), link=(named, "sha-of-prompt"))
    other = RequestKeys("openai-compatible", "m", PARAMS).recipe("recipe-2")
    found = cache.recall([named, other])
    assert set(found) == {named}
    assert found[named].prompt_sha256 == "sha-of-prompt"
    assert found[named].completion.text == "Réponse" and found[named].completion.cached
    cache.close()
    # On disk, for the next run.
    again = CompletionCache(tmp_path / "c.sqlite")
    assert set(again.recall([named])) == {named}
    again.close()


def test_a_recipe_is_recalled_only_for_its_model_and_parameters(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    key = cache_key("openai-compatible", "m", "texte", PARAMS)
    cache.put(
        key, _completion("R"), link=(RequestKeys("openai-compatible", "m", PARAMS).recipe("r"), "s")
    )
    assert not cache.recall([RequestKeys("openai-compatible", "other", PARAMS).recipe("r")])
    assert not cache.recall(
        [RequestKeys("openai-compatible", "m", PARAMS | {"max_tokens": 5}).recipe("r")]
    )
    assert not cache.recall([RequestKeys("anthropic", "m", PARAMS).recipe("r")])


def test_a_link_to_a_missing_completion_recalls_nothing(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    named = RequestKeys("openai-compatible", "m", PARAMS).recipe("r")
    cache.link("no-such-key", (named, "s"))
    assert cache.recall([named]) == {}


def test_recall_handles_more_recipes_than_one_query_takes(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    names = []
    for index in range(2000):
        key = cache_key("openai-compatible", "m", f"prompt {index}", PARAMS)
        named = RequestKeys("openai-compatible", "m", PARAMS).recipe(f"r{index}")
        cache.put(key, _completion(f"R{index}"), link=(named, f"s{index}"))
        names.append(named)
    found = cache.recall(names)
    assert len(found) == 2000
    assert found[names[1234]].completion.text == "R1234"


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


def test_keys_tell_prompts_recipes_and_samples_apart() -> None:
    greedy = RequestKeys("openai-compatible", "m", PARAMS)
    assert greedy.prompt("abc") != greedy.recipe("abc")
    assert greedy.prompt("abc", sample_index=3) == greedy.prompt("abc")  # temperature 0: one answer
    sampled = RequestKeys("openai-compatible", "m", PARAMS | {"temperature": 0.7})
    assert sampled.prompt("abc", sample_index=1) != sampled.prompt("abc", sample_index=2)
    assert cache_key("openai-compatible", "m", "abc", PARAMS) != cache_key(
        "openai-compatible", "m", "abd", PARAMS
    )

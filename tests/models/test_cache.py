"""The completion cache: found by prompt, or by recipe once linked; nothing else matches."""

from pathlib import Path

from harness.models import ChatMessage, Completion, CompletionCache, cache_key
from harness.models._cache import recipe_key

PARAMS = {"temperature": 0.0, "max_tokens": 100}


def _completion(text: str) -> Completion:
    return Completion(text=text, served_model="m", input_tokens=3, output_tokens=2)


def test_a_linked_completion_is_recalled_with_its_prompt_hash(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    prompt = [ChatMessage(role="user", content="Bonjour")]
    key = cache_key("openai-compatible", "m", prompt, PARAMS)
    named = recipe_key("openai-compatible", "m", "recipe-1", PARAMS)
    cache.put(key, _completion("Réponse"), link=(named, "sha-of-prompt"))
    other = recipe_key("openai-compatible", "m", "recipe-2", PARAMS)
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
    cache.put(key, _completion("R"), link=(recipe_key("openai-compatible", "m", "r", PARAMS), "s"))
    assert not cache.recall([recipe_key("openai-compatible", "other", "r", PARAMS)])
    assert not cache.recall([recipe_key("openai-compatible", "m", "r", PARAMS | {"max_tokens": 5})])
    assert not cache.recall([recipe_key("anthropic", "m", "r", PARAMS)])


def test_a_link_to_a_missing_completion_recalls_nothing(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    named = recipe_key("openai-compatible", "m", "r", PARAMS)
    cache.link("no-such-key", (named, "s"))
    assert cache.recall([named]) == {}


def test_recall_handles_more_recipes_than_one_query_takes(tmp_path: Path) -> None:
    cache = CompletionCache(tmp_path / "c.sqlite")
    names = []
    for index in range(2000):
        key = cache_key("openai-compatible", "m", f"prompt {index}", PARAMS)
        named = recipe_key("openai-compatible", "m", f"r{index}", PARAMS)
        cache.put(key, _completion(f"R{index}"), link=(named, f"s{index}"))
        names.append(named)
    found = cache.recall(names)
    assert len(found) == 2000
    assert found[names[1234]].completion.text == "R1234"

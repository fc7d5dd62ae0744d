"""With the project's real style guide: its changes reach the prompt, and the store validates."""

import shutil
from pathlib import Path

import pytest

from harness.gold import load_gold
from harness.prompts import load_prompt, reply_variables, validate_store
from tests.prompts.conftest import HERE, REPO

styleguide = pytest.importorskip("harness.styleguide")


@pytest.fixture
def root(store: Path) -> Path:
    shutil.copytree(REPO / "styleguide", store / "styleguide")
    return store


def test_a_lexicon_edit_reaches_the_rendered_prompt_and_its_hashes(root: Path) -> None:
    gold = load_gold(root / "gold" / "cases.jsonl")
    variables = reply_variables(gold.items[0])
    before = load_prompt("reply@1.1.0")
    guide = styleguide.load_styleguide()
    assert before.styleguide is not None and before.styleguide["version"] == guide.version
    first = guide.lexicon("jargon")[0]
    rendered = before.render(variables)
    assert first.replacement is not None
    assert f"→ {first.replacement.split(' / ')[0]}" in rendered.messages[0].content

    with (root / "styleguide" / "lexicons" / "jargon.tsv").open("a", encoding="utf-8") as file:
        file.write("quérir\taller chercher\ttest\t\n")
    after = load_prompt("reply@1.1.0")
    assert after.content_sha256 == before.content_sha256
    assert after.sha256 != before.sha256
    changed = after.render(variables)
    assert "quérir → aller chercher." in changed.messages[0].content
    assert changed.chat_sha256 != rendered.chat_sha256


def test_every_version_validates_against_the_test_gold_sets(root: Path) -> None:
    gold_sets = [
        load_gold(HERE / "gold_cases.jsonl"),
        load_gold(REPO / "tests" / "data" / "mini_gold.jsonl"),
    ]
    bundled = sorted((REPO / "gold").glob("*.jsonl"))
    gold_sets += [load_gold(path) for path in bundled]
    report = validate_store(gold_sets)
    assert report.problems == []
    assert report.warnings == []
    assert report.renders >= 5 * sum(len(g.items) for g in gold_sets)

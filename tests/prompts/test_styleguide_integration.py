"""With the project's real style guide: its changes reach the prompt, the store validates, and a
change that a released version would render fails both `plume prompts validate` and
`plume styleguide check`, in a folder that is not a git repository."""

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
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


runner = CliRunner()
CHECKS = (["prompts", "validate"], ["styleguide", "check"])
PLANTED = "présentement\ten ce moment\t[convention projet]\t\t\n"


@pytest.fixture
def released(root: Path) -> Path:
    """The project root with reply@1.1.0, which draws on the style guide, released; not in git."""
    not_git = subprocess.run(["git", "rev-parse"], cwd=root, capture_output=True, check=False)
    assert not_git.returncode != 0
    result = runner.invoke(app, ["prompts", "release", "reply@1.1.0"])
    assert result.exit_code == 0, result.output
    return root


def _outputs(expected_code: int) -> list[str]:
    outputs = []
    for command in CHECKS:
        result = runner.invoke(app, command)
        assert result.exit_code == expected_code, result.output
        outputs.append(" ".join(result.output.split()))  # rich wraps long lines
    return outputs


def test_a_planted_jargon_pair_fails_both_commands_then_a_new_version_takes_it(
    released: Path,
) -> None:
    with (released / "styleguide" / "lexicons" / "jargon.tsv").open("a", encoding="utf-8") as f:
        f.write(PLANTED)
    for output in _outputs(1):
        assert "reply@1.1.0 is released and would render differently with style guide" in output
        assert "`plume prompts new-version reply`" in output
        assert "Traceback" not in output

    for command in (["new-version", "reply"], ["release", "reply@1.2.0"]):
        result = runner.invoke(app, ["prompts", *command])
        assert result.exit_code == 0, result.output
    manifest = released / "prompts" / "reply" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    at = text.index("  - version: 1.1.0")
    deprecated = text[at:].replace("status: released", "status: deprecated", 1)
    manifest.write_text(text[:at] + deprecated, encoding="utf-8")
    _outputs(0)
    assert (
        "présentement → en ce moment"
        in load_prompt("reply")
        .render(reply_variables(load_gold(released / "gold" / "cases.jsonl").items[0]))
        .messages[0]
        .content
    )


def test_a_change_the_released_version_does_not_print_passes_both_commands(
    released: Path,
) -> None:
    rules = released / "styleguide" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    old = "C'est simple et chaleureux."
    assert text.count(old) == 1
    rules.write_text(text.replace(old, "C'est simple et chaleureux, sans être familier."))
    _outputs(0)

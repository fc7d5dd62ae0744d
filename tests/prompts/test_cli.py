"""`plume prompts ...`: what a user types and sees."""

import json
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.gold import GoldSet
from harness.prompts import load_prompt
from harness.runner import PromptMaker, RunSpec
from tests.prompts.conftest import FakeGuide

runner = CliRunner()


@pytest.fixture
def styleguide_module(monkeypatch: pytest.MonkeyPatch, guide: FakeGuide) -> None:
    """Stands in for ``harness.styleguide``, which the store imports only when a prompt needs it."""
    module = types.ModuleType("harness.styleguide")
    module.load_styleguide = lambda: guide  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "harness.styleguide", module)


def test_list_shows_every_version_with_status_and_lock(store: Path) -> None:
    result = runner.invoke(app, ["prompts", "list"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if "@" in line}
    assert set(lines) >= {"reply@1.0.0", "reply@1.1.0", "judge-tone@1.0.0"}
    assert "released" in lines["reply@1.0.0"] and "yes" in lines["reply@1.0.0"]
    assert "draft" in lines["reply@1.1.0"]


def test_show_prints_the_entry_hashes_and_sources(store: Path) -> None:
    result = runner.invoke(app, ["prompts", "show", "judge-tone"])
    assert result.exit_code == 0, result.output
    template = load_prompt("judge-tone")
    assert "judge-tone@1.0.0" in result.output and template.sha256 in result.output
    assert "lock: recorded" in result.output
    assert "Grille (note de 1 à 5)" in result.output  # the template source, markup untouched
    assert "[bold]" not in result.output


def test_render_prints_exactly_what_plume_run_sends_and_its_hash(
    store: Path, gold: GoldSet
) -> None:
    path = str(store / "gold" / "cases.jsonl")
    result = runner.invoke(app, ["prompts", "render", "reply@1.0.0", "--item", "cas-003",
                                 "--gold", path, "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    item = gold.items[2]
    maker = PromptMaker(load_prompt("reply@1.0.0"), gold, RunSpec(gold=gold.path), remote=False)
    chat, text = maker.prepare(item, "chat"), maker.prepare(item, "completion")
    assert shown["chat_sha256"] == chat.sha256 and shown["text_sha256"] == text.sha256
    assert isinstance(chat.payload, list)  # chat mode prepares messages
    assert shown["messages"] == [m.model_dump() for m in chat.payload]
    assert shown["text"] == text.payload
    assert shown["prompt"] == "reply@1.0.0"

    human = runner.invoke(app, ["prompts", "render", "reply", "--item", "cas-003", "--gold", path])
    assert human.exit_code == 0, human.output
    assert f"sha256 of the chat messages {chat.sha256}" in human.output
    assert "<message_usager>" in human.output


def test_render_of_a_judge_grades_the_given_candidate(store: Path) -> None:
    path = str(store / "gold" / "cases.jsonl")
    result = runner.invoke(app, ["prompts", "render", "judge-tone", "--item", "cas-002",
                                 "--gold", path, "--candidate", "Bonjour, merci."])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Bonjour, merci." in result.output and "compte 2 mots" in result.output


def test_render_of_an_unknown_item_or_prompt_is_one_clear_line(store: Path) -> None:
    path = str(store / "gold" / "cases.jsonl")
    result = runner.invoke(app, ["prompts", "render", "reply", "--item", "nope", "--gold", path])
    assert result.exit_code == 2
    assert "has no item 'nope'" in result.output and len(result.output.splitlines()) == 1
    result = runner.invoke(app, ["prompts", "render", "reponse", "--item", "cas-001"])
    assert result.exit_code == 2 and "did you mean reply?" in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("styleguide_module")
def test_validate_passes_then_fails_naming_the_edited_file(store: Path) -> None:
    result = runner.invoke(app, ["prompts", "validate"])
    assert result.exit_code == 0, result.output
    assert "all prompts valid" in result.output

    file = store / "prompts" / "reply" / "1.0.0" / "system.j2"
    file.write_text(file.read_text().replace("clair", "clai", 1))
    result = runner.invoke(app, ["prompts", "validate"])
    assert result.exit_code == 1
    assert str(file) in result.output.replace("\n", "")
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("styleguide_module")
def test_validate_renders_the_given_gold_sets(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    result = runner.invoke(app, ["prompts", "validate", "--gold", str(bad)])
    assert result.exit_code == 1 and "bad.jsonl:1" in result.output


def test_validate_without_the_style_guide_says_so(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "harness.styleguide", types.ModuleType("harness.styleguide"))
    result = runner.invoke(app, ["prompts", "validate"])
    assert result.exit_code == 1
    assert "reply@1.1.0: this prompt draws on the style guide" in result.output


@pytest.mark.usefixtures("styleguide_module")
def test_lock_then_release_then_diff(store: Path) -> None:
    result = runner.invoke(app, ["prompts", "lock"])
    assert result.exit_code == 0 and "nothing to lock" in result.output
    result = runner.invoke(app, ["prompts", "release", "reply@1.1.0"])
    assert result.exit_code == 0, result.output
    assert "released reply@1.1.0" in result.output
    result = runner.invoke(app, ["prompts", "validate"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["prompts", "diff", "reply@1.0.0", "reply@1.1.0"])
    assert result.exit_code == 0
    assert "+Les règles du guide de style de l'administration" in result.output
    assert '-  "styleguide": false' in result.output


def test_new_version_adds_a_draft_and_says_what_comes_next(store: Path) -> None:
    result = runner.invoke(app, ["prompts", "new-version", "judge-tone"])
    assert result.exit_code == 0, result.output
    assert "added the draft judge-tone@1.1.0" in result.output
    assert "plume prompts release judge-tone@1.1.0" in result.output
    assert (store / "prompts" / "judge-tone" / "1.1.0" / "user.j2").is_file()
    result = runner.invoke(app, ["prompts", "new-version", "judge-tone", "--version", "1.1.0"])
    assert result.exit_code == 2
    assert "newer than judge-tone@1.1.0" in result.output and "Traceback" not in result.output


def test_lock_refuses_to_change_an_entry(store: Path) -> None:
    file = store / "prompts" / "judge-tone" / "1.0.0" / "user.j2"
    file.write_text(file.read_text() + "\n")
    before = (store / "prompts" / "prompts.lock").read_text()
    result = runner.invoke(app, ["prompts", "lock"])
    assert result.exit_code == 2
    assert "judge-tone@1.0.0 is released and has changed" in result.output
    assert (store / "prompts" / "prompts.lock").read_text() == before


def test_plume_run_records_the_hash_that_render_shows(
    small_local_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness.runner import RunSpec, execute, read_samples
    from tests.models.fake_server import Scripted, ok, serve_in_thread
    from tests.runner.test_run import fake_models_yaml

    monkeypatch.setenv("FAKE_API_KEY", "fake-key")
    gold = small_local_root / "gold" / "mini.jsonl"
    script = Scripted([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(small_local_root, base_url)
        outcome = execute(RunSpec(gold=gold, prompt="reply", out=small_local_root / "runs"))
    assert outcome.manifest.prompt == "reply@1.0.0"
    assert outcome.manifest.prompt_sha256 == load_prompt("reply").sha256
    for record in read_samples(outcome.run_dir / "samples.jsonl"):
        shown = runner.invoke(
            app, ["prompts", "render", "reply@1.0.0", "--item", record.id, "--gold", str(gold),
                  "--remote", "--json"],
        )  # fmt: skip
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.output)["chat_sha256"] == record.prompt_sha256

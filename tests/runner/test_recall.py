"""A re-run finds its completions by recipe: no example chosen, no template rendered, no call."""

import json
from pathlib import Path

import pytest

from harness.gold import load_gold
from harness.prompts import load_prompt
from harness.runner import PromptMaker, RunSpec, _prepare, execute, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.runner.test_run import fake_models_yaml, spec_for


@pytest.fixture
def fake_root(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAKE_API_KEY", "fake-key")
    return small_local_root


@pytest.fixture
def prepared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the items whose prompt was asked for (the first one twice: see _generate)."""
    built: list[str] = []
    original = PromptMaker.prepare

    def counting(self: PromptMaker, item: object, mode: _prepare.Mode) -> _prepare.Prepared:
        built.append(item.id)  # type: ignore[attr-defined]
        return original(self, item, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(PromptMaker, "prepare", counting)
    return built


def test_a_rerun_builds_no_prompt_and_sends_nothing(fake_root: Path, prepared: list[str]) -> None:
    script = Scripted([ok("Bonjour, réponse gardée.")])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        first = execute(spec_for(fake_root))
        assert len(script.requests) == 3 and set(prepared) == {"ants-002", "caf-001", "cpam-003"}
        prepared.clear()
        second = execute(spec_for(fake_root))
    assert len(script.requests) == 3
    assert prepared == []
    before = {r.id: r for r in read_samples(first.run_dir / "samples.jsonl")}
    after = {r.id: r for r in read_samples(second.run_dir / "samples.jsonl")}
    assert before.keys() == after.keys()
    for item_id, record in after.items():
        assert record.completion is not None and record.completion.cached
        assert record.reply == before[item_id].reply == "Bonjour, réponse gardée."
        assert record.prompt_sha256 == before[item_id].prompt_sha256


def test_a_changed_gold_set_builds_prompts_again_and_finds_them_by_content(
    fake_root: Path, prepared: list[str]
) -> None:
    script = Scripted([ok()])
    gold = fake_root / "gold" / "mini.jsonl"
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        execute(spec_for(fake_root, few_shot=0))
        lines = gold.read_text(encoding="utf-8").splitlines()
        extra = json.loads(lines[0]) | {"id": "nouveau-004"}
        extra["experience"] = extra["experience"] | {"title": "Une autre demande"}
        gold.write_text("\n".join([*lines, json.dumps(extra, ensure_ascii=False)]) + "\n")
        prepared.clear()
        second = execute(spec_for(fake_root, few_shot=0))
        # The gold set's hash is in every recipe: each prompt is built again, and the three
        # unchanged ones are then found by their content, the new one is sent.
        assert set(prepared) == {"ants-002", "caf-001", "cpam-003", "nouveau-004"}
        assert len(script.requests) == 4
        prepared.clear()
        third = execute(spec_for(fake_root, few_shot=0))
        assert prepared == [] and len(script.requests) == 4
    cached = {r.id: r.completion.cached for r in read_samples(second.run_dir / "samples.jsonl")}
    assert cached == {"ants-002": True, "caf-001": True, "cpam-003": True, "nouveau-004": False}
    assert all(
        r.completion and r.completion.cached for r in read_samples(third.run_dir / "samples.jsonl")
    )


def test_options_that_change_a_prompt_change_its_recipe(fake_root: Path) -> None:
    gold = load_gold(fake_root / "gold" / "mini.jsonl")
    spec = RunSpec(gold=gold.path)
    reply = load_prompt("reply@1.0.0")

    def recipe(
        template: object = reply,
        remote: bool = False,
        mode: _prepare.Mode = "chat",
        **options: object,
    ) -> str:
        maker = PromptMaker(template, gold, spec.model_copy(update=options), remote=remote)  # type: ignore[arg-type]
        return maker.recipe("caf-001", mode)

    base = recipe()
    assert recipe() == base
    variants = [
        recipe(template=load_prompt("reply@1.1.0")),
        recipe(remote=True),
        recipe(mode="completion"),
        recipe(few_shot=1),
        recipe(include_signoff=True),
        recipe(signature="La Caf"),
        PromptMaker(reply, gold, spec, remote=False).recipe("cpam-003", "chat"),
    ]
    assert len({base, *variants}) == len(variants) + 1


def test_the_code_that_builds_prompts_is_in_every_recipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "plume_probe_builder.py"
    module.write_text("RULE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(_prepare, "_RENDERING_MODULES", ("plume_probe_builder",))
    monkeypatch.setattr(_prepare, "_RENDERING_PACKAGES", ())
    compute = _prepare.rendering_code_sha256.__wrapped__
    before = compute()
    module.write_text("RULE = 2\n", encoding="utf-8")
    assert compute() != before

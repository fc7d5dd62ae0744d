"""`plume run` end to end against a scripted endpoint: records, provenance, failures and resume."""

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from harness.errors import UsageError
from harness.models import ModelSpec
from harness.runner import RunManifest, RunResults, RunSpec, execute, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread


def fake_models_yaml(root: Path, base_url: str, model: str = "alias-x") -> None:
    (root / "models.yaml").write_text(
        "models:\n"
        "  - name: fake\n"
        "    provider: openai-compatible\n"
        f"    model: {model}\n"
        f"    base_url: {base_url}\n"
        "    api_key_env: FAKE_API_KEY\n"
        "    concurrency: 2\n",
        encoding="utf-8",
    )


@pytest.fixture
def fake_root(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAKE_API_KEY", "fake-key")
    return small_local_root


def spec_for(root: Path, **overrides: object) -> RunSpec:
    return RunSpec.model_validate(
        {"gold": root / "gold" / "mini.jsonl", "out": root / "runs"} | overrides
    )


def test_a_run_writes_every_file_with_one_record_per_item(fake_root: Path) -> None:
    script = Scripted([ok("Bonjour, votre dossier est complet.")])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        outcome = execute(spec_for(fake_root))
    run_dir = outcome.run_dir
    assert {p.name for p in run_dir.iterdir()} >= {"run.json", "samples.jsonl", "results.json"}
    records = read_samples(run_dir / "samples.jsonl")
    assert sorted(r.id for r in records) == ["ants-002", "caf-001", "cpam-003"]
    assert all(
        r.reply == "Bonjour, votre dossier est complet." and r.error is None for r in records
    )
    manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text())
    assert manifest.status == "completed"
    assert manifest.models[0].requested == "alias-x" and manifest.models[0].served == "model-x"
    assert manifest.gold.items == 3 and len(manifest.gold.sha256) == 64
    assert manifest.prompt.startswith("reply@")
    results = RunResults.model_validate_json((run_dir / "results.json").read_text())
    assert results.models["fake"].items == 3 and results.models["fake"].errors == 0


def test_every_request_carries_the_rendered_prompt_of_its_item(fake_root: Path) -> None:
    script = Scripted([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        execute(spec_for(fake_root, few_shot=0))
    users = [r["messages"][-1]["content"] for r in script.requests]
    gold = [
        json.loads(line) for line in (fake_root / "gold" / "mini.jsonl").read_text().splitlines()
    ]
    for item in gold:
        assert sum(item["experience"]["text"] in u for u in users) == 1


def test_an_unknown_model_fails_before_any_generation(fake_root: Path) -> None:
    script = Scripted([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url, model="not-served")
        with pytest.raises(UsageError, match="model-x"):
            execute(spec_for(fake_root))
    assert script.requests == []


def test_failures_are_recorded_and_resume_retries_only_them(fake_root: Path) -> None:
    failing = Scripted([(400, {"error": {"message": "bad request"}}, {})])
    with serve_in_thread(failing) as base_url:
        fake_models_yaml(fake_root, base_url)
        outcome = execute(spec_for(fake_root, limit=2, cache=False))
    results = RunResults.model_validate_json((outcome.run_dir / "results.json").read_text())
    assert results.models["fake"].errors == 2
    assert results.models["fake"].scores["overall"].mean is None
    assert results.models["fake"].scores["overall"].unscored == 2

    healthy = Scripted([ok()])
    with serve_in_thread(healthy) as base_url:
        fake_models_yaml(fake_root, base_url)
        execute(spec_for(fake_root, limit=2, cache=False), run_dir=outcome.run_dir)
    assert len(healthy.requests) == 2
    results = RunResults.model_validate_json((outcome.run_dir / "results.json").read_text())
    assert results.models["fake"].errors == 0 and results.models["fake"].items == 2


def test_resume_repairs_a_truncated_line_and_duplicates_nothing(fake_root: Path) -> None:
    script = Scripted([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        outcome = execute(spec_for(fake_root, cache=False))
        samples = outcome.run_dir / "samples.jsonl"
        lines = samples.read_text().splitlines(keepends=True)
        samples.write_text("".join(lines[:1]) + lines[1][: len(lines[1]) // 2])
        script.requests.clear()
        execute(spec_for(fake_root, cache=False), run_dir=outcome.run_dir)
    assert len(script.requests) == 2
    records = read_samples(samples)
    assert sorted(r.id for r in records) == ["ants-002", "caf-001", "cpam-003"]
    assert samples.read_text().endswith("\n")


def test_resume_refuses_a_changed_gold_set(fake_root: Path) -> None:
    script = Scripted([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        outcome = execute(spec_for(fake_root))
        gold = fake_root / "gold" / "mini.jsonl"
        gold.write_text(gold.read_text().replace("5 semaines", "6 semaines"))
        with pytest.raises(UsageError, match="changed"):
            execute(spec_for(fake_root), run_dir=outcome.run_dir)


def test_a_rerun_sends_nothing_and_records_the_same_replies(fake_root: Path) -> None:
    script = Scripted([ok("Bonjour, réponse en cache.")])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        first = execute(spec_for(fake_root))
        assert len(script.requests) == 3
        second = execute(spec_for(fake_root))
        assert len(script.requests) == 3
        uncached = execute(spec_for(fake_root, cache=False))
        assert len(script.requests) == 6
    before = {r.id: r for r in read_samples(first.run_dir / "samples.jsonl")}
    after = {r.id: r for r in read_samples(second.run_dir / "samples.jsonl")}
    assert after.keys() == before.keys() == {"ants-002", "caf-001", "cpam-003"}
    for item_id, record in after.items():
        assert record.completion is not None and record.completion.cached
        assert record.reply == before[item_id].reply == "Bonjour, réponse en cache."
        assert record.prompt_sha256 == before[item_id].prompt_sha256
        assert record.scores == before[item_id].scores
    fresh = read_samples(uncached.run_dir / "samples.jsonl")
    assert not any(r.completion is not None and r.completion.cached for r in fresh)


def test_a_changed_gold_set_sends_only_the_prompts_that_changed(fake_root: Path) -> None:
    script = Scripted([ok()])
    gold = fake_root / "gold" / "mini.jsonl"
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        execute(spec_for(fake_root, few_shot=0))
        lines = gold.read_text(encoding="utf-8").splitlines()
        extra = json.loads(lines[0]) | {"id": "nouveau-004"}
        extra["experience"] = extra["experience"] | {"title": "Une autre demande"}
        gold.write_text("\n".join([*lines, json.dumps(extra, ensure_ascii=False)]) + "\n")
        second = execute(spec_for(fake_root, few_shot=0))
    assert len(script.requests) == 4
    records = read_samples(second.run_dir / "samples.jsonl")
    cached = {r.id: r.completion is not None and r.completion.cached for r in records}
    assert cached == {"ants-002": True, "caf-001": True, "cpam-003": True, "nouveau-004": False}


@dataclass
class Held(Scripted):
    """Holds each answer until ``release`` is set; ``arrived`` counts the requests waiting."""

    release: threading.Event = field(default_factory=threading.Event)
    arrived: int = 0

    async def chat(self, request: web.Request) -> web.Response:
        self.arrived += 1
        while not self.release.is_set():
            await asyncio.sleep(0.02)
        return await super().chat(request)


def test_a_run_directory_has_one_writer(fake_root: Path) -> None:
    script = Held([(400, {"error": {"message": "bad request"}}, {}), ok()])
    script.release.set()
    spec = spec_for(fake_root, limit=1, cache=False)
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        failed = execute(spec)  # one failure: a resume has an item to send again
        script.release.clear()
        with ThreadPoolExecutor(max_workers=1) as pool:
            first = pool.submit(execute, spec, run_dir=failed.run_dir)
            try:
                while script.arrived < 2 and not first.done():
                    time.sleep(0.01)
                with pytest.raises(UsageError, match="another plume run"):
                    execute(spec, run_dir=failed.run_dir)
                during = RunManifest.model_validate_json((failed.run_dir / "run.json").read_text())
            finally:
                script.release.set()
            resumed = first.result(timeout=60)
    # The refused run left the running one's manifest alone.
    assert during.status == "running" and during.models
    results = RunResults.model_validate_json((resumed.run_dir / "results.json").read_text())
    assert results.models["fake"].errors == 0 and len(script.requests) == 2


def test_a_run_scores_only_the_criteria_it_is_asked_for(fake_root: Path) -> None:
    script = Scripted([ok("Bonjour, votre dossier est complet.")])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        bare = execute(spec_for(fake_root, scorers=[], limit=1))
        tone = execute(spec_for(fake_root, scorers=["tone"], limit=1))
        with pytest.raises(UsageError, match="unknown scorer 'style'"):
            execute(spec_for(fake_root, scorers=["style"], limit=1))
    assert read_samples(bare.run_dir / "samples.jsonl")[0].scores == {}
    assert bare.manifest.scorers == {}
    scored = read_samples(tone.run_dir / "samples.jsonl")[0].scores
    assert "tone" in scored and "accuracy" not in scored and "conciseness" not in scored
    assert set(tone.manifest.scorers) == {"tone"}


def test_only_a_run_that_reads_the_style_guide_records_it_and_is_held_to_it(
    fake_root: Path,
) -> None:
    script = Scripted([ok("Bonjour, votre dossier est complet.")])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        bare = execute(spec_for(fake_root, scorers=[], limit=1))
        toned = execute(spec_for(fake_root, scorers=["tone"], limit=1))
        rules = fake_root / "styleguide" / "rules.yaml"
        rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        resumed = execute(spec_for(fake_root, scorers=[], limit=1), run_dir=bare.run_dir)
        with pytest.raises(UsageError, match="the style guide changed"):
            execute(spec_for(fake_root, scorers=["tone"], limit=1), run_dir=toned.run_dir)
    assert bare.manifest.styleguide is None and resumed.manifest.status == "completed"
    assert toned.manifest.styleguide is not None
    assert set(toned.manifest.styleguide) == {"version", "sha256"}


def test_resume_refuses_scores_of_another_scorer_version(fake_root: Path) -> None:
    script = Scripted([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(fake_root, base_url)
        outcome = execute(spec_for(fake_root))
        manifest_file = outcome.run_dir / "run.json"
        manifest = json.loads(manifest_file.read_text())
        manifest["scorers"]["accuracy"] = "0.9.0"  # the run began under an older Plume
        manifest_file.write_text(json.dumps(manifest))
        with pytest.raises(UsageError, match="scorers' versions changed"):
            execute(spec_for(fake_root), run_dir=outcome.run_dir)


def test_a_newer_plume_with_another_option_hashes_the_same_models() -> None:
    # A run interrupted under an older Plume must resume under one that added an option.
    from harness.runner._run import models_sha256

    class Newer(ModelSpec):
        future_option: str = "its default"

    declared = {"name": "m", "provider": "openai-compatible", "model": "x", "base_url": "http://h"}
    older, newer = ModelSpec.model_validate(declared), Newer.model_validate(declared)
    assert models_sha256([older]) == models_sha256([newer])
    other = Newer.model_validate(declared | {"future_option": "set"})
    assert models_sha256([older]) != models_sha256([other])

"""A split chooses items by a hash of their id; runs written before --shard was retired still
read."""

from pathlib import Path

import pytest

from harness.gold import load_gold, split_of
from harness.runner import RunManifest, RunSpec, execute, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.runner.test_faults import make_gold
from tests.runner.test_run import fake_models_yaml


def test_a_split_runs_only_its_items(
    small_local_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    gold = make_gold(small_local_root, 20)
    expected = {i.id for i in load_gold(gold).items if split_of(i.id) == "train"}
    with serve_in_thread(Scripted([ok()])) as base_url:
        fake_models_yaml(small_local_root, base_url)
        spec = RunSpec(gold=gold, out=small_local_root / "runs", few_shot=0, split="train")
        run_dir = execute(spec).run_dir
    assert {r.id for r in read_samples(run_dir / "samples.jsonl")} == expected
    # A run.json of an earlier version, whose spec said it was not a shard, still reads.
    run_json = run_dir / "run.json"
    older = run_json.read_text().replace('"split": "train",', '"split": "train", "shard": null,')
    assert '"shard": null' in older
    assert RunManifest.model_validate_json(older).spec == spec

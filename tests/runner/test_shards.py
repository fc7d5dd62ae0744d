"""Splits and shards choose items by a hash of their id; merge joins the shards of one run."""

from pathlib import Path

import pytest

from harness.errors import UsageError
from harness.gold import load_gold, split_of
from harness.runner import RunSpec, execute, merge_runs, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.runner.test_faults import make_gold
from tests.runner.test_run import fake_models_yaml


@pytest.fixture
def sharded(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    return small_local_root, make_gold(small_local_root, 20)


def run(root: Path, gold: Path, base_url: str, **options: object) -> Path:
    fake_models_yaml(root, base_url)
    spec = RunSpec.model_validate({"gold": gold, "out": root / "runs", "few_shot": 0} | options)
    return execute(spec).run_dir


def test_shards_partition_the_items_and_merge_into_one_run(sharded: tuple[Path, Path]) -> None:
    root, gold = sharded
    with serve_in_thread(Scripted([ok()])) as base_url:
        dirs = [run(root, gold, base_url, shard=(i, 3)) for i in (1, 2, 3)]
        whole = run(root, gold, base_url)
    parts = [{r.id for r in read_samples(d / "samples.jsonl")} for d in dirs]
    assert all(parts)
    assert sum(len(p) for p in parts) == 20 and set().union(*parts) == {
        r.id for r in read_samples(whole / "samples.jsonl")
    }
    merged = merge_runs(dirs, root / "merged")
    assert {r.id for r in read_samples(merged.run_dir / "samples.jsonl")} == set().union(*parts)
    assert merged.manifest.gold.items == 20 and merged.manifest.spec.shard is None
    assert (merged.run_dir / "results.json").is_file()


def test_an_item_stays_in_its_shard_when_the_gold_set_grows(sharded: tuple[Path, Path]) -> None:
    root, gold = sharded
    with serve_in_thread(Scripted([ok()])) as base_url:
        before = run(root, gold, base_url, shard=(2, 3))
        grown = make_gold(root, 40)  # the same 20 items, and 20 more
        after = run(root, grown, base_url, shard=(2, 3))
    kept = {r.id for r in read_samples(before / "samples.jsonl")}
    now = {r.id for r in read_samples(after / "samples.jsonl")}
    assert kept and now > kept
    assert {item_id for item_id in now if int(item_id.removeprefix("item-")) < 20} == kept


def test_merge_refuses_overlapping_or_different_runs(sharded: tuple[Path, Path]) -> None:
    root, gold = sharded
    with serve_in_thread(Scripted([ok()])) as base_url:
        one = run(root, gold, base_url, shard=(1, 2))
        again = run(root, gold, base_url, shard=(1, 2))
        other_prompt = run(root, gold, base_url, shard=(2, 2), few_shot=1)
    with pytest.raises(UsageError, match="must not overlap"):
        merge_runs([one, again])
    with pytest.raises(UsageError, match="only shards of one run"):
        merge_runs([one, other_prompt])


def test_a_split_runs_only_its_items(sharded: tuple[Path, Path]) -> None:
    root, gold = sharded
    expected = {i.id for i in load_gold(gold).items if split_of(i.id) == "train"}
    with serve_in_thread(Scripted([ok()])) as base_url:
        run_dir = run(root, gold, base_url, split="train")
    assert {r.id for r in read_samples(run_dir / "samples.jsonl")} == expected

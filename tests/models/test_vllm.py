"""The ``vllm`` provider: Plume starts ``vllm serve``, runs against it and stops it.

No GPU here, so ``vllm`` is the fake of its documented CLI in ``fake_vllm.py``, put first on PATH.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.errors import InputError, UsageError
from harness.models import load_models
from harness.runner import RunSpec, execute, read_samples
from tests.ray_cluster import fake_vllm_on_path

PLUME = [sys.executable, "-m", "harness.cli"]

MODELS_YAML = """\
models:
  - name: qwen
    provider: vllm
    model: Qwen/Qwen2.5-7B-Instruct
    vllm_args: [--max-model-len, "8192"]
    remote: false
    params: {temperature: 0.0, max_tokens: 200}
"""


@pytest.fixture
def root(small_local_root: Path) -> Path:
    (small_local_root / "models.yaml").write_text(MODELS_YAML, encoding="utf-8")
    return small_local_root


def plume_run(root: Path, out: Path, path: str) -> subprocess.CompletedProcess[str]:
    gold = root / "gold" / "mini.jsonl"
    return subprocess.run(
        [*PLUME, "run", "--models", "qwen", "--gold", str(gold), "--out", str(out), "--limit", "2"],
        env=os.environ | {"PLUME_ROOT": str(root), "PATH": path},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_plume_starts_vllm_runs_against_it_and_stops_it(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    done = plume_run(root, out, fake_vllm_on_path(tmp_path / "bin"))
    assert done.returncode == 0, done.stderr
    (run_dir,) = [p for p in out.iterdir() if p.is_dir()]
    samples = [json.loads(line) for line in (run_dir / "samples.jsonl").read_text().splitlines()]
    assert len(samples) == 2 and all(s["reply"].startswith("Bonjour") for s in samples)
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert manifest["models"][0]["served"] == "Qwen/Qwen2.5-7B-Instruct"
    log = (run_dir / "logs" / "vllm-qwen.log").read_text(encoding="utf-8")
    found = re.search(r"fake vllm pid (\d+) argv (.*)", log)
    assert found is not None, log
    argv = json.loads(found[2])
    assert argv[:2] == ["serve", "Qwen/Qwen2.5-7B-Instruct"]
    assert (
        argv[-2:] == ["--max-model-len", "8192"] and argv[argv.index("--host") + 1] == "127.0.0.1"
    )
    assert_gone(int(found[1]))


def assert_gone(pid: int) -> None:
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    status = Path(f"/proc/{pid}/status")
    assert not status.exists() or "zombie" in status.read_text(), "vllm outlived the run"


def test_without_vllm_the_run_stops_with_one_clear_line(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    done = plume_run(root, out, "/usr/bin:/bin")
    assert done.returncode == 2
    assert done.stderr.strip() == "error: vllm is not installed: pip install vllm on a GPU machine"


@pytest.mark.usefixtures("ray_cluster")
def test_a_vllm_model_runs_on_each_gpu_node_of_a_ray_cluster(root: Path, tmp_path: Path) -> None:
    # The shared cluster's nodes have the fake on PATH and one GPU declared, which Ray only
    # counts (no CUDA needed to place an actor on it).
    gold = root / "gold" / "mini.jsonl"
    spec = RunSpec(gold=gold, models=["qwen"], out=tmp_path / "runs", cache=False, limit=2)
    run_dir = execute(spec, engine="ray").run_dir
    records = read_samples(run_dir / "samples.jsonl")
    assert len(records) == 2 and all((r.reply or "").startswith("Bonjour") for r in records)
    log = (run_dir / "logs" / "vllm-qwen.log").read_text(encoding="utf-8")
    assert_gone(int(re.findall(r"fake vllm pid (\d+)", log)[0]))


@pytest.mark.usefixtures("gpu_less_cluster")
def test_a_vllm_model_on_a_cluster_without_gpu_is_refused_in_one_line(
    root: Path, tmp_path: Path
) -> None:
    gold = root / "gold" / "mini.jsonl"
    spec = RunSpec(gold=gold, models=["qwen"], out=tmp_path / "runs", cache=False, limit=2)
    with pytest.raises(UsageError, match="needs vLLM on a GPU: no Ray node has one"):
        execute(spec, engine="ray")


def test_a_vllm_model_must_be_served_by_plume(root: Path) -> None:
    (root / "models.yaml").write_text(MODELS_YAML.replace("remote: false", "remote: true"))
    with pytest.raises(InputError, match="remote: false"):
        load_models(root / "models.yaml")

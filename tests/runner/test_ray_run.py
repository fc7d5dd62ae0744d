"""`plume run --engine ray` on a local Ray cluster gives the records of the in-process engine, and
loses or duplicates nothing when a worker is killed."""

import asyncio
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from typer.testing import CliRunner

from harness.cli import app
from harness.errors import UsageError
from harness.runner import RunManifest, RunSpec, SampleRecord, execute, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.runner.test_faults import item_of, make_gold
from tests.runner.test_run import fake_models_yaml

ray = pytest.importorskip("ray")
ITEMS = 40


@pytest.fixture(scope="module", autouse=True)
def cluster() -> Iterator[None]:
    ray.init(
        address="local",  # never a cluster the developer left running
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level="WARNING",
    )
    yield
    ray.shutdown()


@dataclass
class Echo(Scripted):
    """Answers each item with a reply of its own length, after a short delay."""

    delay_s: float = 0.05

    async def chat(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        await asyncio.sleep(self.delay_s)
        number = int(item_of(body).removeprefix("item-"))
        sentence = "Votre dossier est complet et sera traité sous huit jours. "
        return web.json_response(ok(f"Bonjour, {sentence * (1 + number % 4)}")[1])


@pytest.fixture
def root(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAKE_API_KEY", "fake-key")
    make_gold(small_local_root, ITEMS)
    return small_local_root


def spec_for(root: Path) -> RunSpec:
    # No cache: each engine sends its own requests.
    return RunSpec(gold=root / "gold" / "many.jsonl", out=root / "runs", cache=False)


def comparable(run_dir: Path) -> list[dict[str, Any]]:
    """The run's records without what depends on timing, in item order."""
    records = read_samples(run_dir / "samples.jsonl")
    return sorted(
        (
            r.model_dump(
                exclude={
                    "started_at": True,
                    "completed_at": True,
                    "completion": {"latency_s", "attempts"},
                }
            )
            for r in records
        ),
        key=lambda r: (r["id"], r["model"]),
    )


def run_both(root: Path, script: Echo) -> tuple[Path, Path]:
    with serve_in_thread(script) as base_url:
        fake_models_yaml(root, base_url)
        local = execute(spec_for(root)).run_dir
        on_ray = execute(spec_for(root), engine="ray").run_dir
    return local, on_ray


def test_ray_gives_the_records_of_the_local_engine(root: Path) -> None:
    script = Echo([ok()])
    local, on_ray = run_both(root, script)
    expected = comparable(local)
    assert len(expected) == ITEMS and all(r["error"] is None for r in expected)
    assert len({r["scores"]["overall"]["value"] for r in expected}) > 1  # replies tell items apart
    assert comparable(on_ray) == expected
    assert len(script.requests) == 2 * ITEMS
    manifest = RunManifest.model_validate_json((on_ray / "run.json").read_text())
    assert manifest.status == "completed" and manifest.models[0].served == "model-x"


def _running_batches() -> list[int]:
    """Worker processes running a batch of a run now (Ray names them after the function)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if command.startswith(b"ray::_run_batch"):
                found.append(int(entry.name))
    return found


def test_a_killed_worker_loses_and_duplicates_nothing(root: Path) -> None:
    killed: list[int] = []
    stop = threading.Event()

    def kill_one() -> None:
        while not stop.is_set() and not killed:
            for pid in _running_batches():
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                break
            time.sleep(0.02)

    script = Echo([ok()], delay_s=0.2)
    with serve_in_thread(script) as base_url:
        fake_models_yaml(root, base_url)
        local = execute(spec_for(root)).run_dir
        killer = threading.Thread(target=kill_one)
        killer.start()
        try:
            on_ray = execute(spec_for(root), engine="ray").run_dir
        finally:
            stop.set()
            killer.join()
    assert killed, "no batch was seen running"
    records: list[SampleRecord] = read_samples(on_ray / "samples.jsonl")
    assert len({(r.id, r.model) for r in records}) == len(records) == ITEMS
    assert comparable(on_ray) == comparable(local)
    # At most the killed task's items (as many as the model's concurrency, 2) were sent again.
    assert 2 * ITEMS <= len(script.requests) <= 2 * ITEMS + 2


def test_the_command_runs_on_ray_and_records_no_engine(root: Path) -> None:
    with serve_in_thread(Echo([ok()], delay_s=0)) as base_url:
        fake_models_yaml(root, base_url)
        gold = str(root / "gold" / "many.jsonl")
        result = CliRunner().invoke(
            app, ["run", "--gold", gold, "--out", str(root / "runs"), "--engine", "ray"]
        )
    assert result.exit_code == 0, result.output
    (run_json,) = (root / "runs").glob("*/run.json")
    assert "engine" not in run_json.read_text()  # it changes no score: resume picks any engine
    assert len(read_samples(run_json.parent / "samples.jsonl")) == ITEMS


def test_the_batch_api_is_refused_on_ray(root: Path) -> None:
    spec = RunSpec(gold=root / "gold" / "many.jsonl", batch=True)
    with pytest.raises(UsageError, match="drop --engine ray"):
        execute(spec, engine="ray")

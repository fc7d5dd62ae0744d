"""`plume run --engine ray` on a local Ray cluster gives the records of the in-process engine,
loses or duplicates nothing when a worker is killed, and resumes after Ctrl-C."""

import asyncio
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from typer.testing import CliRunner

from harness.cli import app
from harness.errors import UsageError
from harness.runner import RunManifest, RunSpec, SampleRecord, execute, read_samples
from tests.e2e.test_local_model import assert_all_stopped
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.ray_cluster import NODES_KEY, SESSIONS, running_tasks
from tests.runner.plume import PLUME, default_signals, resume, wait_for_samples
from tests.runner.test_faults import item_of, make_gold
from tests.runner.test_run import fake_models_yaml

ray = pytest.importorskip("ray")
ITEMS = 20
"""Ten tasks of two items, two of them refused by ``Echo(too_long=True)``."""


pytestmark = pytest.mark.usefixtures("ray_cluster")


@dataclass
class Echo(Scripted):
    """Answers each prompt with a reply of its own length, after a short delay; with
    ``too_long``, about one prompt in ten is refused (by the first item id it shows: the item's,
    or an example's)."""

    delay_s: float = 0.05
    too_long: bool = False

    async def chat(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        await asyncio.sleep(self.delay_s)
        number = int(item_of(body).removeprefix("item-"))
        if self.too_long and number % 10 == 3:
            return web.json_response({"error": {"message": "prompt is too long"}}, status=400)
        sentence = "Votre dossier est complet et sera traité sous huit jours. "
        return web.json_response(ok(f"Bonjour, {sentence * (1 + number % 4)}")[1])


@pytest.fixture
def root(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAKE_API_KEY", NODES_KEY)
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
                    "completion": {"latency_s"},
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
    script = Echo([ok()], too_long=True)
    local, on_ray = run_both(root, script)
    expected = comparable(local)
    assert len(expected) == ITEMS
    failed = [r["cause"] for r in expected if r["error"]]
    assert failed and set(failed) == {"context_too_long"}
    replied = [r for r in expected if r["error"] is None]
    assert len({r["scores"]["overall"]["value"] for r in replied}) > 1  # replies tell items apart
    assert comparable(on_ray) == expected
    assert len(script.requests) == 2 * ITEMS
    manifest = RunManifest.model_validate_json((on_ray / "run.json").read_text())
    assert manifest.status == "completed_with_failures" and manifest.models[0].served == "model-x"


def test_the_nodes_read_the_key_from_their_environment_and_ray_never_writes_it(root: Path) -> None:
    script = Echo([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(root, base_url)
        # One task is enough: the key would be written when the endpoint's actor starts.
        spec = RunSpec(gold=root / "gold" / "many.jsonl", out=root / "runs", cache=False, limit=2)
        run_dir = execute(spec, engine="ray").run_dir
    assert len(read_samples(run_dir / "samples.jsonl")) == 2 and script.requests
    # Ray logs the runtime environments it sets up (runtime_env_agent.log): a key given to an
    # actor that way would be written there.
    files = [path for path in SESSIONS[-1].rglob("*") if path.is_file()]
    assert files and not [path for path in files if NODES_KEY.encode() in path.read_bytes()]


def test_a_node_without_the_models_key_is_refused_in_one_line(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTHER_API_KEY", "set-in-this-shell-only")
    with serve_in_thread(Echo([ok()])) as base_url:
        fake_models_yaml(root, base_url)
        models = root / "models.yaml"
        models.write_text(models.read_text().replace("FAKE_API_KEY", "OTHER_API_KEY"))
        with pytest.raises(UsageError, match="OTHER_API_KEY is not set on Ray node"):
            execute(spec_for(root), engine="ray")


def test_a_killed_worker_loses_and_duplicates_nothing(root: Path) -> None:
    killed: list[int] = []
    stop = threading.Event()

    def kill_one() -> None:
        while not stop.is_set() and not killed:
            for pid in running_tasks("_run_batch"):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                script.delay_s = 0  # no one waits any longer
                break
            time.sleep(0.02)

    script = Echo([ok()], delay_s=0)
    with serve_in_thread(script) as base_url:
        fake_models_yaml(root, base_url)
        local = execute(spec_for(root)).run_dir
        script.delay_s = 0.2  # slow enough that the killer finds a batch running
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
        out = str(root / "runs")
        result = CliRunner().invoke(
            app, ["run", "--gold", gold, "--out", out, "--engine", "ray", "--limit", "4"]
        )
    assert result.exit_code == 0, result.output
    (run_json,) = (root / "runs").glob("*/run.json")
    assert "engine" not in run_json.read_text()  # it changes no score: resume picks any engine
    assert len(read_samples(run_json.parent / "samples.jsonl")) == 4


def test_an_unknown_model_fails_on_ray_with_the_message_of_in_process(root: Path) -> None:
    with serve_in_thread(Echo([ok()])) as base_url:
        fake_models_yaml(root, base_url, model="absent")
        with pytest.raises(UsageError, match=r"^model 'fake': .* does not serve 'absent'"):
            execute(spec_for(root), engine="ray")  # one line, not Ray's traceback


def test_the_batch_api_is_refused_on_ray(root: Path) -> None:
    spec = RunSpec(gold=root / "gold" / "many.jsonl", batch=True)
    with pytest.raises(UsageError, match="drop --engine ray"):
        execute(spec, engine="ray")


def test_a_ray_run_stopped_by_ctrl_c_resumes(root: Path, ray_cluster: str) -> None:
    out = root / "runs"
    script = Echo([ok()], delay_s=0.4)  # slow enough to be stopped midway: 3 s after 4 items
    with serve_in_thread(script) as base_url:
        fake_models_yaml(root, base_url)
        # Nothing to anonymise, screen or score: the driver's new workers and actor start without
        # spaCy (a second of CPU each), and what Ctrl-C can break is the run's files.
        models = root / "models.yaml"
        models.write_text(models.read_text() + "    remote: false\n")
        command = [*PLUME, "run", "--gold", str(root / "gold" / "many.jsonl"), "--out", str(out)]
        command += ["--no-cache", "--scorers", "none"]
        driver = subprocess.Popen(
            [*command, "--engine", "ray", "--address", ray_cluster],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=default_signals,
        )
        samples = wait_for_samples(out, 4)
        assert samples is not None, driver.communicate(timeout=60)[1]
        driver.send_signal(signal.SIGINT)
        _, stderr = driver.communicate(timeout=120)
        assert driver.returncode == 130, stderr
        run_dir = samples.parent
        assert f"plume run --resume {run_dir}" in " ".join(stderr.split())
        manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text())
        assert manifest.status == "interrupted"
        assert len(read_samples(samples)) < ITEMS
        script.delay_s = 0
        resumed = resume(run_dir, os.environ.copy())
    assert resumed.returncode == 0, resumed.stderr
    records = read_samples(samples)
    assert len({(r.id, r.model) for r in records}) == len(records) == ITEMS


@pytest.mark.local_model
def test_a_local_model_runs_in_an_actor_that_starts_and_stops_its_server(
    small_local_root: Path,
) -> None:
    gold = small_local_root / "gold" / "mini.jsonl"
    out = small_local_root / "runs"
    spec = RunSpec(gold=gold, models=["smollm2"], out=out, cache=False, limit=2)
    run_dir = execute(spec, engine="ray").run_dir
    records = read_samples(run_dir / "samples.jsonl")
    assert sorted(r.id for r in records) == ["ants-002", "caf-001"]
    # The tiny model may answer nothing usable on a busy machine: a reply or a named failure.
    assert all(r.reply or r.cause for r in records)
    manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text())
    assert manifest.models[0].served == "SmolLM2-135M-Instruct"
    assert_all_stopped(run_dir)  # killed with its actor at the end of the run

"""The local Ray cluster the Ray tests share, a cluster of its own for a test that needs another
shape, and the cluster's workers, for the tests that kill one."""

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NODES_KEY = "fake-key-held-by-the-ray-nodes"
"""The test models' key (``FAKE_API_KEY``) in the cluster's environment, as a deployment's nodes
hold their providers' keys: Plume never sends one through Ray."""
SESSIONS: list[Path] = []
"""The session folders of the clusters started here, newest last (Ray's logs are under them)."""


FAKE_VLLM = Path(__file__).with_name("models") / "fake_vllm.py"


def fake_vllm_on_path(bin_dir: Path) -> str:
    """``PATH`` with ``bin_dir`` first, holding a ``vllm`` that runs the fake of its CLI."""
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "vllm"
    # exec keeps the pid, so the pid the fake prints is the process Plume started.
    script.write_text(f'#!/bin/sh\nexec {sys.executable} {FAKE_VLLM} "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def _start(num_gpus: int, bin_dir: Path) -> str:
    """Start a local cluster (never one the developer left running); its address, for a second
    driver. Its nodes have vLLM (the fake, in ``bin_dir``) and ``num_gpus`` GPUs, declared, not
    detected (Ray only counts them to place an actor), so that a GPU machine runs the same
    tests."""
    ray = pytest.importorskip("ray")
    with pytest.MonkeyPatch.context() as env:  # the nodes keep the environment they start with
        env.setenv("FAKE_API_KEY", NODES_KEY)
        env.setenv("PATH", fake_vllm_on_path(bin_dir))
        context = ray.init(
            address="local",
            # One CPU: each job (this process, and each `plume` a test starts) then keeps one
            # worker busy, which loads Plume and the French model once, instead of one per core.
            # Tasks still run in several processes (tasks, actors, a retried task's new worker);
            # the tests check what a run on Ray gives, not how fast.
            num_cpus=1,
            num_gpus=num_gpus,
            include_dashboard=False,
            log_to_driver=False,
            logging_level="WARNING",
            # Ray's default nice 15 would starve the workers behind the other tests of the suite,
            # while this test waits for them; plume runs its own local cluster at priority 0 too.
            # Ray ends idle workers beyond one per core, those of the tests' own job among them
            # while a `plume` child's job holds others: they would load Plume and spaCy again.
            _system_config={"worker_niceness": 0, "kill_idle_workers_interval_ms": 0},
        )
    SESSIONS.append(Path(context.address_info["session_dir"]))
    return str(ray.get_runtime_context().gcs_address)


def shared_cluster(bin_dir: Path) -> str:
    """This process's cluster, with one GPU, started by the first test module that needs one and
    kept for the next: their tasks find workers with Python, Plume and the French model already
    loaded. Killing a worker or a driver leaves it whole. Ended after the last test of the last
    module in a row that uses it (tests/conftest.py), or by :func:`own_cluster`."""
    ray = pytest.importorskip("ray")
    if not ray.is_initialized():
        return _start(1, bin_dir)
    return str(ray.get_runtime_context().gcs_address)


@contextmanager
def own_cluster(num_gpus: int, bin_dir: Path) -> Iterator[str]:
    """A cluster of its own, for a test that needs other resources than the shared one: the
    shared one ends first (Ray connects a process to one cluster) and the next module that needs
    it starts it again."""
    ray = pytest.importorskip("ray")
    ray.shutdown()
    try:
        yield _start(num_gpus, bin_dir)
    finally:
        ray.shutdown()


def running_tasks(function: str) -> list[int]:
    """Worker processes of this test's cluster running ``function`` now (Ray names them after
    it); a job elsewhere on the machine (a benchmark, another checkout) is not ours to kill."""
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                commands[int(entry.name)] = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    ours = {os.getpid()}  # the cluster was started here: its processes descend from this one
    while grown := {pid for pid, parent in parents.items() if parent in ours} - ours:
        ours |= grown
    return [pid for pid in ours if commands[pid].startswith(f"ray::{function}".encode())]
